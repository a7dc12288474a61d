package org.mediationledger.query.report;

import org.mediationledger.query.web.InvalidParameter;

import java.time.LocalDate;

/**
 * The report's period, both ends included; either may be open (null). A case counts in it by its
 * registration date, a payment by its payment date.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    public ReportPeriod {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidParameter("from", "must not be after 'to'");
        }
    }

    public static ReportPeriod allTime() {
        return new ReportPeriod(null, null);
    }
}
