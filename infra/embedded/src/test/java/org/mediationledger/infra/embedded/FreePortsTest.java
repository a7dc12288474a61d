package org.mediationledger.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void neverHandsOutTheSamePortTwiceInOneJvm() {
        // 1,000 random picks from ~17,000 ports would repeat one almost surely if picks were not remembered
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int port = FreePorts.pick();
            assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void picksOutsideTheEphemeralRange() {
        assertThat(FreePorts.pick()).isBetween(15000, 32000);
    }
}
