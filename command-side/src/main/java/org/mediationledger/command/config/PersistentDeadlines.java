package org.mediationledger.command.config;

import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Arrays;

/**
 * The deadline manager aggregates use: Axon's db-scheduler manager, except that "cancel when met" leaves
 * alone a deadline the scheduler is running at that very moment. Axon's own cancellation also tries to
 * remove such a picked execution, db-scheduler refuses, and the command that met the deadline failed with a
 * 500 (seen when an agreement arrived while its already-past mediation period was firing). A running
 * deadline needs no cancelling: its handler sees that the deadline was met and records nothing.
 */
public class PersistentDeadlines implements DeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(PersistentDeadlines.class);

    private final DbSchedulerDeadlineManager delegate;
    private final Scheduler scheduler;
    private final String taskName;
    private final Serializer serializer;

    public PersistentDeadlines(DbSchedulerDeadlineManager delegate, Scheduler scheduler, String taskName, Serializer serializer) {
        this.delegate = delegate;
        this.scheduler = scheduler;
        this.taskName = taskName;
        this.serializer = serializer;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        return delegate.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        delegate.cancelSchedule(deadlineName, scheduleId);
    }

    @Override
    public void cancelAll(String deadlineName) {
        delegate.cancelAll(deadlineName);
    }

    /** As Axon matches (name and serialized scope), in the command's transaction, skipping running ones. */
    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        byte[] serializedScope = serializer.serialize(scope, byte[].class).getData();
        Runnable cancel = () -> scheduler.fetchScheduledExecutionsForTask(taskName, DbSchedulerBinaryDeadlineDetails.class,
                ScheduledExecutionsFilter.all().withPicked(false), execution -> {
                    DbSchedulerBinaryDeadlineDetails details = execution.getData();
                    if (deadlineName.equals(details.getD()) && Arrays.equals(serializedScope, details.getS())) {
                        try {
                            scheduler.cancel(execution.getTaskInstance());
                        } catch (ExecutionException pickedMeanwhile) {
                            log.debug("deadline {} started running while it was being cancelled; its handler finds it met", deadlineName);
                        }
                    }
                });
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> cancel.run());
        } else {
            cancel.run();
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
