package org.mediationledger.query.relief;

import java.time.LocalDate;
import java.util.List;

/**
 * A relief fund's ledger ({@code GET /api/relief-funds/{id}}): balance = contributed - paid + recovered,
 * available = balance - reserved.
 */
public record ReliefFundLedger(String fundId,
                               String name,
                               long perWorkerCapFen,
                               LocalDate establishedOn,
                               long contributedFen,
                               long reservedFen,
                               long paidFen,
                               long recoveredFen,
                               long balanceFen,
                               long availableFen,
                               List<Entry> entries) {

    /**
     * One movement, in the fund's order.
     *
     * @param kind   CONTRIBUTION, RESERVATION, RESERVATION_REFUSED, RELEASE, PAYOUT or RECOVERY
     * @param on     the business date of the movement, where it has one
     * @param reason why a reservation was refused or released
     */
    public record Entry(long sequence, String kind, String caseId, String contributionId, String contributor,
                        Long amountFen, LocalDate on, String reason) {
    }
}
