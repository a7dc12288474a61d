package org.mediationledger.command.disputecase;

import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.ReferralKind;
import org.mediationledger.events.common.ReferralRegime;

import java.time.LocalDate;

/**
 * How long mediation may take, and who decides which rules apply. Every number here comes with its
 * source (DOMAIN.md, steps 2 and 3).
 */
public final class MediationPeriods {

    /** Union mediation of a labor dispute: 15 days from the application (LDMAL art. 14). */
    public static final int UNION_MEDIATION_DAYS = 15;
    /** The day the SPC opinion on case filing and mediation took effect; referrals from it on are filed first. */
    public static final LocalDate FILING_FIRST_FROM = LocalDate.of(2025, 1, 1);
    /** Pre-filing delegated mediation (委派调解): 30 days (SPC specially invited mediation rules 2016, art. 27). */
    public static final int DELEGATED_DAYS_2016 = 30;
    /** Entrusted mediation (委托调解), ordinary procedure: 15 days (2016 rules art. 27; kept by the 2025 opinion). */
    public static final int ENTRUSTED_ORDINARY_DAYS = 15;
    /** Entrusted mediation, simple procedure: 7 days (2016 rules art. 27; kept by the 2025 opinion). */
    public static final int ENTRUSTED_SIMPLE_DAYS = 7;
    /** From 2025-01-01 the parties may extend entrusted mediation by consent by at most 30 days. */
    public static final int MAX_EXTENSION_DAYS_2025 = 30;

    /** Judicial confirmation must be applied for within 30 days of the agreement taking effect (CPL arts. 205-206). */
    public static final int CONFIRMATION_WINDOW_DAYS = 30;

    /** The legal-aid agency decides within 7 days of the application (Legal Aid Law art. 43). */
    public static final int LEGAL_AID_DECISION_DAYS = 7;

    private MediationPeriods() {
    }

    /** The regime is chosen by the referral date, never by today's date. */
    public static ReferralRegime regimeFor(LocalDate referredOn) {
        return referredOn.isBefore(FILING_FIRST_FROM)
                ? ReferralRegime.SPECIALLY_INVITED_MEDIATION_2016
                : ReferralRegime.FILING_FIRST_2025;
    }

    /** Days of mediation a court referral grants, counted from the mediator's receipt of the file. */
    public static int courtReferralDays(ReferralKind kind, CourtProcedure procedure) {
        if (kind == ReferralKind.PRE_FILING_DELEGATED) {
            return DELEGATED_DAYS_2016;
        }
        return procedure == CourtProcedure.SIMPLE ? ENTRUSTED_SIMPLE_DAYS : ENTRUSTED_ORDINARY_DAYS;
    }

    /** How many days consent may add; null where the regime sets no cap (the 2016 rules allow extension by consent). */
    public static Integer maxExtensionDays(ReferralRegime regime) {
        return regime == ReferralRegime.FILING_FIRST_2025 ? MAX_EXTENSION_DAYS_2025 : null;
    }

    /** A period of N days from day D ends at the end of day D+N (Asia/Shanghai business dates). */
    public static LocalDate lastDay(LocalDate start, int days) {
        return start.plusDays(days);
    }
}
