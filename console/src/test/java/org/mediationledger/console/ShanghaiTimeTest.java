package org.mediationledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ShanghaiTimeTest {

    @Test
    void aLocalDateAndTimeInShanghai_isTheEndOfThatSecondInUtc() {
        assertThat(ShanghaiTime.endOfLocalSecond("2026-03-01T10:15:30")).contains(Instant.parse("2026-03-01T02:15:30.999999999Z"));
        // across midnight: 05:00 local is the previous day in UTC
        assertThat(ShanghaiTime.endOfLocalSecond("2026-03-01T05:00")).contains(Instant.parse("2026-02-28T21:00:00.999999999Z"));
        assertThat(ShanghaiTime.endOfLocalSecond("2026-03-01T10:15:30.250")).contains(Instant.parse("2026-03-01T02:15:30.999999999Z"));
        assertThat(ShanghaiTime.endOfLocalSecond("yesterday")).isEmpty();
        assertThat(ShanghaiTime.endOfLocalSecond("")).isEmpty();
    }

    @Test
    void instantsAreShownAndPutIntoTheFieldInShanghaiTime() {
        assertThat(ShanghaiTime.shown("2026-03-01T16:30:00.5Z")).isEqualTo("2026-03-02 00:30:00");
        assertThat(ShanghaiTime.inputValue("2026-03-01T16:30:00.5Z")).isEqualTo("2026-03-02T00:30:00");
        assertThat(ShanghaiTime.shown("not an instant")).isEqualTo("not an instant");
        assertThat(ShanghaiTime.inputValue("not an instant")).isEmpty();
    }
}
