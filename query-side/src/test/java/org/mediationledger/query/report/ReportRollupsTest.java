package org.mediationledger.query.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.ingest.EventIngestion;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.Worker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's rollups, kept by the fold batch by batch, always equal what the case and payment rows sum to
 * (ReportRollups.FROM_THE_ROWS, the definition): over random stories of workers with several cases, taken in
 * by batches of several partitions in an order that is not the registration order, and with two partitions
 * taking in cases of the same workers at the same moment. And the report answers from them what a count over
 * the cases gives, for periods that cut through a worker's cases.
 */
class ReportRollupsTest extends ProjectionTestBase {

    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 12, 20);
    private static final List<String> DISTRICTS = List.of("市北区", "李沧区", "崂山区");

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "report_rollups", "mediation.events.report-rollups");
    }

    private static int enrolled;

    @Autowired
    EventIngestion ingestion;

    /** One generated case: its events in order, and what the expected report counts of it. */
    private record GeneratedCase(String partition, Worker worker, String district, LocalDate registeredOn,
                                 List<PublishedEvent> events) {
    }

    @BeforeEach
    void emptyViews() {
        db.execute("TRUNCATE views.dispute_case, views.case_payment, views.case_session, views.case_timeline, "
                + "views.case_deadline, views.case_lawyer, views.case_file_snapshot, views.processed_event, "
                + "views.aggregate_sequence, views.report_case_day, views.report_worker_day, views.report_payment_day");
    }

    @Test
    void rollupsKeptBatchByBatch_equalTheSumsOverTheRows_whateverTheOrderCasesArriveIn() {
        for (long seed = 1; seed <= 3; seed++) {
            emptyViews();
            Random random = new Random(seed);
            List<GeneratedCase> cases = generate(random, 12, 60);
            // batches of up to 7 events, the partitions' batches interleaved, each case's events in order
            Map<String, List<PublishedEvent>> byPartition = new LinkedHashMap<>();
            cases.forEach(c -> byPartition.computeIfAbsent(c.partition(), p -> new ArrayList<>()).addAll(c.events()));
            byPartition.values().forEach(events -> shuffleKeepingEachCaseInOrder(events, random));
            List<Map.Entry<String, List<PublishedEvent>>> batches = new ArrayList<>();
            byPartition.forEach((partition, events) -> {
                for (int from = 0; from < events.size(); ) {
                    int to = Math.min(events.size(), from + 1 + random.nextInt(7));
                    batches.add(Map.entry(partition, events.subList(from, to)));
                    from = to;
                }
            });
            for (var batch : batches) {
                ingestion.ingest(batch.getKey(), batch.getValue());
            }

            assertThat(rollupsAsKept()).as("seed %d", seed).isEqualTo(rollupsFromTheRows());
            assertReportMatchesACountOverTheCases(cases);
        }
    }

    @Test
    void twoPartitionsTakingInCasesOfTheSameWorkersAtOnce_countEachWorkerFromWhatTheOtherCommitted() throws Exception {
        Random random = new Random(42);
        List<GeneratedCase> cases = generate(random, 5, 80);
        List<List<PublishedEvent>> registrations = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < cases.size(); i++) {
            registrations.get(i % 2).add(cases.get(i).events().get(0));
        }
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Void>> partitions = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            String partition = "same-workers-" + p;
            List<PublishedEvent> mine = registrations.get(p);
            partitions.add(CompletableFuture.runAsync(() -> {
                for (int from = 0; from < mine.size(); from += 4) {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    ingestion.ingest(partition, mine.subList(from, Math.min(mine.size(), from + 4)));
                }
            }));
        }
        CompletableFuture.allOf(partitions.toArray(CompletableFuture[]::new)).get();

        assertThat(rollupsAsKept()).isEqualTo(rollupsFromTheRows());
        assertThat(report("").get("total").get("workersHelped").asLong()).isEqualTo(5);
    }

    // ---- stories --------------------------------------------------------------------------------------

    private List<GeneratedCase> generate(Random random, int workerCount, int caseCount) {
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < workerCount; w++) {
            workers.add(Worker.enrol(db, "工人" + w, String.format("3702031990%08d", ++enrolled), "13800000000"));
        }
        List<GeneratedCase> cases = new ArrayList<>();
        for (int c = 0; c < caseCount; c++) {
            Worker worker = workers.get(random.nextInt(workerCount));
            String district = DISTRICTS.get(random.nextInt(DISTRICTS.size()));
            // cases on the same day of one worker, and months crossed: Dec 2024 to Feb 2025
            LocalDate registeredOn = FIRST_DAY.plusDays(random.nextInt(12) * 5L);
            CaseStory story = new CaseStory();
            List<PublishedEvent> events = new ArrayList<>();
            long claimed = 100_000 + random.nextInt(900) * 1_000L;
            events.add(story.registered(worker, pick(random, EmploymentForm.values()), pick(random, DisputeCategory.values()),
                    pick(random, IntakeChannel.values()), district, claimed, registeredOn));
            long owed = claimed;
            if (random.nextBoolean()) {
                owed = claimed / 2;
                events.add(story.agreementReached(owed, registeredOn.plusDays(3), List.of()));
            }
            long recovered = 0;
            for (int p = random.nextInt(4); p > 0 && recovered < owed; p--) {
                long amount = Math.min(owed - recovered, 10_000 + random.nextInt(50) * 1_000L);
                recovered += amount;
                events.add(story.paid(amount, registeredOn.plusDays(random.nextInt(40)), PaymentSource.INSTALMENT));
            }
            if (random.nextInt(5) == 0) {
                events.add(story.awardRecorded(owed + 5_000, registeredOn.plusDays(45)));
            }
            if (random.nextInt(6) == 0) {
                events.add(story.reliefPaid("fund-1", 300_000, registeredOn.plusDays(60)));
            }
            cases.add(new GeneratedCase("part-" + random.nextInt(3), worker, district, registeredOn, events));
        }
        return cases;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Shuffles the events of several cases so that cases interleave, each case's own events staying in order. */
    private static void shuffleKeepingEachCaseInOrder(List<PublishedEvent> events, Random random) {
        List<String> slots = new ArrayList<>(events.stream().map(PublishedEvent::aggregateId).toList());
        Collections.shuffle(slots, random);
        Map<String, List<PublishedEvent>> pending = events.stream()
                .collect(Collectors.groupingBy(PublishedEvent::aggregateId, LinkedHashMap::new, Collectors.toCollection(ArrayList::new)));
        events.clear();
        slots.forEach(caseId -> events.add(pending.get(caseId).remove(0)));
    }

    // ---- the two sides ------------------------------------------------------------------------------------

    private Set<String> rollupsAsKept() {
        Set<String> rows = new HashSet<>();
        rows.addAll(db.queryForList("SELECT concat_ws('/', 'case', grouping, group_key, registered_on, sum(cases), sum(claimed_fen), "
                + "sum(agreed_fen), sum(relief_paid_fen), sum(outstanding_fen)) FROM views.report_case_day "
                + "GROUP BY grouping, group_key, registered_on HAVING sum(cases) <> 0", String.class));
        rows.addAll(db.queryForList("SELECT concat_ws('/', 'worker', grouping, group_key, registered_on, previous_on, sum(workers)) "
                + "FROM views.report_worker_day GROUP BY grouping, group_key, registered_on, previous_on HAVING sum(workers) <> 0",
                String.class));
        rows.addAll(db.queryForList("SELECT concat_ws('/', 'payment', grouping, group_key, paid_on, sum(recovered_fen)) "
                + "FROM views.report_payment_day GROUP BY grouping, group_key, paid_on HAVING sum(recovered_fen) <> 0", String.class));
        return rows;
    }

    private Set<String> rollupsFromTheRows() {
        Set<String> rows = new HashSet<>();
        rows.addAll(db.queryForList("SELECT concat_ws('/', 'case', grouping, group_key, registered_on, cases, claimed_fen, agreed_fen, "
                + "relief_paid_fen, outstanding_fen) FROM (" + ReportRollups.FROM_THE_ROWS.get("report_case_day") + ") r", String.class));
        rows.addAll(db.queryForList("SELECT concat_ws('/', 'worker', grouping, group_key, registered_on, previous_on, workers) FROM ("
                + ReportRollups.FROM_THE_ROWS.get("report_worker_day") + ") r", String.class));
        rows.addAll(db.queryForList("SELECT concat_ws('/', 'payment', grouping, group_key, paid_on, recovered_fen) FROM ("
                + ReportRollups.FROM_THE_ROWS.get("report_payment_day") + ") r", String.class));
        return rows;
    }

    /** Workers helped, cases and money per period, by district, against a count over the generated cases. */
    private void assertReportMatchesACountOverTheCases(List<GeneratedCase> cases) {
        List<LocalDate[]> periods = List.of(new LocalDate[]{null, null}, new LocalDate[]{LocalDate.of(2025, 1, 1), null},
                new LocalDate[]{null, LocalDate.of(2025, 1, 9)}, new LocalDate[]{LocalDate.of(2024, 12, 25), LocalDate.of(2025, 1, 19)});
        for (LocalDate[] period : periods) {
            String query = (period[0] == null ? "" : "&from=" + period[0]) + (period[1] == null ? "" : "&to=" + period[1]);
            JsonNode report = report("groupBy=district" + query);
            List<GeneratedCase> inPeriod = cases.stream()
                    .filter(c -> (period[0] == null || !c.registeredOn().isBefore(period[0]))
                            && (period[1] == null || !c.registeredOn().isAfter(period[1])))
                    .toList();
            assertThat(report.get("total").get("workersHelped").asLong()).as("workers %s", query)
                    .isEqualTo(inPeriod.stream().map(c -> c.worker().claimantKey()).distinct().count());
            assertThat(report.get("total").get("cases").asLong()).as("cases %s", query).isEqualTo(inPeriod.size());
            for (JsonNode row : report.get("rows")) {
                String district = row.get("key").asText();
                assertThat(row.get("workersHelped").asLong()).as("workers in %s %s", district, query)
                        .isEqualTo(inPeriod.stream().filter(c -> c.district().equals(district))
                                .map(c -> c.worker().claimantKey()).distinct().count());
            }
            Long recovered = db.queryForObject("SELECT COALESCE(sum(amount_fen), 0) FROM views.case_payment WHERE paid_on >= "
                    + "COALESCE(?::date, '-infinity') AND paid_on <= COALESCE(?::date, 'infinity')", Long.class,
                    period[0] == null ? null : period[0].toString(), period[1] == null ? null : period[1].toString());
            assertThat(report.get("total").get("recoveredFen").asLong()).as("recovered %s", query).isEqualTo(recovered);
        }
    }

    private JsonNode report(String query) {
        return api.json("/api/reports/recovered-wages?" + query);
    }
}
