package org.mediationledger.command.config;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Unit test with a mocked scheduler: a deadline that the scheduler picks between the lookup and the removal
 * makes db-scheduler refuse the removal; the command that met the deadline must not fail for that (an
 * agreement answered 500 once when it raced its already-past mediation period).
 */
class PersistentDeadlinesCancellationTest {

    @Test
    @SuppressWarnings("unchecked")
    void aDeadlinePickedWhileBeingCancelled_doesNotFailTheCancellation() {
        Serializer serializer = JacksonSerializer.defaultSerializer();
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor("DisputeCase", "case-1");
        byte[] serializedScope = serializer.serialize(scope, byte[].class).getData();
        Scheduler scheduler = mock(Scheduler.class);
        ScheduledExecution<DbSchedulerBinaryDeadlineDetails> execution = mock(ScheduledExecution.class);
        TaskInstanceId instance = TaskInstanceId.of("AxonDeadline", "id-1");
        when(execution.getData()).thenReturn(new DbSchedulerBinaryDeadlineDetails("mediation-period", serializedScope,
                "scope-class", new byte[0], "payload-class", null, new byte[0]));
        when(execution.getTaskInstance()).thenReturn(instance);
        doAnswer(call -> {
            ((Consumer<ScheduledExecution<DbSchedulerBinaryDeadlineDetails>>) call.getArgument(3)).accept(execution);
            return null;
        }).when(scheduler).fetchScheduledExecutionsForTask(eq("AxonDeadline"), eq(DbSchedulerBinaryDeadlineDetails.class),
                any(ScheduledExecutionsFilter.class), any(Consumer.class));
        // what db-scheduler throws when the execution's row changed (was picked) since it was read
        doThrow(new ExecutionException("Expected one execution to be removed, but removed 0",
                new Execution(Instant.now(), new TaskInstance<>("AxonDeadline", "id-1"))))
                .when(scheduler).cancel(instance);

        PersistentDeadlines deadlines = new PersistentDeadlines(mock(DbSchedulerDeadlineManager.class), scheduler, "AxonDeadline", serializer);

        assertThatCode(() -> deadlines.cancelAllWithinScope("mediation-period", scope)).doesNotThrowAnyException();
        verify(scheduler).cancel(instance);
    }
}
