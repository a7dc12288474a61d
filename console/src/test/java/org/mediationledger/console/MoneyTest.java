package org.mediationledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

    private final Money money = new Money();

    @Test
    void fenAreShownAsYuanWithTwoDecimals() {
        assertThat(money.yuan(1250000L)).isEqualTo("12,500.00");
        assertThat(money.yuan(380050L)).isEqualTo("3,800.50");
        assertThat(money.yuan(0L)).isEqualTo("0.00");
        assertThat(money.yuan(5L)).isEqualTo("0.05");
        assertThat(money.yuan(99L)).isEqualTo("0.99");
        assertThat(money.yuan(100L)).isEqualTo("1.00");
        assertThat(money.yuan(123456789L)).isEqualTo("1,234,567.89");
        assertThat(money.yuan(-1050L)).isEqualTo("-10.50");
        assertThat(money.yuan(Long.MAX_VALUE)).isEqualTo("92,233,720,368,547,758.07");
        assertThat(money.yuan(Long.MIN_VALUE)).isEqualTo("-92,233,720,368,547,758.08");
        assertThat(money.yuan((Long) null)).isEmpty();
    }
}
