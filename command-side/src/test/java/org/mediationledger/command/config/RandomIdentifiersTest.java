package org.mediationledger.command.config;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RandomIdentifiersTest {

    @Test
    void axonTakesItsIdentifiersFromThePerThreadGenerators() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(RandomIdentifiers.class);
    }

    @Test
    void identifiersAreVersion4UuidsThatDoNotRepeat() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = RandomIdentifiers.uuid();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(seen.add(id)).as("repeated %s", id).isTrue();
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
        }
    }
}
