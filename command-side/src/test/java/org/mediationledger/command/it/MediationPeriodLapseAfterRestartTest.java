package org.mediationledger.command.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mediationledger.command.deadline.DeadlineProbe;
import org.mediationledger.command.deadline.DeadlineProbeConfig;
import org.mediationledger.command.deadline.MutableClock;
import org.mediationledger.command.deadline.MutableClockConfig;
import org.mediationledger.events.wire.EventJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3, "done when": a union mediation's 15-day period (LDMAL art. 14) is scheduled as a persistent
 * deadline when the mediator is assigned; the service is stopped and started again on the same
 * database; once the business clock passes the start of the day after the period's last day
 * (Asia/Shanghai), MediationPeriodLapsed is recorded within a minute (DOMAIN.md, "Deadlines"), and not
 * before.
 */
class MediationPeriodLapseAfterRestartTest {

    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    /** Generous: a busy machine is slow, and every wait ends as soon as its condition holds. */
    static final Duration LAPSE_TIMEOUT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = EventJson.newObjectMapper();

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void mediationPeriod_lapsesAfterARestart_onceTheClockPassesTheStartOfTheDayAfterItsLastDay() throws Exception {
        Map<String, String> settings = CommandSideRun.freshDatabase();
        settings.put("ml.deadlines.poll-interval", "200ms");
        String caseId = UUID.randomUUID().toString();
        String lawyerId = "lapse-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate lastDay;
        Instant lapsesAt;

        try (CommandSideRun first = CommandSideRun.start(settings, MutableClockConfig.class)) {
            LocalDate today = LocalDate.now(first.bean(MutableClock.class));
            lastDay = today.plusDays(15);
            lapsesAt = lastDay.plusDays(1).atStartOfDay(BUSINESS_ZONE).toInstant();

            assertThat(post(first, "/api/lawyers", "staff",
                    "{\"lawyerId\":\"" + lawyerId + "\",\"name\":\"孙丽\",\"maxActiveCases\":5}").statusCode()).isEqualTo(201);
            HttpResponse<String> registered = post(first, "/api/cases", "staff", unionIntake(caseId, today));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            HttpResponse<String> assigned = post(first, "/api/cases/" + caseId + "/mediator", "staff",
                    "{\"lawyerId\":\"" + lawyerId + "\",\"receivedOn\":\"" + today + "\"}");
            assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);

            String mediatorAssigned = first.jdbc().queryForObject("SELECT convert_from(payload, 'UTF8') FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = ? AND payloadType LIKE '%.MediatorAssigned'", String.class, caseId);
            assertThat(JSON.readTree(mediatorAssigned).get("mediationDeadline").asText()).isEqualTo(lastDay.toString());
            List<Timestamp> scheduled = first.jdbc().queryForList("SELECT execution_time FROM scheduled_tasks "
                    + "WHERE task_name = 'AxonDeadline' AND position(convert_to(?, 'UTF8') IN task_data) > 0", Timestamp.class, caseId);
            assertThat(scheduled).as("the case's deadline is a row in PostgreSQL").hasSize(1);
            assertThat(scheduled.get(0).toInstant()).isEqualTo(lapsesAt);
            assertThat(lapses(first, caseId)).as("before the clock moved").isZero();
        }

        try (CommandSideRun second = CommandSideRun.start(settings, MutableClockConfig.class, DeadlineProbeConfig.class)) {
            MutableClock clock = second.bean(MutableClock.class);
            clock.advanceTo(lapsesAt.minus(Duration.ofMinutes(1)));
            awaitAPollAfterTheClockMoved(second, clock);
            assertThat(lapses(second, caseId)).as("a minute before the period ended").isZero();

            clock.advanceTo(lapsesAt.plusSeconds(1));
            long giveUp = System.nanoTime() + LAPSE_TIMEOUT.toNanos();
            while (lapses(second, caseId) == 0 && System.nanoTime() < giveUp) {
                Thread.sleep(100);
            }
            assertThat(lapses(second, caseId)).as("MediationPeriodLapsed after the restart").isEqualTo(1);
            assertThat(second.jdbc().queryForObject("SELECT convert_from(metaData, 'UTF8')::jsonb ->> 'actorId' FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = ? AND payloadType LIKE '%.MediationPeriodLapsed'", String.class, caseId))
                    .as("a lapse is nobody's act: the system's, not the staff member's who assigned the mediator")
                    .isEqualTo("system:deadlines");
            assertThat(second.jdbc().queryForObject("SELECT count(*) FROM scheduled_tasks "
                    + "WHERE position(convert_to(?, 'UTF8') IN task_data) > 0", Integer.class, caseId))
                    .as("the deadline ran and left the table").isZero();
        }
    }


    /**
     * A witness deadline due at the clock's instant fires at the scheduler's next poll; once it has,
     * a poll ran after the clock moved, and anything due later must still be waiting.
     */
    private static void awaitAPollAfterTheClockMoved(CommandSideRun run, MutableClock clock) {
        String witness = "witness-" + UUID.randomUUID();
        run.bean(CommandGateway.class).sendAndWait(new DeadlineProbe.StartProbe(witness, "a poll after the clock moved", clock.instant()));
        await("the witness deadline " + witness + " fired").atMost(LAPSE_TIMEOUT).until(() -> run.jdbc().queryForObject(
                "SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE '%ProbeDeadlineFired'",
                Integer.class, witness) > 0);
    }
    private static int lapses(CommandSideRun run, String caseId) {
        return run.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%.MediationPeriodLapsed'", Integer.class, caseId);
    }

    private static String unionIntake(String caseId, LocalDate appliedOn) {
        return "{\"caseId\":\"" + caseId + "\","
                + "\"claimant\":{\"name\":\"刘洋\",\"idNumber\":\"37020319900307123X\",\"phone\":\"13912345678\","
                + "\"employmentForm\":\"PLATFORM_COOPERATION\"},"
                + "\"respondents\":[{\"name\":\"青岛某某配送服务有限公司\",\"creditCode\":\"91370203MA3C0X0X0E\"}],"
                + "\"category\":\"UNPAID_WAGES\",\"claimedFen\":120000,\"channel\":\"WALK_IN\","
                + "\"district\":\"市北区\",\"facts\":\"两个月工资未结\",\"appliedOn\":\"" + appliedOn + "\"}";
    }

    private HttpResponse<String> post(CommandSideRun run, String path, String user, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + run.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
