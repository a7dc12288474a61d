package org.mediationledger.command.relief;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.mediationledger.command.disputecase.ConflictingRepeat;
import org.mediationledger.command.disputecase.InvalidCommand;
import org.mediationledger.command.disputecase.ProcessRuleViolation;
import org.mediationledger.command.relief.ReliefFundCommands.EstablishReliefFund;
import org.mediationledger.command.relief.ReliefFundCommands.PayOutRelief;
import org.mediationledger.command.relief.ReliefFundCommands.ReceiveContribution;
import org.mediationledger.command.relief.ReliefFundCommands.ReceiveReliefRecovery;
import org.mediationledger.command.relief.ReliefFundCommands.ReleaseRelief;
import org.mediationledger.command.relief.ReliefFundCommands.ReserveRelief;
import org.mediationledger.events.common.ReliefRejectionReason;
import org.mediationledger.events.relieffund.ContributionReceived;
import org.mediationledger.events.relieffund.ReliefFundEstablished;
import org.mediationledger.events.relieffund.ReliefPaidOut;
import org.mediationledger.events.relieffund.ReliefRecoveryReceived;
import org.mediationledger.events.relieffund.ReliefReservationRefused;
import org.mediationledger.events.relieffund.ReliefReservationReleased;
import org.mediationledger.events.relieffund.ReliefReserved;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A relief fund (兜底救助基金, DOMAIN.md step 8): contributions in, reservations against the available
 * balance, payouts, and repayments when enforcement later succeeds. available = contributed - reserved -
 * paid + recovered, and no command can take it below zero: a reservation that does not fit is refused
 * whole, never paid in part. Commands on one fund are serialized by Axon's aggregate lock and the event
 * store's unique (aggregate, sequence) key, so concurrent applications cannot overdraw it.
 */
@Aggregate
public class ReliefFund {

    @AggregateIdentifier
    private String fundId;
    private ReliefFundEstablished establishment;
    private long availableFen;
    private Map<String, ContributionReceived> contributions = new HashMap<>();
    /** Reserved and not yet paid or released, per case. */
    private Map<String, ReliefReserved> reservations = new HashMap<>();
    /** Paid out, per case. */
    private Map<String, ReliefPaidOut> payouts = new HashMap<>();
    /** Reserved or paid to each worker, against the per-worker cap. */
    private Map<String, Long> takenByWorker = new HashMap<>();
    /** Repaid to the fund, per case. */
    private Map<String, Long> recoveredByCase = new HashMap<>();
    private Set<String> recoveryPayments = new HashSet<>();

