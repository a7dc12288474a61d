package org.mediationledger.command.config;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Unit tests with a mocked scheduler: a deadline that the scheduler picks between the lookup and the removal
 * makes db-scheduler refuse the removal; the command that met the deadline must not fail for that (an
 * agreement answered 500 once when it raced its already-past mediation period). The real scheduler and
 * table are in PersistentDeadlinesTest.
 */
class PersistentDeadlinesCancellationTest {

    private static final AggregateScopeDescriptor SCOPE = new AggregateScopeDescriptor("DisputeCase", "case-1");
    private static final TaskInstanceId INSTANCE = TaskInstanceId.of("AxonDeadline", "id-1");

    private final Scheduler scheduler = mock(Scheduler.class);
    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final PersistentDeadlines deadlines = new PersistentDeadlines(mock(DbSchedulerDeadlineManager.class), scheduler,
            "AxonDeadline", jdbc);

    @Test
    void aDeadlinePickedWhileBeingCancelled_doesNotFailTheCancellation() {
        recorded("id-1");
        scheduled(false);
        // what db-scheduler throws when the execution's row changed (was picked) since it was read
        doThrow(new ExecutionException("Expected one execution to be removed, but removed 0",
                new Execution(Instant.now(), new TaskInstance<>("AxonDeadline", "id-1"))))
                .when(scheduler).cancel(INSTANCE);

        assertThatCode(() -> deadlines.cancelAllWithinScope("mediation-period", SCOPE)).doesNotThrowAnyException();
        verify(scheduler).cancel(INSTANCE);
    }

    @Test
    void aRunningDeadline_isLeftAlone() {
        recorded("id-1");
        scheduled(true);

        deadlines.cancelAllWithinScope("mediation-period", SCOPE);
        verify(scheduler, never()).cancel(INSTANCE);
    }

    @Test
    void aDeadlineThatFiredAlready_isNothingToCancel() {
        recorded("id-1");
        when(scheduler.getScheduledExecution(INSTANCE)).thenReturn(Optional.empty());

        assertThatCode(() -> deadlines.cancelAllWithinScope("mediation-period", SCOPE)).doesNotThrowAnyException();
        verify(scheduler, never()).cancel(INSTANCE);
    }

    /** The execution of INSTANCE in the scheduler's table, picked (running) or not. */
    @SuppressWarnings("unchecked")
    private void scheduled(boolean picked) {
        ScheduledExecution<Object> execution = mock(ScheduledExecution.class);
        when(execution.isPicked()).thenReturn(picked);
        when(scheduler.getScheduledExecution(INSTANCE)).thenReturn(Optional.of(execution));
    }

    private void recorded(String... scheduleIds) {
        when(jdbc.queryForList(anyString(), eq(String.class), eq(SCOPE.scopeDescription()), eq("mediation-period")))
                .thenReturn(List.of(scheduleIds));
    }
}
