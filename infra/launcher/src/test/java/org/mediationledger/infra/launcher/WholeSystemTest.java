package org.mediationledger.infra.launcher;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class of its own running system: fresh data directory and free ports, stopped afterwards. */
abstract class WholeSystemTest {

    /**
     * How long a test waits for the views, a deadline or the saga: generous, because a machine running
     * another system beside the tests is slow, and every wait ends as soon as its condition holds.
     */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    static RunningSystem system;

    @BeforeAll
    static void startSystem() {
        system = RunningSystem.start();
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
            system = null;
        }
    }
}
