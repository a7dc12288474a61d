package org.mediationledger.query.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's time stamps are read without Instant.parse, and to the same instant, whatever their precision. */
class StoredTimeStampTest {

    @Test
    void readsWhatInstantParseReads_over1970To2099_withAnyNumberOfFractionDigits() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            long epochSecond = (long) (random.nextDouble() * 4_102_444_800L);
            String whole = Instant.ofEpochSecond(epochSecond).toString(); // 2025-06-02T01:02:03Z
            int fractionDigits = random.nextInt(10);
            String fraction = String.format("%09d", random.nextInt(1_000_000_000)).substring(0, fractionDigits);
            String text = fractionDigits == 0 ? whole : whole.substring(0, whole.length() - 1) + "." + fraction + "Z";

            assertThat(StoredEnvelopes.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesEveryOtherFormToInstantParse_soThatItAnswersAsInstantParseDoes() {
        for (String text : new String[]{"2025-06-02T01:02:03+08:00", "2025-02-30T01:02:03Z", "2025-06-02T24:02:03Z",
                "2025-06-02T01:02:03.Z", "2025-0a-02T01:02:03Z", "+12025-06-02T01:02:03Z", "2025-06-02 01:02:03Z",
                "2025-06-02T01:02:03.1234567890Z"}) {
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException refused) {
                assertThatThrownBy(() -> StoredEnvelopes.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(StoredEnvelopes.instant(text)).as(text).isEqualTo(expected);
        }
    }
}