    protected ReliefFund() {
        // for Axon: state is rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(EstablishReliefFund command) {
        ReliefFundEstablished established = new ReliefFundEstablished(command.fundId(), command.name(),
                command.perWorkerCapFen(), command.establishedOn());
        if (fundId != null) {
            if (!establishment.equals(established)) {
                throw new ConflictingRepeat("fund " + command.fundId() + " is already established with other details");
            }
            return AggregateLifecycle.getVersion();
        }
        if (command.name() == null || command.name().isBlank()) {
            throw new InvalidCommand("name", "a fund needs a name");
        }
        if (command.perWorkerCapFen() <= 0) {
            throw new InvalidCommand("perWorkerCapFen", "the per-worker cap must be positive");
        }
        apply(established);
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ReceiveContribution command) {
        ContributionReceived earlier = contributions.get(command.contributionId());
        if (earlier != null) {
            boolean same = earlier.amountFen() == command.amountFen() && earlier.contributor().equals(command.contributor())
                    && earlier.receivedOn().equals(command.receivedOn());
            if (!same) {
                throw new ConflictingRepeat("contribution " + command.contributionId() + " was already recorded with different content");
            }
            return AggregateLifecycle.getVersion();
        }
        if (command.amountFen() <= 0) {
            throw new InvalidCommand("amountFen", "a contribution must be positive");
        }
        if (command.contributor() == null || command.contributor().isBlank()) {
            throw new InvalidCommand("contributor", "the contributor must be named");
        }
        if (command.receivedOn().isBefore(establishment.establishedOn())) {
            throw new ProcessRuleViolation("receivedOn", "a contribution cannot be received before the fund was established ("
                    + establishment.establishedOn() + ")");
        }
        apply(new ContributionReceived(fundId, command.contributionId(), command.contributor(), command.amountFen(),
                command.receivedOn(), Math.addExact(availableFen, command.amountFen())));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Sets the amount aside for one case: the least of what was requested, what remains of the worker's cap
     * and what is outstanding. A case already reserved or paid is not reserved again (a redelivered request).
     */
    @CommandHandler
    public long handle(ReserveRelief command) {
        if (reservations.containsKey(command.caseId()) || payouts.containsKey(command.caseId())) {
            return AggregateLifecycle.getVersion();
        }
        if (command.requestedFen() <= 0) {
            throw new InvalidCommand("requestedFen", "the amount requested must be positive");
        }
        if (command.outstandingFen() <= 0) {
            throw new InvalidCommand("outstandingFen", "relief needs money outstanding");
        }
        long capLeft = establishment.perWorkerCapFen() - takenByWorker.getOrDefault(command.claimantKey(), 0L);
        if (capLeft <= 0) {
            apply(new ReliefReservationRefused(fundId, command.caseId(), ReliefRejectionReason.WORKER_CAP_REACHED,
                    "the worker has already received the fund's cap of " + establishment.perWorkerCapFen() + " fen"));
            return AggregateLifecycle.getVersion();
        }
        long amount = Math.min(command.requestedFen(), Math.min(capLeft, command.outstandingFen()));
        if (availableFen < amount) {
            apply(new ReliefReservationRefused(fundId, command.caseId(), ReliefRejectionReason.INSUFFICIENT_BALANCE,
                    "the fund has " + availableFen + " fen available, less than the " + amount + " fen to be paid; "
                            + "relief is never paid in part"));
            return AggregateLifecycle.getVersion();
        }
        apply(new ReliefReserved(fundId, command.caseId(), command.claimantKey(), command.requestedFen(), amount,
                availableFen - amount));
        return AggregateLifecycle.getVersion();
    }

    /** The case stopped qualifying before approval: the money is available again. */
    @CommandHandler
    public long handle(ReleaseRelief command) {
        ReliefReserved reserved = reservations.get(command.caseId());
        if (reserved != null) {
            apply(new ReliefReservationReleased(fundId, command.caseId(), reserved.amountFen(), command.reason(),
                    availableFen + reserved.amountFen()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(PayOutRelief command) {
        if (payouts.containsKey(command.caseId())) {
            return AggregateLifecycle.getVersion();
        }
        ReliefReserved reserved = reservations.get(command.caseId());
        if (reserved == null) {
            throw new ProcessRuleViolation("nothing is reserved for case " + command.caseId());
        }
        apply(new ReliefPaidOut(fundId, command.caseId(), reserved.claimantKey(), reserved.amountFen(), command.paidOn()));
        return AggregateLifecycle.getVersion();
    }

    /** The employer paid later: the fund is repaid up to what it paid on that case, once per payment. */
    @CommandHandler
    public long handle(ReceiveReliefRecovery command) {
        if (recoveryPayments.contains(command.paymentId())) {
            return AggregateLifecycle.getVersion();
        }
        ReliefPaidOut paid = payouts.get(command.caseId());
        long owedToFund = paid == null ? 0 : paid.amountFen() - recoveredByCase.getOrDefault(command.caseId(), 0L);
        if (command.amountFen() <= 0 || command.amountFen() > owedToFund) {
            throw new ProcessRuleViolation("amountFen", "case " + command.caseId() + " owes the fund " + owedToFund
                    + " fen; a repayment of " + command.amountFen() + " fen does not fit");
        }
        apply(new ReliefRecoveryReceived(fundId, command.caseId(), command.paymentId(), command.amountFen(), command.recoveredOn(),
                availableFen + command.amountFen()));
        return AggregateLifecycle.getVersion();
    }

    // ---- state --------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(ReliefFundEstablished event) {
        fundId = event.fundId();
        establishment = event;
    }

    @EventSourcingHandler
    void on(ContributionReceived event) {
        contributions.put(event.contributionId(), event);
        availableFen = event.availableFen();
    }

    @EventSourcingHandler
    void on(ReliefReserved event) {
        reservations.put(event.caseId(), event);
        takenByWorker.merge(event.claimantKey(), event.amountFen(), Long::sum);
        availableFen = event.availableFen();
    }

    @EventSourcingHandler
    void on(ReliefReservationReleased event) {
        ReliefReserved released = reservations.remove(event.caseId());
        takenByWorker.merge(released.claimantKey(), -released.amountFen(), Long::sum);
        availableFen = event.availableFen();
    }

    @EventSourcingHandler
    void on(ReliefPaidOut event) {
        reservations.remove(event.caseId());
        payouts.put(event.caseId(), event);
    }

    @EventSourcingHandler
    void on(ReliefRecoveryReceived event) {
        recoveryPayments.add(event.paymentId());
        recoveredByCase.merge(event.caseId(), event.amountFen(), Long::sum);
        availableFen = event.availableFen();
    }
}
