package org.mediationledger.query.report;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rollups the recovered-wages report answers from (V8, decision 0027): per grouping, group and day, the
 * figures of the cases registered that day, the distinct workers, and the money paid that day. The case-file
 * fold keeps them: a {@link Run} learns which cases an ingestion batch (or a rebuild's chunk) touched, what
 * each case's figures were before, which cases were registered and which payments were taken in, and at the
 * end of the run adds the differences to the rows, a statement per table.
 */
public final class ReportRollups {

    /** The grouping of the report's total: one group, key {@code ""}. */
    public static final String ALL = "all";

    /** Each grouping as the rollups name it: the total, then every {@code groupBy} of the report. */
    static final List<String> GROUPINGS = Stream.concat(Stream.of(ALL),
            Arrays.stream(ReportGrouping.values()).map(ReportGrouping::parameter)).toList();

    /** Each {@code groupBy} by its name, looked up for every case and payment a run adds. */
    private static final Map<String, ReportGrouping> BY_NAME = Arrays.stream(ReportGrouping.values())
            .collect(Collectors.toUnmodifiableMap(ReportGrouping::parameter, grouping -> grouping));

    /** Sorts before every registration day: the previous case of a worker's first one ({@code -infinity} in the tables). */
    static final LocalDate NO_PREVIOUS_CASE = LocalDate.MIN;

    /** The case-based figures the report sums, as one case has them now. */
    public record Figures(long cases, long claimedFen, long agreedFen, long reliefPaidFen, long outstandingFen) {

        /** A case not yet in the views. */
        public static final Figures NONE = new Figures(0, 0, 0, 0, 0);

        Figures minus(Figures other) {
            return new Figures(cases - other.cases, claimedFen - other.claimedFen, agreedFen - other.agreedFen,
                    reliefPaidFen - other.reliefPaidFen, outstandingFen - other.outstandingFen);
        }

        boolean isZero() {
            return equals(NONE);
        }

        /** The figures of the dispute_case row {@code rs} is on. */
        public static Figures of(ResultSet rs) throws SQLException {
            return new Figures(1, rs.getLong("claimed_fen"), rs.getLong("agreed_fen"), rs.getLong("relief_paid_fen"),
                    rs.getLong("outstanding_fen"));
        }
    }

    /** What the report groups a case by, and its figures. */
    public record GroupedCase(String caseId, String claimantKey, LocalDate registeredOn, String district, String category,
                              String employmentForm, String channel, Figures figures) {

        String keyOf(String grouping, LocalDate day) {
            return ALL.equals(grouping) ? "" : BY_NAME.get(grouping).keyOf(this, day);
        }
    }

    /** The columns of dispute_case that {@link Figures#of} and {@link #groupedCase} read. */
    public static final String FIGURE_COLUMNS = "claimed_fen, COALESCE(agreed_fen, 0) AS agreed_fen, relief_paid_fen, outstanding_fen";
    private static final String GROUPED_CASE_COLUMNS = "case_id, claimant_key, registered_on, district, category, "
            + "employment_form, channel, " + FIGURE_COLUMNS;

    private record DayKey(String grouping, String groupKey, LocalDate day) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey other) {
            int byGrouping = grouping.compareTo(other.grouping);
            if (byGrouping != 0) {
                return byGrouping;
            }
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : groupKey.compareTo(other.groupKey);
        }
    }

    private record WorkerKey(String grouping, String groupKey, LocalDate registeredOn, LocalDate previousOn)
            implements Comparable<WorkerKey> {
        @Override
        public int compareTo(WorkerKey other) {
            int byGrouping = grouping.compareTo(other.grouping);
            if (byGrouping != 0) {
                return byGrouping;
            }
            int byDay = registeredOn.compareTo(other.registeredOn);
            if (byDay != 0) {
                return byDay;
            }
            int byPrevious = previousOn.compareTo(other.previousOn);
            return byPrevious != 0 ? byPrevious : groupKey.compareTo(other.groupKey);
        }
    }

    private record Payment(String caseId, LocalDate paidOn, long amountFen) {
    }

    private ReportRollups() {
    }

    /**
     * One run of the fold's changes to the rollups, used by one thread. {@code shard} names the rows this run
     * adds to: only one run at a time writes a shard (a partition's batches are taken one after another), so
     * runs of different partitions never wait for each other's rollup rows.
     */
    public static final class Run {

        private final JdbcTemplate jdbc;
        private final String shard;
        /** every case the run touched, with its figures before the run (NONE for one it registered) */
        private final Map<String, Figures> before = new HashMap<>();
        private final Set<String> registered = new HashSet<>();
        private final List<Payment> payments = new ArrayList<>();

        public Run(JdbcTemplate jdbc, String shard) {
            this.jdbc = jdbc;
            this.shard = shard;
        }

        /** The case is in the views with these figures, before the run changes it; a later call changes nothing. */
        public void touched(String caseId, Figures figures) {
            before.putIfAbsent(caseId, figures);
        }

        public void registered(String caseId) {
            before.put(caseId, Figures.NONE);
            registered.add(caseId);
        }

        /** A payment taken into the case (not one already there). */
        public void paid(String caseId, LocalDate paidOn, long amountFen) {
            payments.add(new Payment(caseId, paidOn, amountFen));
        }

        /**
         * Adds what the run changed to the rollup rows. Called once the case rows are written, as the last
         * write of the run's transaction.
         */
        public void flush() {
            if (before.isEmpty()) {
                return;
            }
            Map<String, GroupedCase> after = new HashMap<>();
            jdbc.query("SELECT " + GROUPED_CASE_COLUMNS + " FROM views.dispute_case WHERE case_id = ANY(?)",
                    rs -> {
                        GroupedCase groupedCase = groupedCase(rs);
                        after.put(groupedCase.caseId(), groupedCase);
                    }, (Object) before.keySet().toArray(String[]::new));
            Map<DayKey, Figures> caseDays = new TreeMap<>();
            before.forEach((caseId, figuresBefore) -> {
                GroupedCase now = after.get(caseId);
                Figures change = now.figures().minus(figuresBefore);
                if (!change.isZero()) {
                    for (String grouping : GROUPINGS) {
                        caseDays.merge(new DayKey(grouping, now.keyOf(grouping, now.registeredOn()), now.registeredOn()),
                                change, ReportRollups::sum);
                    }
                }
            });
            Map<DayKey, Long> paymentDays = new TreeMap<>();
            for (Payment payment : payments) {
                GroupedCase paidInto = after.get(payment.caseId());
                for (String grouping : GROUPINGS) {
                    paymentDays.merge(new DayKey(grouping, paidInto.keyOf(grouping, payment.paidOn()), payment.paidOn()),
                            payment.amountFen(), Long::sum);
                }
            }
            Map<WorkerKey, Long> workerDays = registered.isEmpty() ? Map.of() : workersAdded(after);
            writeCaseDays(caseDays);
            writePaymentDays(paymentDays);
            writeWorkerDays(workerDays);
            before.clear();
            registered.clear();
            payments.clear();
        }

        /**
         * How the run's registrations change the worker rows: each case's pair (its day, its worker's previous
         * case's day in the group) over all the worker's cases, less the pairs over those counted before. The
         * workers are locked first, in order, so that two partitions taking in cases of one worker count them
         * one after the other, each from what the other committed. The lock's key names the schema (a
         * rebuild's fold writes other tables and must not wait for the live ones).
         */
        private Map<WorkerKey, Long> workersAdded(Map<String, GroupedCase> after) {
            String[] workers = registered.stream().map(caseId -> after.get(caseId).claimantKey()).distinct().sorted()
                    .toArray(String[]::new);
            jdbc.query("SELECT count(pg_advisory_xact_lock(hashtextextended('views.report_worker_day ' || w, 0))) "
                    + "FROM unnest(?::text[]) AS w", rs -> { }, (Object) workers);
            Map<String, List<GroupedCase>> casesByWorker = new HashMap<>();
            jdbc.query("SELECT " + GROUPED_CASE_COLUMNS + " FROM views.dispute_case WHERE claimant_key = ANY(?)",
                    rs -> {
                        GroupedCase groupedCase = groupedCase(rs);
                        casesByWorker.computeIfAbsent(groupedCase.claimantKey(), k -> new ArrayList<>()).add(groupedCase);
                    }, (Object) workers);
            Map<WorkerKey, Long> change = new TreeMap<>();
            for (List<GroupedCase> cases : casesByWorker.values()) {
                List<GroupedCase> countedBefore = cases.stream().filter(c -> !registered.contains(c.caseId())).toList();
                for (String grouping : GROUPINGS) {
                    workerPairs(grouping, cases).forEach(key -> change.merge(key, 1L, Long::sum));
                    workerPairs(grouping, countedBefore).forEach(key -> change.merge(key, -1L, Long::sum));
                }
            }
            change.values().removeIf(count -> count == 0);
            return change;
        }

        private void writeCaseDays(Map<DayKey, Figures> caseDays) {
            if (caseDays.isEmpty()) {
                return;
            }
            List<DayKey> keys = List.copyOf(caseDays.keySet());
            List<Figures> figures = keys.stream().map(caseDays::get).toList();
            jdbc.update("INSERT INTO views.report_case_day AS r (grouping, group_key, registered_on, shard, cases, claimed_fen, "
                            + "agreed_fen, relief_paid_fen, outstanding_fen) "
                            + "SELECT g, k, d, ?, n, c, a, rp, o FROM unnest(?::text[], ?::text[], ?::date[], ?::bigint[], ?::bigint[], "
                            + "?::bigint[], ?::bigint[], ?::bigint[]) AS v(g, k, d, n, c, a, rp, o) "
                            + "ON CONFLICT (grouping, registered_on, group_key, shard) DO UPDATE SET cases = r.cases + EXCLUDED.cases, "
                            + "claimed_fen = r.claimed_fen + EXCLUDED.claimed_fen, agreed_fen = r.agreed_fen + EXCLUDED.agreed_fen, "
                            + "relief_paid_fen = r.relief_paid_fen + EXCLUDED.relief_paid_fen, "
                            + "outstanding_fen = r.outstanding_fen + EXCLUDED.outstanding_fen",
                    shard, groupings(keys), groupKeys(keys), days(keys),
                    figures.stream().map(Figures::cases).toArray(Long[]::new),
                    figures.stream().map(Figures::claimedFen).toArray(Long[]::new),
                    figures.stream().map(Figures::agreedFen).toArray(Long[]::new),
                    figures.stream().map(Figures::reliefPaidFen).toArray(Long[]::new),
                    figures.stream().map(Figures::outstandingFen).toArray(Long[]::new));
        }

        private void writePaymentDays(Map<DayKey, Long> paymentDays) {
            if (paymentDays.isEmpty()) {
                return;
            }
            List<DayKey> keys = List.copyOf(paymentDays.keySet());
            jdbc.update("INSERT INTO views.report_payment_day AS r (grouping, group_key, paid_on, shard, recovered_fen) "
                            + "SELECT g, k, d, ?, f FROM unnest(?::text[], ?::text[], ?::date[], ?::bigint[]) AS v(g, k, d, f) "
                            + "ON CONFLICT (grouping, paid_on, group_key, shard) DO UPDATE "
                            + "SET recovered_fen = r.recovered_fen + EXCLUDED.recovered_fen",
                    shard, groupings(keys), groupKeys(keys), days(keys), keys.stream().map(paymentDays::get).toArray(Long[]::new));
        }

        private void writeWorkerDays(Map<WorkerKey, Long> workerDays) {
            if (workerDays.isEmpty()) {
                return;
            }
            List<WorkerKey> keys = List.copyOf(workerDays.keySet());
            jdbc.update("INSERT INTO views.report_worker_day AS r (grouping, group_key, registered_on, previous_on, shard, workers) "
                            + "SELECT g, k, d, p, ?, n FROM unnest(?::text[], ?::text[], ?::date[], ?::date[], ?::bigint[]) "
                            + "AS v(g, k, d, p, n) ON CONFLICT (grouping, registered_on, previous_on, group_key, shard) DO UPDATE "
                            + "SET workers = r.workers + EXCLUDED.workers",
                    shard, keys.stream().map(WorkerKey::grouping).toArray(String[]::new),
                    keys.stream().map(WorkerKey::groupKey).toArray(String[]::new),
                    keys.stream().map(key -> sqlDate(key.registeredOn())).toArray(String[]::new),
                    keys.stream().map(key -> sqlDate(key.previousOn())).toArray(String[]::new),
                    keys.stream().map(workerDays::get).toArray(Long[]::new));
        }
    }

    /**
     * Each case's pair of days in {@code grouping}: its registration day and that of the previous case of the
     * same worker in the same group. Cases of one day may come in any order: the pairs are the same.
     */
    static List<WorkerKey> workerPairs(String grouping, List<GroupedCase> casesOfOneWorker) {
        Map<String, LocalDate> latestByGroup = new HashMap<>();
        List<WorkerKey> pairs = new ArrayList<>();
        casesOfOneWorker.stream()
                .sorted((a, b) -> a.registeredOn().compareTo(b.registeredOn()))
                .forEach(c -> {
                    String key = c.keyOf(grouping, c.registeredOn());
                    LocalDate previous = latestByGroup.put(key, c.registeredOn());
                    pairs.add(new WorkerKey(grouping, key, c.registeredOn(), previous == null ? NO_PREVIOUS_CASE : previous));
                });
        return pairs;
    }

    private static GroupedCase groupedCase(ResultSet rs) throws SQLException {
        return new GroupedCase(rs.getString("case_id"), rs.getString("claimant_key"), rs.getObject("registered_on", LocalDate.class),
                rs.getString("district"), rs.getString("category"), rs.getString("employment_form"), rs.getString("channel"),
                Figures.of(rs));
    }

    private static Figures sum(Figures a, Figures b) {
        return new Figures(a.cases() + b.cases(), a.claimedFen() + b.claimedFen(), a.agreedFen() + b.agreedFen(),
                a.reliefPaidFen() + b.reliefPaidFen(), a.outstandingFen() + b.outstandingFen());
    }

    private static String[] groupings(List<DayKey> keys) {
        return keys.stream().map(DayKey::grouping).toArray(String[]::new);
    }

    private static String[] groupKeys(List<DayKey> keys) {
        return keys.stream().map(DayKey::groupKey).toArray(String[]::new);
    }

    private static String[] days(List<DayKey> keys) {
        return keys.stream().map(key -> sqlDate(key.day())).toArray(String[]::new);
    }

    /** As PostgreSQL reads a date: LocalDate.MIN is how the driver gives back its {@code -infinity}. */
    private static String sqlDate(LocalDate day) {
        return day.equals(NO_PREVIOUS_CASE) ? "-infinity" : day.toString();
    }

    // ---- the rollups from the rows ----------------------------------------------------------------------

    /** Each grouping's key over a case {@code c} (and, for a payment's month, its row {@code p}), as SQL. */
    private static String groupsOf(boolean ofPayments) {
        return Stream.concat(Stream.of("('" + ALL + "', '')"), Arrays.stream(ReportGrouping.values())
                        .map(g -> "('" + g.parameter() + "', " + (ofPayments ? g.paymentKey() : g.caseKey()) + ")"))
                .collect(Collectors.joining(", ", "CROSS JOIN LATERAL (VALUES ", ") AS g(grouping, group_key)"));
    }

    /**
     * What the rollup tables hold, summed from the case and payment rows, as SELECTs whose columns are the
     * tables' (shard aside): the definition the fold keeps up incrementally. Used to fill the rollups from
     * views that had none (V9) and to check them (ReportRollupsTest, a rebuild).
     */
    public static final Map<String, String> FROM_THE_ROWS = Map.of(
            "report_case_day", "SELECT g.grouping, g.group_key, c.registered_on, count(*) AS cases, sum(c.claimed_fen) AS claimed_fen, "
                    + "sum(COALESCE(c.agreed_fen, 0)) AS agreed_fen, sum(c.relief_paid_fen) AS relief_paid_fen, "
                    + "sum(c.outstanding_fen) AS outstanding_fen FROM views.dispute_case c " + groupsOf(false) + " GROUP BY 1, 2, 3",
            "report_worker_day", "SELECT grouping, group_key, registered_on, COALESCE(previous_on, '-infinity'::date) AS previous_on, "
                    + "count(*) AS workers FROM (SELECT g.grouping, g.group_key, c.registered_on, lag(c.registered_on) OVER ("
                    + "PARTITION BY g.grouping, g.group_key, c.claimant_key ORDER BY c.registered_on) AS previous_on "
                    + "FROM views.dispute_case c " + groupsOf(false) + ") pairs GROUP BY 1, 2, 3, 4",
            "report_payment_day", "SELECT g.grouping, g.group_key, p.paid_on, sum(p.amount_fen) AS recovered_fen "
                    + "FROM views.case_payment p JOIN views.dispute_case c ON c.case_id = p.case_id " + groupsOf(true)
                    + " GROUP BY 1, 2, 3");

    /** Each rollup table's columns in the order its {@link #FROM_THE_ROWS} SELECT gives them (shard aside). */
    private static final Map<String, String> COLUMNS = Map.of(
            "report_case_day", "grouping, group_key, registered_on, cases, claimed_fen, agreed_fen, relief_paid_fen, outstanding_fen",
            "report_worker_day", "grouping, group_key, registered_on, previous_on, workers",
            "report_payment_day", "grouping, group_key, paid_on, recovered_fen");

    /** An INSERT of {@code table}'s rows as {@link #FROM_THE_ROWS} sums them, under {@code shard}. */
    public static String fill(String table, String shard) {
        return "INSERT INTO views." + table + " (" + COLUMNS.get(table) + ", shard) SELECT rows.*, '" + shard.replace("'", "''")
                + "' FROM (" + FROM_THE_ROWS.get(table) + ") rows";
    }
}
