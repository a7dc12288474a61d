package org.mediationledger.infra.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class of its own running system: fresh data directory and free ports, stopped afterwards. */
abstract class WholeSystemTest {

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
