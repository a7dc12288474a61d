package org.mediationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.common.Respondent;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.ClaimantRecord;
import org.mediationledger.events.disputecase.DisputeRegistered;
import org.mediationledger.events.disputecase.MediationAgreementReached;
import org.mediationledger.events.disputecase.MediationSessionHeld;
import org.mediationledger.events.disputecase.MediatorAssigned;
import org.mediationledger.events.disputecase.WagePaymentRecorded;
import org.mediationledger.events.lawyer.LawyerRegistered;
import org.mediationledger.events.pii.PersonalDataCipher;
import org.mediationledger.events.wire.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rebuild benchmark (issue 4: a rebuild over at least 1,000,000 events with zero differences, its events per
 * second reported). Against a system started by {@code bin/start} on a fresh data directory it
 * <ol>
 *   <li>fills the event store with {@code --events} events of closed cases, written straight into
 *       {@code DomainEventEntry} in the shapes the aggregates write them (20 per case: intake, mediator, five
 *       sessions, an agreement, eleven payments, closure), so that the run takes minutes, not the hours a
 *       million commands over HTTP would; the relay publishes them and the query side takes them in as usual;</li>
 *   <li>waits until the live views have every event;</li>
 *   <li>asks for a rebuild as the auditor and follows it to its end;</li>
 * </ol>
 * and writes the figures to {@code --report}. Usage (classpath from Maven, since the bench jar leaves the
 * event classes out): {@code java -cp infra/bench/target/classes:$(cat cp.txt) org.mediationledger.bench.StoreVolume
 * --jdbc jdbc:postgresql://localhost:15432/mediation_ledger --query http://localhost:8082 --events 1000000 --report FILE}.
 */
public final class StoreVolume {

    private static final Logger LOG = LoggerFactory.getLogger(StoreVolume.class);
    private static final int EVENTS_PER_CASE = 20;
    private static final int BATCH = 2000;
    private static final ObjectMapper JSON = EventJson.newObjectMapper();
    private static final LocalDate DAY = LocalDate.of(2025, 6, 2);

    private StoreVolume() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--jdbc", "jdbc:postgresql://localhost:15432/mediation_ledger",
                "--query", "http://localhost:8082", "--events", "1000000", "--report", "rebuild-report.md", "--rebuild", "true",
                "--shape", "closed-cases"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        URI query = URI.create(options.get("--query"));
        if (!List.of("localhost", "127.0.0.1").contains(query.getHost()) || !options.get("--jdbc").contains("//localhost:")) {
            throw new IllegalArgumentException("this benchmark writes straight into the event store: only a system on this machine");
        }
        boolean reportShape = switch (options.get("--shape")) {
            case "closed-cases" -> false;
            case "report" -> true;
            default -> throw new IllegalArgumentException("--shape must be closed-cases or report");
        };
        long cases = Long.parseLong(options.get("--events")) / (reportShape ? 2 : EVENTS_PER_CASE);
        StringBuilder report = new StringBuilder();
        try (Connection db = DriverManager.getConnection(options.get("--jdbc") + "?reWriteBatchedInserts=true", "postgres", "postgres")) {
            long before = count(db, "SELECT count(*) FROM DomainEventEntry");
            if (before > 0) {
                throw new IllegalStateException("the event store already holds " + before + " events: start on a fresh ML_DATA_DIR");
            }
            long fillStart = System.nanoTime();
            if (reportShape) {
                fillForTheReport(db, cases);
            } else {
                fill(db, cases);
            }
            double fillSeconds = seconds(fillStart);
            long stored = count(db, "SELECT count(*) FROM DomainEventEntry");
            line(report, "events stored: %d (%d cases of %d events, 20 lawyers) in %.0f s (%.0f events/s, trigger-computed hash chain included)",
                    stored, cases, reportShape ? 2 : EVENTS_PER_CASE, fillSeconds, stored / fillSeconds);

            long ingestStart = System.nanoTime();
            long processed = 0;
            while (processed < stored && seconds(ingestStart) < 4 * 3600) {
                Thread.sleep(10_000);
                processed = count(db, "SELECT count(*) FROM views.processed_event");
                LOG.info("live views: {} of {} events after {} s (relay at global index {})", processed, stored,
                        Math.round(seconds(ingestStart)), count(db, "SELECT COALESCE(max((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint), -1) "
                                + "FROM tokenentry WHERE processorname = 'kafka-relay'"));
            }
            line(report, "live views took them in (relay, Kafka, query side) in %.0f s after the fill: %d events processed",
                    seconds(ingestStart), processed);

            if (reportShape) {
                reportLatency(report, query);
            }
            if (!Boolean.parseBoolean(options.get("--rebuild"))) {
                Files.writeString(Path.of(options.get("--report")), report.toString(), StandardCharsets.UTF_8);
                LOG.info("report written to {} (no rebuild asked for):\n{}", options.get("--report"), report);
                return;
            }
            HttpClient http = HttpClient.newHttpClient();
            String auditor = "Basic " + Base64.getEncoder().encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(query.resolve("/api/audit/rebuilds"))
                    .header("Authorization", auditor).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("rebuild not started: " + started.statusCode() + " " + started.body());
            }
            String id = JSON.readTree(started.body()).get("rebuildId").asText();
            long rebuildStart = System.nanoTime();
            JsonNode rebuild;
            do {
                Thread.sleep(5_000);
                rebuild = JSON.readTree(http.send(HttpRequest.newBuilder(query.resolve("/api/audit/rebuilds/" + id))
                        .header("Authorization", auditor).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                LOG.info("rebuild {}: {}, {} events replayed after {} s", id, rebuild.get("status").asText(),
                        rebuild.get("eventsReplayed").asLong(), Math.round(seconds(rebuildStart)));
            } while (rebuild.get("status").asText().equals("RUNNING") && seconds(rebuildStart) < 4 * 3600);
            line(report, "rebuild %s: %s after %.0f s (replay and comparison)", id, rebuild.get("status").asText(), seconds(rebuildStart));
            line(report, "answer of GET /api/audit/rebuilds/%s:%n%n```json%n%s%n```", id, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rebuild));
            line(report, "view rows: %s", rowCounts(db));
        }
        Files.writeString(Path.of(options.get("--report")), report.toString(), StandardCharsets.UTF_8);
        LOG.info("report written to {}:\n{}", options.get("--report"), report);
    }

    /**
     * The report's shape: {@code cases} cases of two events (intake, one payment), registered over three years
     * (2023 to 2025) in four districts and every channel and employment form, by {@code 3/4 cases} workers (a
     * third of them have a second case, on another day), each paid a part of the claim a few days later.
     */
    private static void fillForTheReport(Connection db, long cases) throws Exception {
        db.setAutoCommit(false);
        long workers = Math.max(1, cases * 3 / 4);
        java.util.BitSet enrolled = new java.util.BitSet();
        LocalDate firstDay = LocalDate.of(2023, 1, 1);
        try (PreparedStatement event = db.prepareStatement("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, "
                + "eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?)");
             PreparedStatement key = db.prepareStatement("INSERT INTO pii.worker_key (claimant_key, id_number_hash, worker_key) VALUES (?, ?, ?)")) {
            Instant at = Instant.parse("2025-06-02T01:00:00Z");
            int pending = 0;
            for (long c = 0; c < cases; c++) {
                String caseId = UUID.randomUUID().toString();
                int w = (int) ((c * 7919) % workers); // a multiplier prime to the count: every worker, scattered
                String worker = UUID.nameUUIDFromBytes(("report-worker-" + w).getBytes(StandardCharsets.UTF_8)).toString();
                // one key per worker, derived so that a later case of theirs encrypts under the key enrolled (a benchmark's data only)
                byte[] workerKey = java.security.MessageDigest.getInstance("SHA-256").digest(worker.getBytes(StandardCharsets.UTF_8));
                if (!enrolled.get(w)) {
                    enrolled.set(w);
                    key.setString(1, worker);
                    key.setString(2, HexFormat.of().formatHex(worker.getBytes(StandardCharsets.UTF_8)));
                    key.setBytes(3, workerKey);
                    key.addBatch();
                }
                LocalDate registeredOn = firstDay.plusDays(c % 1095);
                String idNumber = "3702031990" + String.format("%08d", w % 100_000_000);
                DisputeRegistered registered = new DisputeRegistered(caseId, new ClaimantRecord(worker, "工人" + w,
                        HexFormat.of().formatHex(workerKey, 0, 8), PersonalDataCipher.encrypt(workerKey, worker, idNumber), null,
                        EmploymentForm.values()[(int) (c % EmploymentForm.values().length)]),
                        List.of(new Respondent("青岛某某配送服务有限公司" + (c % 500), null)),
                        DisputeCategory.values()[(int) (c / 7 % DisputeCategory.values().length)], 1_100_000,
                        IntakeChannel.values()[(int) (c / 3 % IntakeChannel.values().length)],
                        List.of("市北区", "李沧区", "崂山区", "城阳区").get((int) (c % 4)), "工资未结", registeredOn, registeredOn);
                long paid = 100_000 + (c % 10) * 50_000;
                WagePaymentRecorded payment = new WagePaymentRecorded(caseId, "p-1", paid, registeredOn.plusDays(3 + c % 20),
                        PaymentSource.EMPLOYER_VOLUNTARY, 1_100_000, paid, 1_100_000 - paid);
                at = at.plusMillis(3);
                add(event, "DisputeCase", caseId, 0, registered, "staff", "UNION_STAFF", at);
                add(event, "DisputeCase", caseId, 1, payment, "staff", "UNION_STAFF", at.plusMillis(1));
                pending += 2;
                if (pending >= BATCH) {
                    commit(db, key, event);
                    pending = 0;
                    if (c % 50_000 < 1000) {
                        LOG.info("filled {} of {} cases", c, cases);
                    }
                }
            }
            commit(db, key, event);
        }
        db.setAutoCommit(true);
    }

    /** Each of four report questions asked 50 times over HTTP as the auditor, after 5 unmeasured: the spread of their answers. */
    private static void reportLatency(StringBuilder report, URI query) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auditor = "Basic " + Base64.getEncoder().encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8));
        line(report, "recovered-wages report over the views above (50 requests each, one after another, after 5 not counted):");
        report.append("| question | median | p95 | slowest | total workers helped | total cases | total recovered (fen) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (String question : List.of("", "groupBy=district", "groupBy=month", "groupBy=channel&from=2024-01-01&to=2024-12-31",
                "groupBy=employmentForm&from=2025-03-15")) {
            URI uri = query.resolve("/api/reports/recovered-wages" + (question.isEmpty() ? "" : "?" + question));
            double[] millis = new double[50];
            JsonNode total = null;
            for (int i = -5; i < millis.length; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).header("Authorization", auditor).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("report " + question + ": " + answer.statusCode() + " " + answer.body());
                }
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
                total = JSON.readTree(answer.body()).get("total");
            }
            java.util.Arrays.sort(millis);
            report.append(String.format("| `%s` | %.1f ms | %.1f ms | %.1f ms | %d | %d | %d |%n", question.isEmpty() ? "(all time, no grouping)" : question,
                    millis[24], millis[47], millis[49], total.get("workersHelped").asLong(), total.get("cases").asLong(),
                    total.get("recoveredFen").asLong()));
        }
        report.append("\n");
    }

    /** Lawyers, then the cases, in batches; each case's 20 events in order, so the trigger chains them. */
    private static void fill(Connection db, long cases) throws Exception {
        db.setAutoCommit(false);
        try (PreparedStatement event = db.prepareStatement("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, "
                + "eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?)");
             PreparedStatement key = db.prepareStatement("INSERT INTO pii.worker_key (claimant_key, id_number_hash, worker_key) VALUES (?, ?, ?)")) {
            Instant at = Instant.parse("2025-06-02T01:00:00Z");
            for (int l = 1; l <= 20; l++) {
                add(event, "Lawyer", "lawyer" + l, 0, new LawyerRegistered("lawyer" + l, "律师" + l, 100_000), "staff", "UNION_STAFF", at);
            }
            event.executeBatch();
            // the command side's own caseload figures follow its events in the commands' transactions;
            // events written here bypass that, so the lawyers' rows are written with them
            try (PreparedStatement caseload = db.prepareStatement("INSERT INTO lawyer_caseload (lawyer_id, max_active_cases) "
                    + "VALUES (?, 100000) ON CONFLICT (lawyer_id) DO NOTHING")) {
                for (int l = 1; l <= 20; l++) {
                    caseload.setString(1, "lawyer" + l);
                    caseload.addBatch();
                }
                caseload.executeBatch();
            }
            int pending = 0;
            for (long c = 0; c < cases; c++) {
                String caseId = UUID.randomUUID().toString();
                String worker = UUID.randomUUID().toString();
                byte[] workerKey = PersonalDataCipher.newWorkerKey();
                key.setString(1, worker);
                key.setString(2, HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
                key.setBytes(3, workerKey);
                key.addBatch();
                String lawyer = "lawyer" + (1 + c % 20);
                String idNumber = "3702031990" + String.format("%08d", c % 100_000_000);
                List<Object> events = new ArrayList<>();
                events.add(new DisputeRegistered(caseId, new ClaimantRecord(worker, "工人" + c, HexFormat.of().formatHex(workerKey, 0, 8),
                        PersonalDataCipher.encrypt(workerKey, worker, idNumber), PersonalDataCipher.encrypt(workerKey, worker, "138" + String.format("%08d", c % 100_000_000)),
                        EmploymentForm.values()[(int) (c % EmploymentForm.values().length)]),
                        List.of(new Respondent("青岛某某配送服务有限公司" + (c % 500), null)), DisputeCategory.UNPAID_WAGES, 1_100_000,
                        IntakeChannel.values()[(int) (c % IntakeChannel.values().length)], List.of("市北区", "李沧区", "崂山区", "城阳区").get((int) (c % 4)),
                        "工资未结", DAY, DAY));
                events.add(new MediatorAssigned(caseId, lawyer, DAY, DAY.plusDays(15), null, null));
                for (int s = 0; s < 5; s++) {
                    events.add(new MediationSessionHeld(caseId, "s-" + s, DAY.plusDays(s), "第" + (s + 1) + "次调解"));
                }
                events.add(new MediationAgreementReached(caseId, 1_100_000, DAY.plusDays(5),
                        List.of(new Instalment(DAY.plusDays(30), 550_000), new Instalment(DAY.plusDays(60), 550_000))));
                for (int p = 1; p <= 11; p++) {
                    events.add(new WagePaymentRecorded(caseId, "p-" + p, 100_000, DAY.plusDays(5 + p), PaymentSource.INSTALMENT,
                            1_100_000, 100_000L * p, 1_100_000 - 100_000L * p));
                }
                events.add(new CaseClosed(caseId, ClosureOutcome.RECOVERED_IN_FULL, DAY.plusDays(17)));
                for (int seq = 0; seq < events.size(); seq++) {
                    at = at.plusMillis(3);
                    add(event, "DisputeCase", caseId, seq, events.get(seq), lawyer, "LAWYER", at);
                }
                pending += events.size();
                if (pending >= BATCH) {
                    commit(db, key, event);
                    pending = 0;
                    if (c % 5000 < 100) {
                        LOG.info("filled {} of {} cases", c, cases);
                    }
                }
            }
            commit(db, key, event);
        }
        db.setAutoCommit(true);
    }

    /** The workers' keys before the events that encrypt under them, then one commit. */
    private static void commit(Connection db, PreparedStatement keys, PreparedStatement events) throws Exception {
        keys.executeBatch();
        events.executeBatch();
        db.commit();
    }

    private static void add(PreparedStatement insert, String aggregateType, String aggregateId, long sequence, Object payload,
                            String actor, String role, Instant at) throws Exception {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("actorId", actor);
        metadata.put("actorRole", role);
        metadata.put("requestId", requestId);
        metadata.put("correlationId", requestId);
        metadata.put("causationId", requestId);
        insert.setString(1, aggregateId);
        insert.setLong(2, sequence);
        insert.setString(3, aggregateType);
        insert.setString(4, UUID.randomUUID().toString());
        insert.setBytes(5, JSON.writeValueAsBytes(metadata));
        insert.setBytes(6, JSON.writeValueAsBytes(payload));
        insert.setString(7, payload.getClass().getName());
        insert.setString(8, at.toString());
        insert.addBatch();
    }

    private static String rowCounts(Connection db) throws Exception {
        StringBuilder counts = new StringBuilder();
        for (String table : List.of("dispute_case", "case_payment", "case_session", "case_timeline", "case_deadline", "case_lawyer", "lawyer")) {
            counts.append(table).append(' ').append(count(db, "SELECT count(*) FROM views." + table)).append("; ");
        }
        return counts.toString();
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void line(StringBuilder report, String format, Object... args) {
        report.append(String.format(format, args)).append("\n\n");
    }

}
