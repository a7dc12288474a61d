package org.mediationledger.command.worker;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.mediationledger.command.disputecase.ProcessRuleViolation;
import org.mediationledger.command.worker.WorkerCommands.ErasePersonalData;
import org.mediationledger.events.worker.PersonalDataErased;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A worker's personal data as one thing that can be erased (DOMAIN.md, "Personal data"). Erasure destroys
 * the worker's key ({@code PersonalDataErased}; the key itself is shredded by {@code WorkerKeyShredder} in the
 * same transaction) and is allowed only when none of the worker's claims, enforcements or relief recoveries
 * is open. It happens once; asking again changes nothing.
 */
@Aggregate
public class WorkerPersonalData {

    @AggregateIdentifier
    private String claimantKey;
    private boolean erased;

    protected WorkerPersonalData() {
        // for Axon: state is rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ErasePersonalData command, OpenMatters matters) {
        if (erased) {
            return AggregateLifecycle.getVersion();
        }
        if (!matters.knows(command.claimantKey())) {
            throw new UnknownWorker(command.claimantKey());
        }
        List<String> open = matters.openMattersOf(command.claimantKey());
        if (!open.isEmpty()) {
            throw new ProcessRuleViolation("personal data may be erased only when no claim, enforcement or relief recovery "
                    + "of the worker is open (DOMAIN.md, \"Personal data\"): " + String.join("; ", open));
        }
        apply(new PersonalDataErased(command.claimantKey(), command.reason(), command.erasedOn()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        claimantKey = event.claimantKey();
        erased = true;
    }
}
