package org.mediationledger.query.casefile;

import java.time.LocalDate;

/** Where a deadline stands. */
public enum DeadlineStatus {
    /** not yet met, day not yet over */
    PENDING,
    /** the act it asks for was done on or before its day */
    MET,
    /** its day ended without the act (or the act came later) */
    LAPSED,
    /** an instalment not paid by its due date, or a legal-aid decision not made in time */
    OVERDUE,
    /** still pending when the case was closed */
    CANCELLED;

    /**
     * How a mediation period ends when mediation ends (agreement, failure or closure) on
     * {@code endedOn}: an act dated on or before the last day is in time, even when recorded later.
     */
    public static DeadlineStatus whenMediationEnded(LocalDate dueOn, LocalDate endedOn) {
        return endedOn == null || !endedOn.isAfter(dueOn) ? MET : LAPSED;
    }

    /**
     * The status to show today: a deadline recorded as pending whose last day is over has lapsed,
     * even before the command side records the lapse.
     */
    public static DeadlineStatus shownOn(DeadlineStatus recorded, LocalDate dueOn, LocalDate today) {
        if (recorded == PENDING && today.isAfter(dueOn)) {
            return LAPSED;
        }
        return recorded;
    }
}
