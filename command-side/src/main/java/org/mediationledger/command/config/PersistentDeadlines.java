package org.mediationledger.command.config;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deadline manager aggregates use: Axon's db-scheduler manager, with two differences (decision 0024).
 * <ul>
 *   <li>Cancelling is by id. Each scheduled deadline's id is recorded under its scope and name
 *   ({@code deadline_schedule}, in the command's transaction), so "cancel the mediation period of this
 *   case" removes that one row. Axon's own cancellation reads and deserializes every scheduled deadline.</li>
 *   <li>A deadline the scheduler is running at that very moment is left alone. Axon's cancellation tries
 *   to remove it too, db-scheduler refuses, and the command that met the deadline failed with a 500 (seen
 *   when an agreement arrived while its already-past mediation period was firing). A running deadline
 *   needs no cancelling: its handler sees that the deadline was met and records nothing.</li>
 * </ul>
 * Ids of deadlines that fired stay recorded until their scope and name are next cancelled; cancelling
 * an id that is gone does nothing. Deadlines scheduled before the record existed are not found by a
 * cancellation and fire: every deadline handler checks that its deadline is still unmet.
 */
public class PersistentDeadlines implements DeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(PersistentDeadlines.class);

    private final DbSchedulerDeadlineManager delegate;
    private final Scheduler scheduler;
    private final String taskName;
    private final JdbcTemplate jdbc;

    public PersistentDeadlines(DbSchedulerDeadlineManager delegate, Scheduler scheduler, String taskName, JdbcTemplate jdbc) {
        this.delegate = delegate;
        this.scheduler = scheduler;
        this.taskName = taskName;
        this.jdbc = jdbc;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        String scheduleId = delegate.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        // after Axon's own insert of the deadline, which it also leaves to the prepare-commit phase
        onPrepareCommitOrNow(() -> jdbc.update("INSERT INTO deadline_schedule (scope, deadline_name, schedule_id) VALUES (?, ?, ?)",
                deadlineScope.scopeDescription(), deadlineName, scheduleId));
        return scheduleId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        onPrepareCommitOrNow(() -> {
            cancelById(deadlineName, scheduleId);
            jdbc.update("DELETE FROM deadline_schedule WHERE deadline_name = ? AND schedule_id = ?", deadlineName, scheduleId);
        });
    }

    /** Not used by the aggregates: a deadline name across all scopes is Axon's full scan. */
    @Override
    public void cancelAll(String deadlineName) {
        delegate.cancelAll(deadlineName);
        onPrepareCommitOrNow(() -> jdbc.update("DELETE FROM deadline_schedule WHERE deadline_name = ?", deadlineName));
    }

    /** The deadlines of that name in that scope, by their recorded ids, in the command's transaction. */
    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        String scopeKey = scope.scopeDescription();
        onPrepareCommitOrNow(() -> {
            List<String> scheduleIds = jdbc.queryForList("DELETE FROM deadline_schedule WHERE scope = ? AND deadline_name = ? "
                    + "RETURNING schedule_id", String.class, scopeKey, deadlineName);
            scheduleIds.forEach(scheduleId -> cancelById(deadlineName, scheduleId));
        });
    }

    private void cancelById(String deadlineName, String scheduleId) {
        TaskInstanceId instance = TaskInstanceId.of(taskName, scheduleId);
        Optional<ScheduledExecution<Object>> execution = scheduler.getScheduledExecution(instance);
        if (execution.isEmpty()) {
            return; // it fired already
        }
        if (execution.get().isPicked()) {
            log.debug("deadline {} is running; its handler finds it met", deadlineName);
            return;
        }
        try {
            scheduler.cancel(instance);
        } catch (TaskInstanceCurrentlyExecutingException | ExecutionException pickedMeanwhile) {
            log.debug("deadline {} started running while it was being cancelled; its handler finds it met", deadlineName);
        } catch (TaskInstanceNotFoundException firedMeanwhile) {
            log.debug("deadline {} fired while it was being cancelled", deadlineName);
        }
    }

    private static void onPrepareCommitOrNow(Runnable task) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> task.run());
        } else {
            task.run();
        }
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super DeadlineMessage<?>> interceptor) {
        return delegate.registerDispatchInterceptor(interceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super DeadlineMessage<?>> interceptor) {
        return delegate.registerHandlerInterceptor(interceptor);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
