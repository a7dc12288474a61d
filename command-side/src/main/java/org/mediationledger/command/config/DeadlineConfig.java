package org.mediationledger.command.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Deadlines that survive restarts (ARCHITECTURE.md, guarantee 7): Axon's {@link DbSchedulerDeadlineManager}
 * keeps each deadline as a row of {@code scheduled_tasks} in PostgreSQL (Flyway V4), and a db-scheduler
 * {@link Scheduler} polls that table and runs the due ones against the aggregate that scheduled them. The
 * scheduler reads "now" from the command side's one business {@link Clock}, so a test that replaces that
 * clock moves deadlines too. Why db-scheduler, and the numbers: docs/decisions/0009-persistent-deadlines.md.
 */
@Configuration
public class DeadlineConfig {

    /**
     * The task that runs a due deadline. It finds the deadline manager only when it runs, because the
     * scheduler must know its tasks before the deadline manager (which needs the scheduler) exists.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    public Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ObjectProvider<DbSchedulerDeadlineManager> deadlineManager) {
        return DbSchedulerDeadlineManager.binaryTask(deadlineManager::getObject);
    }

    /**
     * Not started here: {@link DeadlineSchedulerLifecycle} starts it once the application is ready and
     * stops it before Axon and the DataSource go. The DataSource is transaction-aware so that a deadline
     * scheduled or cancelled by a command is written in the command's own transaction: it exists exactly
     * when the command's events do.
     */
    @Bean
    @DependsOnDatabaseInitialization
    public Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, Clock businessClock,
                                       @Value("${ml.deadlines.poll-interval}") Duration pollInterval,
                                       @Value("${ml.deadlines.heartbeat-interval}") Duration heartbeatInterval,
                                       @Value("${ml.deadlines.threads}") int threads,
                                       @Value("${ml.deadlines.shutdown-max-wait}") Duration shutdownMaxWait) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .clock(businessClock::instant)
                .pollingInterval(pollInterval)
                .heartbeatInterval(heartbeatInterval)
                .threads(threads)
                .shutdownMaxWait(shutdownMaxWait)
                .build();
    }

    /**
     * Replaces Axon's in-memory SimpleDeadlineManager. Deadline payloads and scope descriptors are written
     * with the event serializer, as Axon's own auto-configuration does: it reads {@code AggregateScopeDescriptor}
     * through its getters, whose identifier is resolved lazily, which the field-only general serializer
     * would miss. The scope-aware provider reaches the event-sourcing repositories of the aggregates.
     * Axon gives a deadline's unit of work no correlation data of its own: without the interceptor, an event
     * applied by a deadline handler would carry no metadata at all, not even its correlation and causation.
     */
    @Bean
    public DbSchedulerDeadlineManager deadlineManager(Scheduler deadlineScheduler,
                                                      org.axonframework.config.Configuration axonConfiguration,
                                                      @Qualifier("eventSerializer") Serializer eventSerializer,
                                                      TransactionManager axonTransactionManager,
                                                      DeadlineManagerSpanFactory deadlineManagerSpanFactory,
                                                      List<CorrelationDataProvider> correlationDataProviders) {
        DbSchedulerDeadlineManager deadlineManager = DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axonConfiguration))
                .serializer(eventSerializer)
                .transactionManager(axonTransactionManager)
                .spanFactory(deadlineManagerSpanFactory)
                // started and stopped by DeadlineSchedulerLifecycle, so that start and stop happen exactly once
                .startScheduler(false)
                .stopScheduler(false)
                .build();
        deadlineManager.registerHandlerInterceptor(new CorrelationDataInterceptor<>(correlationDataProviders));
        return deadlineManager;
    }

    /** What aggregates and Axon's configuration use: cancellation by id that leaves a running deadline alone. */
    @Bean
    @Primary
    public PersistentDeadlines persistentDeadlines(DbSchedulerDeadlineManager deadlineManager, Scheduler deadlineScheduler,
                                                   @Qualifier("deadlineDetailsTask") Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask,
                                                   JdbcTemplate jdbc) {
        return new PersistentDeadlines(deadlineManager, deadlineScheduler, deadlineDetailsTask.getName(), jdbc);
    }

    @Bean
    public DeadlineSchedulerLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new DeadlineSchedulerLifecycle(deadlineScheduler);
    }
}
