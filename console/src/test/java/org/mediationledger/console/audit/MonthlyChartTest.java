package org.mediationledger.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MonthlyChartTest {

    @Test
    void theAxisStepsAreOneTwoOrFiveTimesAPowerOfTenYuan_coveringTheLargestBarInFiveSteps() {
        assertThat(MonthlyChart.step(0)).isEqualTo(100);
        assertThat(MonthlyChart.step(99)).isEqualTo(100);
        assertThat(MonthlyChart.step(1_250_050)).isEqualTo(500_000);   // 12,500.50 yuan: steps of 5,000
        assertThat(MonthlyChart.step(1_000_000)).isEqualTo(200_000);   // exactly five steps of 2,000
        assertThat(MonthlyChart.step(1_000_001)).isEqualTo(500_000);
    }

    @Test
    void barHeightsAreProportionalToTheFen_theLargestReachingTheTopWhenItIsAWholeStep() {
        MonthlyChart chart = MonthlyChart.of(List.of(row("2026-01", 1_000_000, 250_000), row("2026-02", 500_000, 0)));
        assertThat(chart.topFen()).isEqualTo(1_000_000);
        MonthlyChart.Bar january = chart.bars().get(0);
        assertThat(january.height()).isEqualTo(chart.plotHeight());
        assertThat(january.y()).isEqualTo(chart.plotTop());
        assertThat(chart.bars().get(1).height()).isEqualTo(chart.plotHeight() / 4);
        assertThat(chart.bars().get(2).height()).isEqualTo(chart.plotHeight() / 2);
        assertThat(chart.bars().get(3).height()).isZero();
        assertThat(chart.ticks()).extracting(MonthlyChart.Tick::fen)
                .containsExactly(0L, 200_000L, 400_000L, 600_000L, 800_000L, 1_000_000L);
    }

    @Test
    void monthsWithoutARowAreEmptyMonths_andNoRowsMeanNoChart() {
        assertThat(MonthlyChart.withEmptyMonths(List.of(row("2025-11", 1, 0), row("2026-02", 2, 0))))
                .extracting(ReportRow::key).containsExactly("2025-11", "2025-12", "2026-01", "2026-02");
        assertThat(MonthlyChart.of(List.of())).isNull();
    }

    @Test
    void scalingStaysExactForLargeAmounts() {
        assertThat(MonthlyChart.scaled(5_000_000_000_000L, 10_000_000_000_000L, 238)).isEqualTo(119);
    }

    private static ReportRow row(String month, long recoveredFen, long reliefPaidFen) {
        return new ReportRow(month, 1, 1, 0, 0, recoveredFen, reliefPaidFen, 0);
    }
}
