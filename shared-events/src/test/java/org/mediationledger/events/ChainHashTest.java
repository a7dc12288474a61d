package org.mediationledger.events;

import org.junit.jupiter.api.Test;
import org.mediationledger.events.wire.ChainHash;
import org.mediationledger.events.wire.ChainHash.StoredEvent;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain's canonical form: every field counts, a null differs from an empty value, order counts. */
class ChainHashTest {

    static StoredEvent event(long sequence, String payload, String revision) {
        return new StoredEvent("case-1", sequence, "event-" + sequence, "org.mediationledger.events.disputecase.CaseClosed",
                revision, "2025-06-03T01:00:00Z", payload.getBytes(StandardCharsets.UTF_8), "{\"actorId\":\"staff\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLink_dependsOnThePreviousLinkAndEveryByteOfTheEvent() {
        byte[] first = ChainHash.link(ChainHash.genesis(), event(0, "{\"a\":1}", "1"));
        assertThat(first).hasSize(32);
        assertThat(ChainHash.link(ChainHash.genesis(), event(0, "{\"a\":1}", "1"))).isEqualTo(first);
        assertThat(ChainHash.link(ChainHash.genesis(), event(0, "{\"a\":2}", "1"))).isNotEqualTo(first);
        assertThat(ChainHash.link(ChainHash.genesis(), event(1, "{\"a\":1}", "1"))).isNotEqualTo(first);
        assertThat(ChainHash.link(ChainHash.genesis(), event(0, "{\"a\":1}", null)))
                .isNotEqualTo(ChainHash.link(ChainHash.genesis(), event(0, "{\"a\":1}", "")));
        assertThat(ChainHash.link(first, event(1, "{\"a\":1}", "1")))
                .isNotEqualTo(ChainHash.link(ChainHash.genesis(), event(1, "{\"a\":1}", "1")));
    }

    @Test
    void hex_writesTwoLowerCaseDigitsPerByte() {
        assertThat(ChainHash.hex(new byte[]{0, 15, (byte) 0xAB})).isEqualTo("000fab");
    }
}
