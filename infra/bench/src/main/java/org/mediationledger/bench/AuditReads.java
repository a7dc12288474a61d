package org.mediationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * How fast an auditor reads one long case (the target: history and as-of each under 100 ms). Run by
 * hand against a system started by {@code bin/start}, never by a test:
 * <pre>
 *   java -jar infra/bench/target/bench.jar audit-reads --report /tmp/audit-reads.md
 * </pre>
 * It registers {@code lawyer1}, takes one case in (dated today in Asia/Shanghai) and assigns it, then adds
 * mediation sessions and 1-yuan payments by that lawyer, one command at a time, until the case holds
 * {@code --events} events. Once the query side shows the whole case it reads, as {@code auditor}, one request
 * at a time: the history, the state as of an instant after the last event and as of the middle event, the
 * chain's verification, and (for comparison) the live case file; each after a warm-up, each request timed
 * from sending to the whole answer read. Prints a Markdown report (stdout and {@code --report}).
 */
public final class AuditReads {

    private static final Logger LOG = LoggerFactory.getLogger(AuditReads.class);

    static final double TARGET_MS = 100;
    static final long CLAIMED_FEN = 100_000_000L;
    static final long PAYMENT_FEN = 100;
    static final int MAX_ACTIVE_CASES = 1000; // the most POST /api/lawyers accepts
    /** PostgreSQL publishes an idle backend's statistics within 10 s (PGSTAT_IDLE_INTERVAL); wait that long before reading them. */
    static final long PG_STATS_SETTLE_MILLIS = 11_000;

    private final AuditReadsOptions o;
    private final Http http;
    private final CpuSampler cpu;
    private final ObjectMapper json = new ObjectMapper();
    private final LocalDate today = LocalDate.now(Workload.BUSINESS_ZONE);

    /** One read, timed. */
    static final class Series {
        final String name;
        final String path;
        final String expected;
        int warmups;
        int failures;
        String failureSample;
        int sizeBytes = -1;
        boolean sizeVaried;
        Samples samples;
        /** The timed requests in the order they were sent, µs. */
        long[] inOrder = new long[0];
        boolean stoppedByTime;
        CpuSampler.Usage cpu;
        Map<String, Long> pgPerSeries;

        Series(String name, String path, String expected) {
            this.name = name;
            this.path = path;
            this.expected = expected;
        }
    }

    /** How the case was built. */
    record Setup(int sessions, int payments, long lastVersion, double seconds, long viewWaitMillis) {
    }

    AuditReads(AuditReadsOptions o) {
        this.o = o;
        this.http = new Http(o.commandUrl, o.queryUrl, o.password);
        this.cpu = new CpuSampler(o.commandUrl, o.queryUrl, o.jdbcUrl);
    }

