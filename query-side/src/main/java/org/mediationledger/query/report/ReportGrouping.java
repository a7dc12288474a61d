package org.mediationledger.query.report;

import org.mediationledger.query.web.InvalidParameter;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the recovered-wages report is grouped. Cases fall into groups by their own attributes (for
 * {@code month}: the month they were registered); payments by their case's attribute, except for
 * {@code month}, where a payment falls into the month it was paid. The rollups (ReportRollups) keep
 * each grouping under its {@link #parameter()}; the SQL expressions say the same over the case and
 * payment rows, for filling the rollups from them.
 */
public enum ReportGrouping {
    DISTRICT("district", "c.district", "c.district"),
    CATEGORY("category", "c.category", "c.category"),
    EMPLOYMENT_FORM("employmentForm", "c.employment_form", "c.employment_form"),
    CHANNEL("channel", "c.channel", "c.channel"),
    MONTH("month", "to_char(c.registered_on, 'YYYY-MM')", "to_char(p.paid_on, 'YYYY-MM')");

    private final String parameter;
    private final String caseKey;
    private final String paymentKey;

    ReportGrouping(String parameter, String caseKey, String paymentKey) {
        this.parameter = parameter;
        this.caseKey = caseKey;
        this.paymentKey = paymentKey;
    }

    /** The {@code groupBy} parameter's value; empty when absent, 400 when not one of the five. */
    public static Optional<ReportGrouping> fromParameter(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(values())
                .filter(grouping -> grouping.parameter.equals(raw.trim()))
                .findFirst()
                .orElseThrow(() -> new InvalidParameter("groupBy", "must be one of " + Arrays.stream(values())
                        .map(ReportGrouping::parameter).collect(Collectors.joining(", ")))));
    }

    public String parameter() {
        return parameter;
    }

    /**
     * The group of a case's figures ({@code day}: its registration day) or of a payment into it ({@code day}:
     * the payment's day), as the SQL expressions below compute it.
     */
    String keyOf(ReportRollups.GroupedCase groupedCase, LocalDate day) {
        return switch (this) {
            case DISTRICT -> groupedCase.district();
            case CATEGORY -> groupedCase.category();
            case EMPLOYMENT_FORM -> groupedCase.employmentForm();
            case CHANNEL -> groupedCase.channel();
            case MONTH -> YearMonth.from(day).toString();
        };
    }

    /** SQL expression of a case's group over {@code views.dispute_case c}; never from user input. */
    String caseKey() {
        return caseKey;
    }

    /** SQL expression of a payment's group over {@code views.case_payment p} joined to its case {@code c}. */
    String paymentKey() {
        return paymentKey;
    }
}
