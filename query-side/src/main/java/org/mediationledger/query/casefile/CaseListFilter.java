package org.mediationledger.query.casefile;

import org.mediationledger.events.common.CaseStage;

/**
 * What the case list is narrowed to; every field is optional (null: no restriction).
 *
 * @param overdue        true: only overdue cases; false: only cases that are not overdue
 * @param readerLawyerId a lawyer reading: only the cases that lawyer is or was responsible for
 * @param readerCourt    a court liaison officer reading: only their court's referrals
 */
public record CaseListFilter(String lawyerId, CaseStage stage, String court, String district, Boolean overdue,
                             String readerLawyerId, String readerCourt) {
}