    public static void main(String[] args) throws Exception {
        AuditReadsOptions o;
        try {
            o = new AuditReadsOptions(args);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            System.exit(2);
            return;
        }
        String report = new AuditReads(o).run();
        LOG.info("report:\n{}", report);
        if (!o.report.isBlank()) {
            Path file = Path.of(o.report);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, report, StandardCharsets.UTF_8);
            LOG.info("report written to {}", file.toAbsolutePath());
        }
        System.exit(0);
    }

    String run() throws Exception {
        Instant startedAt = Instant.now();
        if (http.health(true) != 200 || http.health(false) != 200) {
            throw new IllegalStateException("the system is not up: GET /actuator/health of " + o.commandUrl + " or " + o.queryUrl
                    + " is not 200 (start it with bin/start)");
        }
        Setup setup = buildCase();
        long total = setup.lastVersion() + 1;

        // the history once, untimed: the instants to ask the state at
        JsonNode history = read(expectOk(http.view(audit("history"), "auditor"), "history")).path("events");
        if (history.size() != total) {
            throw new IllegalStateException("the history holds " + history.size() + " events, the case " + total);
        }
        Instant lastAt = Instant.parse(history.get(history.size() - 1).path("occurredAt").asText());
        int midIndex = history.size() / 2 - 1;
        Instant midAt = Instant.parse(history.get(midIndex).path("occurredAt").asText());
        long midSequence = history.get(midIndex).path("sequence").asLong();
        Instant afterLast = lastAt.plusSeconds(1);
        LOG.info("last event at {}, middle event (sequence {}) at {}", lastAt, midSequence, midAt);

        List<Series> all = new ArrayList<>();
        all.add(measure(new Series("history", audit("history"), total + " events"),
                n -> n.path("events").size() == total));
        all.add(measure(new Series("state as of after the last event", audit("state?asOf=" + afterLast), "version " + setup.lastVersion()),
                n -> n.path("version").asLong(-1) == setup.lastVersion()));
        all.add(measure(new Series("state as of the middle event", audit("state?asOf=" + midAt), "version " + midSequence + "..."
                        + (setup.lastVersion() - 1)),
                n -> n.path("version").asLong(-1) >= midSequence && n.path("version").asLong(-1) < setup.lastVersion()));
        all.add(measure(new Series("verification", audit("verification"), "intact, " + total + " events"),
                n -> n.path("intact").asBoolean(false) && n.path("events").asLong(-1) == total));
        all.add(measure(new Series("case file (live view, for comparison)", "/api/cases/" + o.caseId, "version " + setup.lastVersion()),
                n -> n.path("version").asLong(-1) == setup.lastVersion()));
        return report(startedAt, setup, afterLast, midAt, midSequence, all);
    }

    private String audit(String rest) {
        return "/api/audit/cases/" + o.caseId + "/" + rest;
    }

    // ---------------------------------------------------------------- the case

    private Setup buildCase() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(o.setupSeconds);
        Http.Answer a = http.command("/api/lawyers", "staff", registerLawyer(o.lawyer), null);
        if (!a.ok() && a.status() != 409) { // 409: registered before, by the walk or another run
            throw new IllegalStateException("registering " + o.lawyer + " answered " + a.status() + ": " + CommandThroughput.abbreviate(a.body()));
        }
        a = http.command("/api/cases", "staff", intake(o.caseId, today), null);
        expectOk(a, "taking the case in");
        String path = "/api/cases/" + o.caseId + "/mediator";
        a = http.command(path, "staff", assignMediator(o.lawyer, today, false), null);
        if (a.status() == 409) {
            a = http.command(path, "staff", assignMediator(o.lawyer, today, true), null);
        }
        expectOk(a, "assigning " + o.lawyer);
        long version = Http.version(a.body());
        int sessions = 0;
        int payments = 0;
        LOG.info("case {} taken in and assigned; adding events up to {}...", o.caseId, o.events);
        for (int k = 0; version < o.events - 1 && k < o.events; k++) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the case had only " + (version + 1) + " events after " + o.setupSeconds
                        + " s (--setup-seconds)");
            }
            boolean session = isSession(k, o.sessionPercent);
            String body = session ? session(k, today) : payment(o.caseId, k, today);
            a = http.command("/api/cases/" + o.caseId + (session ? "/mediation-sessions" : "/payments"), o.lawyer, body, null);
            expectOk(a, session ? "a mediation session" : "a payment");
            version = Http.version(a.body());
            if (session) {
                sessions++;
            } else {
                payments++;
            }
            if ((k + 1) % 200 == 0) {
                LOG.info("{} events", version + 1);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(String.format(Locale.ROOT, "%d events in %.1f s; waiting for the query side...", version + 1, seconds));

        long waitStart = System.nanoTime();
        long waitUntil = waitStart + TimeUnit.SECONDS.toNanos(o.viewTimeoutSeconds);
        long pause = 20;
        for (int poll = 0; poll < 100_000; poll++) {
            Http.Answer view = http.view("/api/cases/" + o.caseId, "auditor");
            if (view.status() == 200 && Http.version(view.body()) >= version) {
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitStart);
                LOG.info("the query side shows version {} after {} ms", version, waited);
                return new Setup(sessions, payments, version, seconds, waited);
            }
            if (System.nanoTime() > waitUntil) {
                break;
            }
            Thread.sleep(pause);
            pause = Math.min(500, pause * 2);
        }
        throw new IllegalStateException("the query side did not show version " + version + " of the case within "
                + o.viewTimeoutSeconds + " s (--view-timeout-seconds)");
    }

    /** The k-th added event (from 0) is a session so that sessions make {@code percent} % of every prefix, spread evenly. */
    static boolean isSession(int k, int percent) {
        return (long) (k + 1) * percent / 100 > (long) k * percent / 100;
    }

    static String registerLawyer(String lawyer) {
        return "{\"lawyerId\":\"" + lawyer + "\",\"name\":\"李娜\",\"maxActiveCases\":" + MAX_ACTIVE_CASES + "}";
    }

    /** The README walk's case, dated today, with a claim no run of payments can use up. */
    static String intake(String caseId, LocalDate today) {
        return "{\"caseId\":\"" + caseId + "\","
                + "\"claimant\":{\"name\":\"张伟\",\"idNumber\":\"11010519491231002X\",\"phone\":\"13812345678\","
                + "\"employmentForm\":\"PLATFORM_COOPERATION\"},"
                + "\"respondents\":[{\"name\":\"青岛某某配送服务有限公司\",\"creditCode\":\"91370203MA3C0X0X0E\"}],"
                + "\"category\":\"UNPAID_WAGES\",\"claimedFen\":" + CLAIMED_FEN + ",\"channel\":\"WALK_IN\","
                + "\"district\":\"市北区\",\"facts\":\"三个月送餐工资未结（审计读取基准测试）\",\"appliedOn\":\"" + today + "\"}";
    }

    static String assignMediator(String lawyer, LocalDate today, boolean overLimit) {
        return "{\"lawyerId\":\"" + lawyer + "\",\"receivedOn\":\"" + today + "\""
                + (overLimit ? ",\"overLimitReason\":\"benchmark run\"" : "") + "}";
    }

    static String session(int k, LocalDate today) {
        return "{\"sessionId\":\"s-" + (k + 1) + "\",\"heldOn\":\"" + today + "\",\"summary\":\"第" + (k + 1)
                + "次调解：双方到场，雇主承认部分欠薪\"}";
    }

    static String payment(String caseId, int k, LocalDate today) {
        return "{\"paymentId\":\"audit-" + caseId.substring(0, 8) + "-" + (k + 1) + "\",\"amountFen\":" + PAYMENT_FEN
                + ",\"paidOn\":\"" + today + "\",\"source\":\"EMPLOYER_VOLUNTARY\"}";
    }

    // ---------------------------------------------------------------- measuring

    /**
     * The first answer is checked, untimed; then the warm-up, then the timed requests one after another (a
     * single client, so each figure is one request's own time). Bounded by count and by --max-seconds.
     */
    private Series measure(Series s, Predicate<JsonNode> check) throws Exception {
        LOG.info("{}: GET {} ...", s.name, s.path);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.maxSeconds);
        Http.Answer first = expectOk(http.view(s.path, "auditor"), s.name);
        if (!check.test(read(first))) {
            throw new IllegalStateException(s.name + ": the answer is not " + s.expected + ": " + CommandThroughput.abbreviate(first.body()));
        }
        s.sizeBytes = first.body().getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < o.warmupRequests && System.nanoTime() < deadline; i++) {
            http.view(s.path, "auditor");
            s.warmups++;
        }
        Map<String, Long> pgBefore = pgCounters();
        CpuSampler.Snapshot cpuBefore = cpu.snapshot();
        long[] micros = new long[o.requests];
        int n = 0;
        for (int i = 0; i < o.requests; i++) {
            if (System.nanoTime() >= deadline) {
                s.stoppedByTime = true;
                break;
            }
            long began = System.nanoTime();
            Http.Answer a = http.view(s.path, "auditor");
            long ended = System.nanoTime();
            if (a.status() != 200) {
                s.failures++;
                if (s.failureSample == null) {
                    s.failureSample = a.status() + ": " + CommandThroughput.abbreviate(a.body());
                }
                continue;
            }
            micros[n++] = TimeUnit.NANOSECONDS.toMicros(ended - began);
            if (a.body().getBytes(StandardCharsets.UTF_8).length != s.sizeBytes) {
                s.sizeVaried = true;
            }
        }
        s.cpu = cpu.between(cpuBefore, cpu.snapshot());
        Map<String, Long> pgAfter = pgCounters();
        s.samples = Samples.ofMicros(micros, n);
        s.inOrder = Arrays.copyOf(micros, n);
        if (pgBefore != null && pgAfter != null) {
            s.pgPerSeries = new LinkedHashMap<>();
            for (String k : pgAfter.keySet()) {
                s.pgPerSeries.put(k, pgAfter.get(k) - pgBefore.get(k));
            }
        }
        LOG.info(String.format(Locale.ROOT, "%s: %d requests, median %.1f ms, p99 %.1f ms, max %.1f ms, %d bytes", s.name,
                s.samples.count(), s.samples.medianMs(), s.samples.percentileMs(99), s.samples.maxMs(), s.sizeBytes));
        return s;
    }

    /**
     * PostgreSQL's own counters for the database (read-only), after waiting until every backend has published
     * what it did; null if they cannot be read.
     */
    private Map<String, Long> pgCounters() throws InterruptedException {
        Thread.sleep(PG_STATS_SETTLE_MILLIS);
        try (Connection c = DriverManager.getConnection(o.jdbcUrl, o.dbUser, o.dbPassword);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT xact_commit + xact_rollback AS transactions, tup_returned, tup_fetched, tup_inserted, "
                     + "tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()")) {
            if (!rs.next()) {
                return null;
            }
            Map<String, Long> m = new LinkedHashMap<>();
            for (String k : new String[]{"transactions", "tup_returned", "tup_fetched", "tup_inserted", "tup_updated", "tup_deleted"}) {
                m.put(k, rs.getLong(k));
            }
            return m;
        } catch (Exception e) {
            LOG.warn("could not read PostgreSQL's statistics: {}", e.toString());
            return null;
        }
    }

    private Http.Answer expectOk(Http.Answer a, String what) {
        if (!a.ok()) {
            throw new IllegalStateException(what + " answered " + a.status() + ": " + CommandThroughput.abbreviate(a.body()));
        }
        return a;
    }

    private JsonNode read(Http.Answer a) throws Exception {
        return json.readTree(a.body());
    }

    // ---------------------------------------------------------------- report

    private String report(Instant startedAt, Setup setup, Instant afterLast, Instant midAt, long midSequence, List<Series> all) {
        StringBuilder r = new StringBuilder();
        long total = setup.lastVersion() + 1;
        r.append("# Auditor reads of one case of ").append(total).append(" events: ").append(startedAt).append("\n\n");
        r.append("| | |\n|---|---|\n");
        r.append(row("command side / query side", o.commandUrl + " / " + o.queryUrl));
        r.append(row("benchmark JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " processors visible"));
        r.append(row("options", o.used.toString()));
        r.append(row("the case", String.format(Locale.ROOT, "`%s`: taken in and assigned to %s, then %d mediation sessions and "
                        + "%d payments of %d fen by %s, one command at a time: %d events (version %d) in %.1f s (%.0f commands/s); "
                        + "the query side showed the last one %d ms after its command was answered",
                o.caseId, o.lawyer, setup.sessions(), setup.payments(), PAYMENT_FEN, o.lawyer, total, setup.lastVersion(),
                setup.seconds(), (setup.sessions() + setup.payments() + 2) / setup.seconds(), setup.viewWaitMillis())));
        r.append(row("as-of instants", "after the last event: `" + afterLast + "` (its time + 1 s); the middle: `" + midAt
                + "` (sequence " + midSequence + ")"));
        r.append(row("how", String.format(Locale.ROOT, "as `auditor`, one request at a time over one kept-alive HTTP/1.1 connection; "
                + "per read %d untimed warm-up requests, then %d timed, each from sending to the whole answer read; "
                + "at most %d s per read", o.warmupRequests, o.requests, o.maxSeconds)));

        r.append("\n## Latency, ms\n\n");
        r.append("| read | answer | size, bytes | timed | min | median | p95 | p99 | max | under 100 ms |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Series s : all) {
            Samples x = s.samples;
            r.append(String.format(Locale.ROOT, "| %s | %s | %,d%s | %d%s | %s | %s | %s | %s | %s | %s |\n", s.name, s.expected,
                    s.sizeBytes, s.sizeVaried ? " (varied)" : "", x.count(), s.failures > 0 ? " (+" + s.failures + " failed)" : "",
                    fmt(x.minMs()), fmt(x.medianMs()), fmt(x.percentileMs(95)), fmt(x.percentileMs(99)), fmt(x.maxMs()),
                    verdict(s)));
        }
        r.append("\nPercentiles by nearest rank over the timed requests (p99 of 50 is the slowest). \"under 100 ms\": "
                + "every timed answer was; otherwise how many were. The target (the issue): history and as-of each under "
                + "100 ms.\n\n");
        for (Series s : all) {
            if (s.failureSample != null) {
                r.append("Failed answers in ").append(s.name).append(": ").append(s.failures).append(" (e.g. ")
                        .append(s.failureSample.replace('|', '/')).append(")\n\n");
            }
            if (s.stoppedByTime) {
                r.append(s.name).append(": stopped after ").append(o.maxSeconds).append(" s (--max-seconds)\n\n");
            }
        }

        r.append("Drift within each timed series (median of its first and of its last 10 requests, ms):\n\n"
                + "| read | first 10 | last 10 |\n|---|---|---|\n");
        for (Series s : all) {
            int n = s.inOrder.length;
            int k = Math.min(10, n);
            r.append("| ").append(s.name).append(" | ").append(fmt(Samples.ofMicros(s.inOrder, k).medianMs())).append(" | ")
                    .append(fmt(Samples.ofMicros(Arrays.copyOfRange(s.inOrder, n - k, n), k).medianMs())).append(" |\n");
        }
        r.append("\n");

        r.append("## Where the time went\n\n");
        r.append("CPU per timed request, ms, by process (from /proc, over each timed series; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" processors). \"other\" is everything on the machine "
                        + "that is not this system or the benchmark, and \"busy\" the share of the whole machine's CPU in use "
                        + "during the series:\n\n");
        r.append("| read | median, ms | query side | PostgreSQL | command side | launcher (Kafka) | benchmark client | other | busy |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (Series s : all) {
            int n = Math.max(1, s.samples.count() + s.failures);
            Map<String, Double> cores = s.cpu == null || !cpu.available() ? Map.of() : s.cpu.coresByGroup();
            double secs = s.cpu == null ? 0 : s.cpu.seconds();
            r.append("| ").append(s.name).append(" | ").append(fmt(s.samples.medianMs()));
            for (String g : List.of("query-side", "PostgreSQL", "command-side", "launcher (Kafka)", "benchmark client", "other")) {
                r.append(" | ").append(cpuMs(cores.get(g), secs, n));
            }
            r.append(" | ").append(s.cpu == null || !cpu.available() ? "?" : String.format(Locale.ROOT, "%.0f%%", s.cpu.machineBusyPercent()))
                    .append(" |\n");
        }
        r.append("\nWhat PostgreSQL counted per timed request (`pg_stat_database` of the system's database, read 11 s after "
                + "the warm-up and after the series so that every backend had published its figures; the relay's and the "
                + "deadline scheduler's polling add a few transactions):\n\n");
        r.append("| read | transactions | index entries and scanned rows returned | rows fetched | rows inserted | rows updated "
                + "| rows deleted |\n|---|---|---|---|---|---|---|\n");
        for (Series s : all) {
            int n = Math.max(1, s.samples.count() + s.failures);
            r.append("| ").append(s.name);
            for (String k : new String[]{"transactions", "tup_returned", "tup_fetched", "tup_inserted", "tup_updated", "tup_deleted"}) {
                Long v = s.pgPerSeries == null ? null : s.pgPerSeries.get(k);
                r.append(" | ").append(v == null ? "?" : String.format(Locale.ROOT, "%,.1f", v / (double) n));
            }
            r.append(" |\n");
        }
        return r.toString();
    }

    private String verdict(Series s) {
        Samples x = s.samples;
        if (x.count() == 0) {
            return "n/a";
        }
        int under = x.under(TARGET_MS);
        return under == x.count() && s.failures == 0 ? "yes" : "**no** (" + under + " of " + (x.count() + s.failures) + ")";
    }

    private static String cpuMs(Double cores, double seconds, int requests) {
        return cores == null ? "?" : fmt(cores * seconds * 1000 / requests);
    }

    static String fmt(double v) {
        return CommandThroughput.fmt(v);
    }

    private static String row(String k, String v) {
        return "| " + k + " | " + v.replace('|', '/') + " |\n";
    }
}
