package org.mediationledger.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.deadline.DeadlineProbe.CancelProbe;
import org.mediationledger.command.deadline.DeadlineProbe.StartProbe;
import org.mediationledger.command.deadline.DeadlineProbe.StartProbeThenFail;
import org.mediationledger.command.deadline.DeadlineProbeConfig;
import org.mediationledger.command.config.PersistentDeadlines;
import org.mediationledger.command.deadline.MutableClock;
import org.mediationledger.command.deadline.MutableClockConfig;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.EventMetadata;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The persistent deadline manager (ARCHITECTURE.md, guarantee 7) on a real PostgreSQL, with the business
 * clock replaced by one the test moves: a deadline is a row in {@code scheduled_tasks}, it fires on the
 * aggregate rebuilt from its events only once the clock has passed it, at the next poll when it was
 * already past, never when cancelled, and never when the command that scheduled it failed; what it
 * applies stays in the chain of the request that scheduled it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ml.deadlines.poll-interval=200ms")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // close while Kafka and PostgreSQL still run
@Import({MutableClockConfig.class, DeadlineProbeConfig.class})
class PersistentDeadlinesTest {

    static final Duration FIRING_TIMEOUT = Duration.ofSeconds(60); // generous: a wait ends as soon as its condition holds

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Clock businessClock;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    org.axonframework.config.Configuration axonConfiguration;

    @Test
    void axonUsesThePersistentDeadlineManager_andEveryoneReadsTheOneBusinessClock() {
        assertThat(deadlineManager).isInstanceOf(PersistentDeadlines.class);
        assertThat(axonConfiguration.deadlineManager()).isSameAs(deadlineManager);
        assertThat(businessClock).isSameAs(clock);
    }

    @Test
    void aDeadline_isStoredInPostgres_andFiresOnTheRebuiltAggregateOnlyOnceTheClockPassesIt() throws Exception {
        Instant dueAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofDays(3));
        String probeId = startProbe("three days", dueAt);

        Map<String, Object> row = jdbc.queryForMap("SELECT task_name, execution_time, picked FROM scheduled_tasks "
                + "WHERE position(convert_to(?, 'UTF8') IN task_data) > 0", probeId);
        assertThat(row.get("task_name")).isEqualTo("AxonDeadline");
        assertThat(((Timestamp) row.get("execution_time")).toInstant()).isEqualTo(dueAt);
        assertThat(row.get("picked")).isEqualTo(false);

        // the scheduler polls (a deadline already due fires) but the probe's is not due yet
        awaitAPoll();
        assertThat(firedEvents(probeId)).isEmpty();

        clock.advanceTo(dueAt.minus(Duration.ofMinutes(1)));
        awaitAPoll();
        assertThat(firedEvents(probeId)).as("a minute before it is due").isEmpty();

