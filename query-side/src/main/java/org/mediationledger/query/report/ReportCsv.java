package org.mediationledger.query.report;

import java.util.List;

/**
 * The report as CSV (RFC 4180): a header row, the rows, then the total as a last row keyed
 * {@value ReportRow#TOTAL_KEY}. Text is written as is (UTF-8 on the wire), so district names in
 * Chinese survive.
 */
public final class ReportCsv {

    static final String HEADER = "key,workersHelped,cases,claimedFen,agreedFen,recoveredFen,reliefPaidFen,outstandingFen";
    private static final String LINE_END = "\r\n";

    private ReportCsv() {
    }

    public static String render(RecoveredWagesReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append(LINE_END);
        for (ReportRow row : report.rows()) {
            line(csv, row);
        }
        line(csv, report.total());
        return csv.toString();
    }

    private static void line(StringBuilder csv, ReportRow row) {
        csv.append(field(row.key()));
        for (long number : List.of(row.workersHelped(), row.cases(), row.claimedFen(), row.agreedFen(),
                row.recoveredFen(), row.reliefPaidFen(), row.outstandingFen())) {
            csv.append(',').append(number);
        }
        csv.append(LINE_END);
    }

    /** Quoted only when it must be: a comma, a quote or a line break inside. */
    static String field(String text) {
        if (text == null) {
            return "";
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
