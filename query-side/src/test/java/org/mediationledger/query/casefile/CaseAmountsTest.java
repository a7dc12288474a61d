package org.mediationledger.query.casefile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseAmountsTest {

    @Test
    void withoutAgreementOrAward_theClaimIsOwed() {
        assertThat(new CaseAmounts(1_000_000, null, null, 250_000).outstandingFen()).isEqualTo(750_000);
    }

    @Test
    void anAgreement_replacesTheClaim() {
        CaseAmounts amounts = new CaseAmounts(1_000_000, 800_000L, null, 300_000);

        assertThat(amounts.owedFen()).isEqualTo(800_000);
        assertThat(amounts.outstandingFen()).isEqualTo(500_000);
    }

    @Test
    void anEnforceableAward_replacesAgreementAndClaim() {
        CaseAmounts amounts = new CaseAmounts(1_000_000, 800_000L, 1_200_000L, 300_000);

        assertThat(amounts.owedFen()).isEqualTo(1_200_000);
        assertThat(amounts.outstandingFen()).isEqualTo(900_000);
    }

    @Test
    void outstanding_neverGoesBelowZero() {
        assertThat(new CaseAmounts(1_000_000, null, 200_000L, 300_000).outstandingFen()).isZero();
    }
}