        clock.advanceTo(dueAt.plusMillis(1));
        Map<String, Object> fired = awaitFired(probeId);
        assertThat(fired.get("stateLabel")).as("the aggregate was rebuilt from its events").isEqualTo("three days");
        assertThat(fired.get("payloadLabel")).as("the stored payload came back").isEqualTo("three days");
        assertThat(Instant.parse((String) fired.get("firedAt"))).isAfter(dueAt);
        // the scheduler removes the row once the execution has finished, a moment after the event is stored
        org.awaitility.Awaitility.await().atMost(FIRING_TIMEOUT).untilAsserted(() ->
                assertThat(rowsOf(probeId)).as("a deadline that ran leaves the table").isZero());
    }

    @Test
    void aDeadlineAlreadyPastWhenScheduled_firesOnTheNextPoll_withoutMovingTheClock() throws Exception {
        String probeId = startProbe("overdue", clock.instant().minus(Duration.ofDays(1)));
        assertThat(awaitFired(probeId).get("payloadLabel")).isEqualTo("overdue");
    }

    @Test
    void aCancelledDeadline_neverFires() throws Exception {
        Instant dueAt = clock.instant().plus(Duration.ofDays(2));
        String probeId = startProbe("cancelled", dueAt);
        assertThat(rowsOf(probeId)).isEqualTo(1);

        commands.sendAndWait(new CancelProbe(probeId));
        assertThat(rowsOf(probeId)).isZero();

        clock.advanceTo(dueAt.plus(Duration.ofMinutes(1)));
        awaitAPoll();
        assertThat(firedEvents(probeId)).isEmpty();
    }

    /**
     * A command that meets a deadline while the scheduler is running it must still succeed: the running
     * deadline is left alone (its handler finds it met). The race of a deadline picked between the lookup
     * and the removal is covered by PersistentDeadlinesCancellationTest.
     */
    @Test
    void cancellingADeadlineThatIsRunningRightNow_leavesItAlone_andTheCommandSucceeds() throws Exception {
        Instant dueAt = clock.instant().plus(Duration.ofDays(3));
        String probeId = startProbe("running", dueAt);
        // what db-scheduler does when it picks a due execution, done by hand so that it stays picked
        assertThat(jdbc.update("UPDATE scheduled_tasks SET picked = true, picked_by = 'another-node', version = version + 1 "
                + "WHERE position(convert_to(?, 'UTF8') IN task_data) > 0", probeId)).isEqualTo(1);

        commands.sendAndWait(new CancelProbe(probeId));

        assertThat(rowsOf(probeId)).as("the running deadline was left to finish").isEqualTo(1);
        jdbc.update("DELETE FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') IN task_data) > 0", probeId);
    }

    /**
     * Cancelling reads only the deadline it cancels (by the id recorded under its scope and name): a row of
     * another deadline that cannot even be read is never touched. Axon's own cancellation deserializes every
     * scheduled deadline, and failed on it.
     */
    @Test
    void cancellingADeadline_readsNoOtherScheduledDeadline() throws Exception {
        String unreadable = "unreadable-" + UUID.randomUUID();
        jdbc.update("INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
                + "VALUES ('AxonDeadline', ?, ?, ?, false, 1)", unreadable, new byte[]{1, 2, 3},
                java.sql.Timestamp.from(clock.instant().plus(Duration.ofDays(400))));
        try {
            Instant dueAt = clock.instant().plus(Duration.ofDays(2));
            String probeId = startProbe("cancelled by id", dueAt);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM deadline_schedule WHERE scope LIKE ?", Integer.class,
                    "%" + probeId + "%")).as("its id recorded under its scope").isEqualTo(1);

            commands.sendAndWait(new CancelProbe(probeId));

            assertThat(rowsOf(probeId)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM deadline_schedule WHERE scope LIKE ?", Integer.class,
                    "%" + probeId + "%")).isZero();
        } finally {
            jdbc.update("DELETE FROM scheduled_tasks WHERE task_instance = ?", unreadable);
        }
    }

    @Test
    void anEventAppliedByADeadline_staysInTheChainOfTheRequestThatScheduledIt() throws Exception {
        String probeId = "probe-" + UUID.randomUUID();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new StartProbe(probeId, "chained", clock.instant()))
                .andMetaData(Map.of(EventMetadata.REQUEST_ID, "req-" + probeId)));
        awaitFired(probeId);

        JsonNode started = metadataOf(probeId, "ProbeStarted");
        JsonNode fired = metadataOf(probeId, "ProbeDeadlineFired");
        assertThat(fired.path(EventMetadata.CORRELATION_ID).asText()).isNotBlank()
                .isEqualTo(started.path(EventMetadata.CORRELATION_ID).asText());
        assertThat(fired.path(EventMetadata.CAUSATION_ID).asText()).as("caused by the deadline, not by the command")
                .isNotBlank().isNotEqualTo(started.path(EventMetadata.CAUSATION_ID).asText());
        assertThat(fired.path(EventMetadata.REQUEST_ID).asText()).isEqualTo("req-" + probeId);
        assertThat(fired.path(EventMetadata.ACTOR_ID).asText()).as("a deadline passing is the system's act")
                .isEqualTo(EventMetadata.DEADLINES_ACTOR);
        assertThat(fired.path(EventMetadata.ACTOR_ROLE).asText()).isEqualTo(EventMetadata.SYSTEM_ROLE);
    }

    @Test
    void aDeadline_isWrittenInTheTransactionOfTheCommandThatScheduledIt() {
        String probeId = "probe-" + UUID.randomUUID();
        assertThatThrownBy(() -> commands.sendAndWait(new StartProbeThenFail(probeId, clock.instant().plus(Duration.ofDays(1)))))
                .hasMessageContaining("refuses to commit");
        assertThat(rowsOf(probeId)).as("the deadline rolled back with the command's events").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM deadline_schedule WHERE scope LIKE ?", Integer.class, "%" + probeId + "%"))
                .as("and its recorded id").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Integer.class, probeId))
                .isZero();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private String startProbe(String label, Instant dueAt) {
        String probeId = "probe-" + UUID.randomUUID();
        commands.sendAndWait(new StartProbe(probeId, label, dueAt));
        return probeId;
    }

    /**
     * Waits until the scheduler has polled at the clock's current time: a witness deadline, due now,
     * has fired. Anything due later must still be waiting.
     */
    private void awaitAPoll() throws InterruptedException {
        awaitFired(startProbe("witness", clock.instant()));
    }

    private Map<String, Object> awaitFired(String probeId) throws InterruptedException {
        long giveUp = System.nanoTime() + FIRING_TIMEOUT.toNanos();
        while (System.nanoTime() < giveUp) {
            List<Map<String, Object>> fired = firedEvents(probeId);
            if (!fired.isEmpty()) {
                assertThat(fired).hasSize(1);
                return fired.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the deadline of " + probeId + " did not fire within " + FIRING_TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> firedEvents(String probeId) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM DomainEventEntry "
                        + "WHERE aggregateIdentifier = ? AND payloadType LIKE '%ProbeDeadlineFired'", String.class, probeId)
                .stream()
                .map(json -> {
                    try {
                        return (Map<String, Object>) EventJson.newObjectMapper().readValue(json, Map.class);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private JsonNode metadataOf(String probeId, String eventType) throws Exception {
        return EventJson.newObjectMapper().readTree(jdbc.queryForObject("SELECT convert_from(metaData, 'UTF8') FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? AND payloadType LIKE ?", String.class, probeId, "%" + eventType));
    }

    private int rowsOf(String probeId) {
        return jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') IN task_data) > 0",
                Integer.class, probeId);
    }
}
