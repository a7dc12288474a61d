package org.mediationledger.console.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Yuan as people type them, to fen; anything doubtful refused rather than read as another amount. */
class YuanTest {

    @ParameterizedTest(name = "{0} is {1} fen")
    @CsvSource(delimiter = '|', textBlock = """
            12500          | 1250000
            12500.5        | 1250050
            12500.05       | 1250005
            12,500.50      | 1250050
            1,234,567.89   | 123456789
            ¥12,500        | 1250000
            ￥ 80          | 8000
            １２５００．００ | 1250000
            12，500。5      | 1250050
            0.01           | 1
            -5             | -500
            9999999999999.99 | 999999999999999
            """)
    void readsWhatPeopleType(String typed, long fen) {
        assertThat(Yuan.toFen(typed)).isEqualTo(OptionalLong.of(fen));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"", " ", "12,50", "1,2,3", "12500.005", "20.005", "1.2.3", "12 500", "abc", "12a",
            "10000000000000", "12500¥", "--5", ".5", "1,0000"})
    void refusesWhatCouldBeAnotherAmount(String typed) {
        assertThat(Yuan.toFen(typed)).isEmpty();
    }

    @ParameterizedTest(name = "{0} fen is shown as {1}")
    @CsvSource({"1250050, 12500.50", "5, 0.05", "0, 0.00", "-250, -2.50"})
    void showsFenBackForEditing(long fen, String shown) {
        assertThat(Yuan.forInput(fen)).isEqualTo(shown);
    }
}
