package org.mediationledger.command.disputecase;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The deadlines a case schedules (docs/deadlines.md): their names in the deadline manager, their
 * payloads, and when a period whose last day is D ends. Every deadline is a business date in
 * Asia/Shanghai; an act dated on or before its last day is in time.
 */
public final class CaseDeadlines {

    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    public static final String MEDIATION_PERIOD = "mediation-period";
    public static final String CONFIRMATION_WINDOW = "confirmation-window";
    public static final String LEGAL_AID_DECISION = "legal-aid-decision";
    private static final String INSTALMENT_PREFIX = "instalment-";

    private CaseDeadlines() {
    }

    /** One name per instalment, so that paying one cancels only its own deadline. */
    public static String instalment(int number) {
        return INSTALMENT_PREFIX + number;
    }

    /** A period whose last day is D ends at the end of D: the deadline fires at 00:00 of D+1 in Asia/Shanghai. */
    public static Instant endOf(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(BUSINESS_ZONE).toInstant();
    }

    /** The mediation period (LDMAL art. 14; court referrals: 2016 SPC rules art. 27, 2025 opinion) ends. */
    public record MediationPeriodEnds(LocalDate lastDay) {
    }

    /** The 30 days to apply for judicial confirmation (CPL arts. 205-206) end. */
    public record ConfirmationWindowEnds(LocalDate lastDay) {
    }

    /** Instalment {@code number} of the agreement falls due; by then {@code dueByThenFen} must have been paid. */
    public record InstalmentFallsDue(int number, LocalDate dueOn, long dueByThenFen) {
    }

    /** The 7 days for the legal-aid decision (Legal Aid Law art. 43) end. */
    public record LegalAidDecisionDue(LocalDate appliedOn, LocalDate decisionDueOn) {
    }
}
