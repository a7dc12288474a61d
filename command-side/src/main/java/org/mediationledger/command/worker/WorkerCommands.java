package org.mediationledger.command.worker;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Commands about one worker as a person, across their cases. */
public final class WorkerCommands {

    private WorkerCommands() {
    }

    public record ErasePersonalData(@TargetAggregateIdentifier String claimantKey, String reason, LocalDate erasedOn) {
    }
}
