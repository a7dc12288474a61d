package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;
import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.ReferralKind;
import org.mediationledger.events.common.ReferralRegime;

import java.time.LocalDate;

/**
 * A court sent this dispute to the union's mediation room (诉调对接). Always follows the case's
 * {@link DisputeRegistered}. The regime and the period it grants are fixed here, by the referral date.
 *
 * @param courtCaseNumber       e.g. {@code (2025)鲁0203民初77号}; required from 2025-01-01, may be null before
 * @param mediationPeriodDays   the mediation period the regime grants, counted from the mediator's receipt
 * @param maxExtensionDays      how many days the parties may add by consent; null: the regime sets no cap
 */
@Revision("1")
public record CourtReferralReceived(String caseId,
                                    String court,
                                    String courtCaseNumber,
                                    ReferralKind referralKind,
                                    CourtProcedure procedure,
                                    LocalDate referredOn,
                                    boolean partiesConsented,
                                    ReferralRegime regime,
                                    int mediationPeriodDays,
                                    Integer maxExtensionDays) implements DisputeCaseEvent {
}
