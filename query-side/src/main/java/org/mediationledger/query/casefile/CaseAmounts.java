package org.mediationledger.query.casefile;

/**
 * The money of one case (DOMAIN.md, "Wage recovery"): what is owed is the latest binding figure, the
 * enforceable amount of an award, judgment or confirmed agreement if there is one, else the agreed
 * amount, else the claimed amount; what is outstanding is owed minus recovered.
 *
 * @param agreedFen      null until a mediation agreement is reached
 * @param enforceableFen null until an award, judgment or confirmed agreement is recorded
 */
public record CaseAmounts(long claimedFen, Long agreedFen, Long enforceableFen, long recoveredFen) {

    public long owedFen() {
        if (enforceableFen != null) {
            return enforceableFen;
        }
        return agreedFen != null ? agreedFen : claimedFen;
    }

    /**
     * Never below zero: a binding figure set lower than what was already recovered leaves nothing
     * outstanding (the command side refuses a payment beyond what is outstanding).
     */
    public long outstandingFen() {
        return Math.max(0, owedFen() - recoveredFen);
    }
}
