package org.mediationledger.command.it;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.deadline.DeadlineProbe.StartProbe;
import org.mediationledger.command.deadline.DeadlineProbeConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deadlines survive restarts (ARCHITECTURE.md, guarantee 7): one that fell due while the service was
 * down is run by the first poll after the service is back, on the real clock.
 */
class DeadlineRestartTest {

    static final Duration FIRING_TIMEOUT = Duration.ofSeconds(60); // generous: a wait ends as soon as its condition holds

    @Test
    void aDeadlineThatFellDueWhileTheServiceWasDown_firesOnTheFirstPollAfterTheRestart() throws Exception {
        Map<String, String> settings = CommandSideRun.freshDatabase();
        String probeId = "probe-" + UUID.randomUUID();
        Instant dueAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);

        // the first run polls once, when it starts, and then not for an hour: the deadline cannot fire in it
        settings.put("ml.deadlines.poll-interval", "1h");
        try (CommandSideRun first = CommandSideRun.start(settings, DeadlineProbeConfig.class)) {
            first.bean(CommandGateway.class).sendAndWait(new StartProbe(probeId, "across a restart", dueAt));
            assertThat(scheduledRows(first, probeId)).isEqualTo(1);
            assertThat(firedEvents(first, probeId)).isZero();
        }
        while (Instant.now().isBefore(dueAt)) {
            Thread.sleep(50); // the service is down when its deadline falls due
        }

        settings.put("ml.deadlines.poll-interval", "200ms");
        try (CommandSideRun second = CommandSideRun.start(settings, DeadlineProbeConfig.class)) {
            long giveUp = System.nanoTime() + FIRING_TIMEOUT.toNanos();
            while (firedEvents(second, probeId) == 0 && System.nanoTime() < giveUp) {
                Thread.sleep(50);
            }
            assertThat(firedEvents(second, probeId)).as("fired after the restart").isEqualTo(1);
            assertThat(scheduledRows(second, probeId)).isZero();
        }
    }

    private static int firedEvents(CommandSideRun run, String probeId) {
        return run.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%ProbeDeadlineFired'", Integer.class, probeId);
    }

    private static int scheduledRows(CommandSideRun run, String probeId) {
        return run.jdbc().queryForObject("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') IN task_data) > 0",
                Integer.class, probeId);
    }
}
