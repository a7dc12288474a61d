package org.mediationledger.command.deadline;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.boot.test.context.TestComponent;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A test-only event-sourced aggregate that schedules one deadline and records, as an event, when its
 * deadline handler ran. It proves the deadline machinery without depending on any business rule:
 * the deadline is stored, fires on the aggregate rebuilt from its events, and is cancelled with it.
 * A {@code @TestComponent}: present only where {@link DeadlineProbeConfig} is imported.
 */
@Aggregate
@TestComponent
public class DeadlineProbe {

    public static final String DEADLINE = "probe-deadline";

    /** Marks the probe's events, which are not part of the published language and stay off Kafka. */
    public interface ProbeEvent {
    }

    public record StartProbe(String probeId, String label, Instant dueAt) {
    }

    /** Schedules like {@link StartProbe}, then fails while committing: nothing of it may remain. */
    public record StartProbeThenFail(String probeId, Instant dueAt) {
    }

    public record CancelProbe(@TargetAggregateIdentifier String probeId) {
    }

    public record ProbeStarted(String probeId, String label, Instant dueAt) implements ProbeEvent {
    }

    public record ProbeCancelled(String probeId) implements ProbeEvent {
    }

    /**
     * @param stateLabel   the label as the aggregate knew it, rebuilt from its events when the deadline fired
     * @param payloadLabel the label carried by the deadline's own (serialized) payload
     * @param firedAt      the business clock's time when the handler ran
     */
    public record ProbeDeadlineFired(String probeId, String stateLabel, String payloadLabel, Instant firedAt)
            implements ProbeEvent {
    }

    /** The deadline's payload, stored with it. */
    public record ProbeDue(String label) {
    }

    @AggregateIdentifier
    private String probeId;
    private String label;

    protected DeadlineProbe() {
        // for Axon: state is rebuilt from events
    }

    @CommandHandler
    public DeadlineProbe(StartProbe command, DeadlineManager deadlines) {
        apply(new ProbeStarted(command.probeId(), command.label(), command.dueAt()));
        deadlines.schedule(command.dueAt(), DEADLINE, new ProbeDue(command.label()));
    }

    @CommandHandler
    public DeadlineProbe(StartProbeThenFail command, DeadlineManager deadlines) {
        apply(new ProbeStarted(command.probeId(), "doomed", command.dueAt()));
        deadlines.schedule(command.dueAt(), DEADLINE, new ProbeDue("doomed"));
        // runs after the deadline manager wrote its row (prepare-commit handlers run in order)
        CurrentUnitOfWork.get().onPrepareCommit(u -> {
            throw new IllegalStateException("the probe refuses to commit");
        });
    }

    @CommandHandler
    public void handle(CancelProbe command, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(DEADLINE);
        apply(new ProbeCancelled(probeId));
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void on(ProbeDue due, Clock businessClock) {
        apply(new ProbeDeadlineFired(probeId, label, due.label(), businessClock.instant()));
    }

    @EventSourcingHandler
    void on(ProbeStarted event) {
        probeId = event.probeId();
        label = event.label();
    }
}
