package org.mediationledger.query.report;

import org.junit.jupiter.api.Test;
import org.mediationledger.query.web.InvalidParameter;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveredWagesReportRulesTest {

    @Test
    void groupsWithPaymentsButNoCasesInThePeriod_stillHaveARow() {
        RecoveredWagesReport report = RecoveredWagesReport.assemble(
                List.of(new CaseFigures("市北区", 1, 1, 500_000, 0, 0, 400_000)),
                Map.of("市北区", 100_000L, "李沧区", 50_000L),
                new CaseFigures("TOTAL", 1, 1, 500_000, 0, 0, 400_000),
                150_000);

        assertThat(report.rows()).extracting(ReportRow::key).containsExactly("市北区", "李沧区");
        assertThat(report.rows().get(1)).isEqualTo(new ReportRow("李沧区", 0, 0, 0, 0, 50_000, 0, 0));
        assertThat(report.total()).isEqualTo(new ReportRow("TOTAL", 1, 1, 500_000, 0, 150_000, 0, 400_000));
    }

    @Test
    void totalWorkers_areDistinctAcrossGroups_notTheSumOfTheRows() {
        RecoveredWagesReport report = RecoveredWagesReport.assemble(
                List.of(new CaseFigures("2025-03", 1, 1, 100, 0, 0, 100), new CaseFigures("2025-04", 1, 1, 100, 0, 0, 100)),
                Map.of(),
                new CaseFigures("TOTAL", 1, 2, 200, 0, 0, 200),
                0);

        assertThat(report.total().workersHelped()).isEqualTo(1);
        assertThat(report.total().cases()).isEqualTo(2);
    }

    @Test
    void rowsAreOrderedByKey() {
        RecoveredWagesReport report = RecoveredWagesReport.assemble(
                List.of(CaseFigures.none("2025-05"), CaseFigures.none("2025-02")),
                Map.of("2025-03", 1L),
                CaseFigures.none("TOTAL"), 1);

        assertThat(report.rows()).extracting(ReportRow::key).containsExactly("2025-02", "2025-03", "2025-05");
    }

    @Test
    void groupBy_acceptsTheFiveGroupings_andNamesTheParameterOtherwise() {
        assertThat(ReportGrouping.fromParameter("employmentForm")).contains(ReportGrouping.EMPLOYMENT_FORM);
        assertThat(ReportGrouping.fromParameter("month")).contains(ReportGrouping.MONTH);
        assertThat(ReportGrouping.fromParameter(null)).isEmpty();
        assertThat(ReportGrouping.fromParameter(" ")).isEmpty();
        assertThatThrownBy(() -> ReportGrouping.fromParameter("EMPLOYMENT_FORM"))
                .isInstanceOf(InvalidParameter.class)
                .hasMessage("parameter 'groupBy' must be one of district, category, employmentForm, channel, month");
    }

    @Test
    void monthGroupsPaymentsByTheirOwnDate_otherGroupingsByTheirCase() {
        ReportRollups.GroupedCase registeredInMarch = new ReportRollups.GroupedCase("case-1", "worker-1", LocalDate.of(2025, 3, 10),
                "市北区", "UNPAID_WAGES", "LABOR_CONTRACT", "WALK_IN", ReportRollups.Figures.NONE);
        LocalDate paidInApril = LocalDate.of(2025, 4, 2);
        assertThat(ReportGrouping.MONTH.keyOf(registeredInMarch, registeredInMarch.registeredOn())).isEqualTo("2025-03");
        assertThat(ReportGrouping.MONTH.keyOf(registeredInMarch, paidInApril)).isEqualTo("2025-04");
        assertThat(ReportGrouping.DISTRICT.keyOf(registeredInMarch, paidInApril)).isEqualTo("市北区");
        assertThat(ReportGrouping.MONTH.paymentKey()).contains("p.paid_on");
        assertThat(ReportGrouping.MONTH.caseKey()).contains("c.registered_on");
        assertThat(ReportGrouping.DISTRICT.paymentKey()).isEqualTo("c.district");
    }

    @Test
    void periodStartingAfterItEnds_isRefused() {
        assertThatThrownBy(() -> new ReportPeriod(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 4, 30)))
                .isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("'from'");
        assertThat(new ReportPeriod(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 1)).from()).isEqualTo("2025-05-01");
    }

    @Test
    void csv_hasAHeader_theRows_andTheTotalLast_keepingChineseText() {
        RecoveredWagesReport report = new RecoveredWagesReport(
                List.of(new ReportRow("市北区", 2, 3, 1_800_000, 800_000, 650_000, 0, 950_000)),
                new ReportRow("TOTAL", 2, 3, 1_800_000, 800_000, 650_000, 0, 950_000));

        assertThat(ReportCsv.render(report)).isEqualTo(
                "key,workersHelped,cases,claimedFen,agreedFen,recoveredFen,reliefPaidFen,outstandingFen\r\n"
                        + "市北区,2,3,1800000,800000,650000,0,950000\r\n"
                        + "TOTAL,2,3,1800000,800000,650000,0,950000\r\n");
    }

    @Test
    void csv_quotesKeysWithCommasQuotesOrLineBreaks() {
        assertThat(ReportCsv.field("青岛,市北区")).isEqualTo("\"青岛,市北区\"");
        assertThat(ReportCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportCsv.field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(ReportCsv.field("市北区")).isEqualTo("市北区");
        assertThat(ReportCsv.field(null)).isEmpty();
    }
}
