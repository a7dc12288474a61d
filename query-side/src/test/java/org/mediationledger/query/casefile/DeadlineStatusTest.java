package org.mediationledger.query.casefile;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineStatusTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 11);

    @Test
    void mediationEndingOnTheLastDay_isInTime() {
        assertThat(DeadlineStatus.whenMediationEnded(LAST_DAY, LAST_DAY)).isEqualTo(DeadlineStatus.MET);
        assertThat(DeadlineStatus.whenMediationEnded(LAST_DAY, LAST_DAY.minusDays(3))).isEqualTo(DeadlineStatus.MET);
    }

    @Test
    void mediationEndingTheDayAfter_lapsed() {
        assertThat(DeadlineStatus.whenMediationEnded(LAST_DAY, LAST_DAY.plusDays(1))).isEqualTo(DeadlineStatus.LAPSED);
    }

    @Test
    void pendingDeadline_showsLapsedOnlyOnceItsLastDayIsOver() {
        assertThat(DeadlineStatus.shownOn(DeadlineStatus.PENDING, LAST_DAY, LAST_DAY)).isEqualTo(DeadlineStatus.PENDING);
        assertThat(DeadlineStatus.shownOn(DeadlineStatus.PENDING, LAST_DAY, LAST_DAY.plusDays(1))).isEqualTo(DeadlineStatus.LAPSED);
        assertThat(DeadlineStatus.shownOn(DeadlineStatus.MET, LAST_DAY, LAST_DAY.plusDays(30))).isEqualTo(DeadlineStatus.MET);
    }
}
