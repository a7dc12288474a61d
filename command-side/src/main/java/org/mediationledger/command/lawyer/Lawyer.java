package org.mediationledger.command.lawyer;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.mediationledger.command.disputecase.InvalidCommand;
import org.mediationledger.command.disputecase.ConflictingRepeat;
import org.mediationledger.events.lawyer.LawyerRegistered;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A union-assigned lawyer who mediates and gives legal aid, with the number of open cases they may carry. */
@Aggregate
public class Lawyer {

    public record RegisterLawyer(@TargetAggregateIdentifier String lawyerId, String name, int maxActiveCases) {
    }

    @AggregateIdentifier
    private String lawyerId;
    private LawyerRegistered registration;

    protected Lawyer() {
        // for Axon
    }

    /** Registering the same lawyer again with the same details is a no-op; with other details, a conflict. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RegisterLawyer command) {
        LawyerRegistered registered = new LawyerRegistered(command.lawyerId(), command.name(), command.maxActiveCases());
        if (lawyerId != null) {
            if (!registration.equals(registered)) {
                throw new ConflictingRepeat("lawyer " + command.lawyerId() + " is already registered with other details");
            }
            return AggregateLifecycle.getVersion();
        }
        if (command.maxActiveCases() < 1) {
            throw new InvalidCommand("maxActiveCases", "a lawyer must be able to carry at least one case");
        }
        apply(registered);
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(LawyerRegistered event) {
        lawyerId = event.lawyerId();
        registration = event;
    }
}
