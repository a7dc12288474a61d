package org.mediationledger.bench;

import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Command throughput and latency of an already running system, against PostgreSQL's own ceiling in the
 * same run (ARCHITECTURE.md, "Performance targets"). Run by hand, never by a test:
 * <pre>
 *   java -jar infra/bench/target/bench.jar --report docs/benchmarks/run.md
 * </pre>
 * Phases: (1) PostgreSQL commits of an event-shaped row, 16 threads; (2) setup: lawyers and cases;
 * (3) closed loop, 16 HTTP clients, mostly payments plus some intakes, warm-up then measured; (4) open
 * loop at half the measured peak, latency from each request's intended start (no coordinated
 * omission); (5) the same rate again while a sample of payments is followed into the case file.
 * Prints a Markdown report (stdout and {@code --report}); progress goes to stderr.
 */
public final class CommandThroughput {

    private static final Logger LOG = LoggerFactory.getLogger(CommandThroughput.class);

    static final double TARGET_RATIO = 0.30;
    static final double TARGET_HALF_P99_MS = 50;
    static final double TARGET_VIEW_P99_MS = 200;
    static final int MAX_ACTIVE_CASES = 1000; // the most POST /api/lawyers accepts
    /** A thread that falls this far behind its schedule stops sending; what it did not send is reported. */
    static final long OPEN_LOOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Options o;
    private final Http http;
    private final Workload workload;
    private final CpuSampler cpu;
    private final List<Workload.PayableCase> cases = Collections.synchronizedList(new ArrayList<>());

    /** What one phase measured. Latencies in microseconds. */
    static final class Phase {
        final String name;
        double seconds;
        double targetRate = Double.NaN;
        long okPayments;
        long okIntakes;
        long notSent;
        final Map<String, Long> errors = new TreeMap<>();
        final Map<String, String> errorSamples = new TreeMap<>();
        final Histogram latency = histogram();
        final Histogram serviceTime = histogram();
        CpuSampler.Usage cpu;
        long pgCommits = -1;
        long events = -1;
        Lag lag;

        Phase(String name) {
            this.name = name;
        }

        long ok() {
            return okPayments + okIntakes;
        }

        long failed() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double rate() {
            return ok() / seconds;
        }

        synchronized void merge(Phase p) {
            okPayments += p.okPayments;
            okIntakes += p.okIntakes;
            notSent += p.notSent;
            p.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            p.errorSamples.forEach(errorSamples::putIfAbsent);
            latency.add(p.latency);
            serviceTime.add(p.serviceTime);
        }

        void count(Workload.Op op, Http.Answer a, long latencyNanos, long serviceNanos) {
            if (a.ok()) {
                if (op.kind() == Workload.Kind.PAYMENT) {
                    okPayments++;
                } else {
                    okIntakes++;
                }
                latency.recordValue(clamp(latency, latencyNanos));
                serviceTime.recordValue(clamp(serviceTime, serviceNanos));
            } else {
                String key = a.status() == Http.NO_ANSWER ? "no answer" : Integer.toString(a.status());
                errors.merge(key, 1L, Long::sum);
                errorSamples.putIfAbsent(key, op.kind() + ": " + abbreviate(a.body()));
            }
        }
    }

    CommandThroughput(Options o) {
        this.o = o;
        this.http = new Http(o.commandUrl, o.queryUrl, o.password);
        this.cpu = new CpuSampler(o.commandUrl, o.queryUrl, o.jdbcUrl);
        this.workload = new Workload(o.intakePercent, o.idempotencyKeys);
    }

    /** Every command of the three phases, by the second it was answered in: the PNG beside the report. */
    private Timeline timeline = new Timeline(System.nanoTime());

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = new Options(args);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            System.exit(2);
            return;
        }
        CommandThroughput bench = new CommandThroughput(o);
        String report = bench.run();
        LOG.info("report:\n{}", report);
        if (!o.report.isBlank()) {
            Path file = Path.of(o.report);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, report, StandardCharsets.UTF_8);
            log("report written to " + file.toAbsolutePath());
            Path plot = plotOf(o.report);
            try {
                bench.timeline.writePng(plot, "Commands over HTTP, " + o.threads + " clients: answered per second and latency");
                log("plot written to " + plot.toAbsolutePath());
            } catch (IOException | RuntimeException | Error e) {
                // the report stands without its plot (a JVM without fonts or image writers, say)
                log("plot not written (" + e + "); the report is complete without it");
            }
        }
        System.exit(0);
    }

    /** Where the plot goes: the report's name with {@code .png} for {@code .md}; none without a report. */
    static Path plotOf(String report) {
        if (report.isBlank()) {
            return null;
        }
        Path file = Path.of(report);
        String name = file.getFileName().toString();
        String plot = (name.endsWith(".md") ? name.substring(0, name.length() - 3) : name) + ".png";
        return file.resolveSibling(plot);
    }

    String run() throws Exception {
        Instant startedAt = Instant.now();
        if (http.health(true) != 200 || http.health(false) != 200) {
            throw new IllegalStateException("the system is not up: GET /actuator/health of " + o.commandUrl + " or " + o.queryUrl
                    + " is not 200 (start it with bin/start)");
        }

        log("PostgreSQL ceiling: " + o.pgThreads + " threads, 2 s warm-up + " + o.pgSeconds + " s...");
        PostgresCeiling.Result pg = PostgresCeiling.run(o, 2, cpu);
        CpuSampler.Usage pgCpu = pg.cpu();
        if (pg.failure() != null) {
            throw new IllegalStateException("the PostgreSQL ceiling run failed: " + pg.failure());
        }
        log(String.format(Locale.ROOT, "PostgreSQL ceiling: %.0f commits/s", pg.perSecond()));

        long setupStart = System.nanoTime();
        String lawyerNote = setUp();
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        log(String.format(Locale.ROOT, "setup: %d lawyers, %d cases in %.1f s (%s)", o.lawyers, cases.size(), setupSeconds, lawyerNote));

        log("peak: closed loop, " + o.threads + " clients, " + o.warmupSeconds + " s warm-up + " + o.peakSeconds + " s...");
        timeline = new Timeline(System.nanoTime());
        timeline.mark(System.nanoTime(), "peak (warm-up)");
        Phase peak = closedLoop();
        peak.lag = lag();
        log(String.format(Locale.ROOT, "peak: %.0f commands/s, p99 %.1f ms, %d failed", peak.rate(), ms(peak.latency, 99),
                peak.failed()));
        long catchUpAfterPeak = catchUp();
        log("views caught up " + catchUpAfterPeak + " ms after the peak phase");

        double half = peak.rate() / 2;
        log(String.format(Locale.ROOT, "half rate: open loop at %.0f/s for %d s...", half, o.halfSeconds));
        timeline.mark(System.nanoTime(), "half rate");
        Phase halfPhase = openLoop("half rate", half, o.halfSeconds, null);
        halfPhase.lag = lag();
        log(String.format(Locale.ROOT, "half rate: %.0f commands/s, p99 %.1f ms", halfPhase.rate(), ms(halfPhase.latency, 99)));
        long catchUpAfterHalf = catchUp();

        log(String.format(Locale.ROOT, "command to view: open loop at %.0f/s for %d s, following 1 payment in %d...", half,
                o.viewSeconds, o.viewSampleEvery));
        ViewFollower follower = new ViewFollower(http, o.viewSampleEvery, o.viewPollMillis, o.viewPollMaxMillis, o.viewTimeoutMillis,
                o.viewPollers);
        timeline.mark(System.nanoTime(), "command to view");
        Phase viewPhase = openLoop("command to view", half, o.viewSeconds, follower);
        viewPhase.lag = lag();
        follower.finish();
        log(String.format(Locale.ROOT, "command to view: %d followed, p99 %.1f ms, %d timeouts", follower.followed.get(),
                ms(follower.fromAnswer, 99), follower.timeouts.get()));

        return report(startedAt, pg, pgCpu, setupSeconds, lawyerNote, peak, catchUpAfterPeak, halfPhase, catchUpAfterHalf,
                viewPhase, follower);
    }

    // ---------------------------------------------------------------- setup

    private String setUp() throws InterruptedException {
        int registered = 0;
        int existing = 0;
        for (int l = 1; l <= o.lawyers; l++) {
            Http.Answer a = http.command("/api/lawyers", "staff", Workload.registerLawyer("lawyer" + l, MAX_ACTIVE_CASES), null);
            if (a.ok()) {
                registered++;
            } else if (a.status() == 409) {
                existing++; // registered before (another run); assignments beyond its limit give a reason below
            } else {
                throw new IllegalStateException("registering lawyer" + l + " answered " + a.status() + ": " + abbreviate(a.body()));
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger overLimit = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        parallel(o.threads, t -> {
            for (int i = next.getAndIncrement(); i < o.cases && failure.get() == null; i = next.getAndIncrement()) {
                String caseId = UUID.randomUUID().toString();
                String lawyer = "lawyer" + (i % o.lawyers + 1);
                Workload.Op intake = workload.intake(caseId, i % Workload.WORKERS);
                Http.Answer a = http.command(intake.path(), intake.user(), intake.json(), intake.idempotencyKey());
                if (!a.ok()) {
                    failure.compareAndSet(null, "intake answered " + a.status() + ": " + abbreviate(a.body()));
                    return;
                }
                String path = "/api/cases/" + caseId + "/mediator";
                a = http.command(path, "staff", workload.assignMediator(lawyer, false), null);
                if (a.status() == 409) {
                    overLimit.incrementAndGet();
                    a = http.command(path, "staff", workload.assignMediator(lawyer, true), null);
                }
                if (!a.ok()) {
                    failure.compareAndSet(null, "assigning " + lawyer + " answered " + a.status() + ": " + abbreviate(a.body()));
                    return;
                }
                cases.add(new Workload.PayableCase(caseId, lawyer));
            }
        }, TimeUnit.MINUTES.toMillis(10));
        if (failure.get() != null) {
            throw new IllegalStateException("setup failed: " + failure.get());
        }
        workload.payable(cases);
        return registered + " lawyers registered, " + existing + " already registered"
                + (overLimit.get() > 0 ? ", " + overLimit.get() + " assignments over the limit with a reason" : "");
    }

    // ---------------------------------------------------------------- phases

    /** Closed loop: every client sends its next command as soon as the previous one is answered. */
    private Phase closedLoop() throws Exception {
        Phase total = new Phase("peak");
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.warmupSeconds);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(o.peakSeconds);
        Snapshot[] at = new Snapshot[1];
        Thread marker = new Thread(() -> {
            LockSupport.parkNanos(measureFrom - System.nanoTime());
            at[0] = snapshot();
            timeline.mark(System.nanoTime(), "peak");
        }, "measure-start");
        marker.start();
        parallel(o.threads, t -> {
            Phase mine = new Phase("peak");
            for (long n = 0; n < 100_000_000L; n++) {
                long began = System.nanoTime();
                if (began >= measureTo) {
                    break;
                }
                Workload.Op op = workload.next();
                Http.Answer a = http.command(op.path(), op.user(), op.json(), op.idempotencyKey());
                long ended = System.nanoTime();
                timeline.record(ended, ended - began, a.ok());
                if (began >= measureFrom && ended <= measureTo) {
                    mine.count(op, a, ended - began, ended - began);
                }
            }
            total.merge(mine);
        }, TimeUnit.SECONDS.toMillis(o.warmupSeconds + o.peakSeconds + 60));
        marker.join();
        Snapshot end = snapshot();
        total.seconds = o.peakSeconds;
        fill(total, at[0], end);
        return total;
    }

    /**
     * Open loop at {@code rate} commands/s: each client owns an equal share of a fixed schedule and sends
     * each command at its planned time, however late the previous answer was; latency counts from the
     * planned time, so a stall shows in the figures instead of slowing the load down.
     */
    private Phase openLoop(String name, double rate, int seconds, ViewFollower follower) throws Exception {
        Phase total = new Phase(name);
        total.targetRate = rate;
        long intervalNanos = (long) (o.threads * 1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Snapshot before = snapshot();
        parallel(o.threads, t -> {
            Phase mine = new Phase(name);
            long first = start + t * intervalNanos / o.threads;
            for (long k = 0; k < 100_000_000L; k++) {
                long planned = first + k * intervalNanos;
                if (planned >= end) {
                    break;
                }
                long now = System.nanoTime();
                if (now - planned > OPEN_LOOP_GRACE_NANOS || now >= end + OPEN_LOOP_GRACE_NANOS) {
                    mine.notSent += (end - planned + intervalNanos - 1) / intervalNanos;
                    break;
                }
                while (now < planned) {
                    LockSupport.parkNanos(planned - now);
                    now = System.nanoTime();
                }
                Workload.Op op = workload.next();
                long sent = System.nanoTime();
                Http.Answer a = http.command(op.path(), op.user(), op.json(), op.idempotencyKey());
                long answered = System.nanoTime();
                timeline.record(answered, answered - planned, a.ok());
                mine.count(op, a, answered - planned, answered - sent);
                if (follower != null && a.ok() && op.kind() == Workload.Kind.PAYMENT) {
                    follower.offer(op.caseId(), Http.version(a.body()), sent, answered);
                }
            }
            total.merge(mine);
        }, TimeUnit.SECONDS.toMillis(seconds) + OPEN_LOOP_GRACE_NANOS / 1_000_000 + 60_000);
        total.seconds = Math.max(seconds, (System.nanoTime() - start) / 1e9);
        fill(total, before, snapshot());
        return total;
    }

    /**
     * After a phase: one payment on each of 12 cases, followed into the case file; the slowest tells how
     * far behind the views were left (bounded by --view-timeout-millis; -1 if not caught up by then).
     */
    private long catchUp() throws InterruptedException {
        ViewFollower probe = new ViewFollower(http, 1, 10, 50, Math.max(o.viewTimeoutMillis, 60_000), 1);
        List<Workload.PayableCase> sample = new ArrayList<>(cases);
        Collections.shuffle(sample);
        long[] slowest = {0};
        parallel(Math.min(12, sample.size()), t -> {
            Workload.Op op = workload.payment(sample.get(t), 1);
            Http.Answer a = http.command(op.path(), op.user(), op.json(), op.idempotencyKey());
            long ms = a.ok() ? probe.followNow(op.caseId(), Http.version(a.body()), System.nanoTime()) : -1;
            synchronized (slowest) {
                slowest[0] = slowest[0] < 0 || ms < 0 ? -1 : Math.max(slowest[0], ms);
            }
        }, 120_000);
        probe.finish();
        return slowest[0];
    }

    // ---------------------------------------------------------------- measurement around phases

    record Snapshot(CpuSampler.Snapshot cpu, long commits, long globalIndex) {
    }

    /**
     * Where the events stood the moment a phase ended: the event store's head, what the Kafka relay had
     * published (its tracking token), and the slowest Kafka partition's highest applied index in the views.
     */
    record Lag(long head, long relayed, long slowestView) {
    }

    private Lag lag() {
        try (Connection c = DriverManager.getConnection(o.jdbcUrl, o.dbUser, o.dbPassword);
             Statement st = c.createStatement()) {
            long head = -1;
            long relayed = -1;
            long view = -1;
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry")) {
                if (rs.next()) {
                    head = rs.getLong(1);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT convert_from(token, 'UTF8') FROM TokenEntry WHERE processorName = 'kafka-relay'")) {
                while (rs.next()) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"index\":(\\d+)").matcher(rs.getString(1));
                    if (m.find()) {
                        relayed = Math.max(relayed, Long.parseLong(m.group(1)));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT min(global_index) FROM views.projection_position")) {
                if (rs.next()) {
                    view = rs.getLong(1);
                }
            }
            return new Lag(head, relayed, view);
        } catch (Exception e) {
            log("could not read the relay and view positions: " + e);
            return null;
        }
    }

    private Snapshot snapshot() {
        long commits = -1;
        long index = -1;
        try (Connection c = DriverManager.getConnection(o.jdbcUrl, o.dbUser, o.dbPassword);
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                if (rs.next()) {
                    commits = rs.getLong(1);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry")) {
                if (rs.next()) {
                    index = rs.getLong(1);
                }
            }
        } catch (Exception e) {
            log("could not read PostgreSQL statistics: " + e);
        }
        return new Snapshot(cpu.snapshot(), commits, index);
    }

    private void fill(Phase p, Snapshot a, Snapshot b) {
        if (a == null) {
            return;
        }
        p.cpu = cpu.between(a.cpu(), b.cpu());
        if (a.commits() >= 0 && b.commits() >= 0) {
            p.pgCommits = b.commits() - a.commits();
        }
        if (a.globalIndex() >= 0 && b.globalIndex() >= 0) {
            p.events = b.globalIndex() - a.globalIndex();
        }
    }

    // ---------------------------------------------------------------- report

    private String report(Instant startedAt, PostgresCeiling.Result pg, CpuSampler.Usage pgCpu, double setupSeconds,
                          String lawyerNote, Phase peak, long catchUpAfterPeak, Phase half, long catchUpAfterHalf,
                          Phase view, ViewFollower f) {
        StringBuilder r = new StringBuilder();
        double ratio = peak.rate() / pg.perSecond();
        double halfP99 = ms(half.latency, 99);
        double viewP99 = ms(f.fromAnswer, 99);
        r.append("# Command throughput: ").append(startedAt).append("\n\n");
        r.append("| | |\n|---|---|\n");
        r.append(row("command side / query side", o.commandUrl + " / " + o.queryUrl));
        r.append(row("PostgreSQL", o.jdbcUrl + " (" + pg.settings() + ")"));
        r.append(row("benchmark JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " processors visible"));
        r.append(row("options", o.used.toString()));
        r.append(row("setup", String.format(Locale.ROOT, "%d lawyers (%s), %d cases taken in and assigned, %.1f s",
                o.lawyers, lawyerNote, cases.size(), setupSeconds)));
        r.append(row("mix", String.format(Locale.ROOT, "%d%% `POST /api/cases` (staff), %d%% `POST /api/cases/{id}/payments` "
                + "of 1-100 fen on a random one of the %d cases (its mediator); %s", o.intakePercent, 100 - o.intakePercent,
                cases.size(), o.idempotencyKeys ? "every command with an Idempotency-Key" : "no Idempotency-Key")));
        r.append("\n## Summary\n\n| measure | result | target | met |\n|---|---|---|---|\n");
        r.append(String.format(Locale.ROOT, "| PostgreSQL ceiling, %d threads, one event-shaped row per commit | %,.0f commits/s | | |\n",
                pg.threads(), pg.perSecond()));
        r.append(String.format(Locale.ROOT, "| commands over HTTP, %d clients, closed loop | %,.0f commands/s = **%.1f%%** of the ceiling | ≥ 30%% | %s |\n",
                o.threads, peak.rate(), 100 * ratio, yes(ratio >= TARGET_RATIO)));
        r.append(String.format(Locale.ROOT, "| p99 latency at half that rate (%,.0f/s, open loop) | **%.1f ms** | < 50 ms | %s |\n",
                half.targetRate, halfP99, yes(halfP99 < TARGET_HALF_P99_MS && half.failed() == 0 && half.notSent == 0)));
        r.append(String.format(Locale.ROOT, "| command to view, p99, at half rate | **%.1f ms** (%d payments followed, %d timeouts) | < 200 ms | %s |\n",
                viewP99, f.followed.get(), f.timeouts.get(), yes(viewP99 < TARGET_VIEW_P99_MS && f.timeouts.get() == 0)));

        r.append("\n## PostgreSQL ceiling\n\n");
        r.append(String.format(Locale.ROOT, "%d threads, one connection each, prepared `INSERT` of one row (600-byte bytea payload, "
                        + "200-byte bytea metadata, text ids; the columns and unique indexes of `DomainEventEntry`) per autocommitted "
                        + "transaction into a scratch table `%s`, created and dropped by the run; 2 s warm-up, then %.0f s: "
                        + "%,d commits, **%,.0f commits/s**; commit latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms.\n\n",
                pg.threads(), PostgresCeiling.TABLE, pg.seconds(), pg.commits(), pg.perSecond(),
                ms(pg.commitLatencyMicros(), 50), ms(pg.commitLatencyMicros(), 99), ms(pg.commitLatencyMicros(), 99.9)));
        cpuTable(r, pgCpu);

        r.append("\n## Commands\n\n");
        r.append("| phase | load | commands ok/s | payments / intakes ok | failed | p50 | p99 | p99.9 | max | "
                + "PostgreSQL commits per command | events per command |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        phaseRow(r, peak, String.format(Locale.ROOT, "closed loop, %d clients, %d s after %d s warm-up", o.threads, o.peakSeconds,
                o.warmupSeconds));
        phaseRow(r, half, String.format(Locale.ROOT, "open loop, %,.0f/s planned, %d s", half.targetRate, o.halfSeconds));
        phaseRow(r, view, String.format(Locale.ROOT, "open loop, %,.0f/s planned, %d s, views followed", view.targetRate, o.viewSeconds));
        r.append("\nOpen-loop latency counts from each command's planned send time (what a client at that rate would "
                + "wait, queueing included); service time (send to answer) at half rate: p50 ")
                .append(fmt(ms(half.serviceTime, 50))).append(" ms, p99 ").append(fmt(ms(half.serviceTime, 99)))
                .append(" ms. Only 2xx answers are counted and timed.");
        Path plot = plotOf(o.report);
        if (plot != null) {
            r.append("\n\n![Commands answered per second and their p50 and p99 latency, second by second, through the three phases](")
                    .append(plot.getFileName()).append(")\n\nEach second's bar counts the commands answered in it (failed ones in red "
                            + "above); the lines are those commands' p50 (grey) and p99 (red), from the planned send time in the open-loop "
                            + "phases. The peak's warm-up is drawn too.");
        }
        if (half.notSent + view.notSent > 0) {
            r.append(" Commands not sent because a client fell more than 10 s behind its schedule: ")
                    .append(half.notSent + view.notSent).append('.');
        }
        r.append("\n\n");
        errors(r, peak);
        errors(r, half);
        errors(r, view);
        r.append("Where the CPU went during the peak phase:\n\n");
        cpuTable(r, peak.cpu);
        r.append("\nDuring the half-rate phase:\n\n");
        cpuTable(r, half.cpu);

        r.append("\n## Command to view\n\n");
        r.append(String.format(Locale.ROOT, "At %,.0f commands/s (open loop), one successful payment in %d was followed: the case file "
                        + "(`GET /api/cases/{id}` as auditor) polled until its `version` reached the version the command "
                        + "answered, first after %d ms, the pause doubling after each miss up to %d ms. A delay is the time "
                        + "from the command's answer to the return of the first poll that showed it (an upper bound: up to "
                        + "one pause plus one GET late).\n\n",
                view.targetRate, o.viewSampleEvery, o.viewPollMillis, o.viewPollMaxMillis));
        r.append("| from | samples | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n");
        r.append(String.format(Locale.ROOT, "| the command's answer | %d | %s | %s | **%s** | %s | %s |\n", f.fromAnswer.getTotalCount(),
                fmt(ms(f.fromAnswer, 50)), fmt(ms(f.fromAnswer, 90)), fmt(ms(f.fromAnswer, 99)), fmt(ms(f.fromAnswer, 99.9)),
                fmt(f.fromAnswer.getMaxValue() / 1000.0)));
        r.append(String.format(Locale.ROOT, "| the command's sending | %d | %s | %s | %s | %s | %s |\n", f.fromSend.getTotalCount(),
                fmt(ms(f.fromSend, 50)), fmt(ms(f.fromSend, 90)), fmt(ms(f.fromSend, 99)), fmt(ms(f.fromSend, 99.9)),
                fmt(f.fromSend.getMaxValue() / 1000.0)));
        r.append(String.format(Locale.ROOT, "\nNot visible within %d ms: %d. Not followed because all %d pollers were busy: %d. "
                        + "Polls: %d, %.0f/s on top of the commands (%d answered other than 200/404); one poll took p50 %s ms, "
                        + "p99 %s ms.\n", o.viewTimeoutMillis, f.timeouts.get(), o.viewPollers, f.skipped.get(), f.polls.get(),
                f.polls.get() / view.seconds, f.pollErrors.get(), fmt(ms(f.pollTime, 50)), fmt(ms(f.pollTime, 99))));
        r.append("\nWhere the events stood the moment each phase ended (global index; the views' figure is the slowest "
                + "Kafka partition's highest applied index, read from `views.projection_position`):\n\n"
                + "| phase end | event store head | published by the relay | applied by the views (slowest partition) |\n|---|---|---|---|\n");
        for (Phase p : List.of(peak, half, view)) {
            if (p.lag != null) {
                r.append(String.format(Locale.ROOT, "| %s | %d | %d (%d behind) | %d (%d behind the relay) |\n", p.name, p.lag.head(),
                        p.lag.relayed(), p.lag.head() - p.lag.relayed(), p.lag.slowestView(), p.lag.relayed() - p.lag.slowestView()));
            }
        }
        r.append(String.format(Locale.ROOT, "\nHow far behind the views were left: a payment sent on 12 cases right after the phase "
                        + "became visible on all of them within %s ms after the peak phase, %s ms after the half-rate phase.\n",
                catchUpAfterPeak < 0 ? "(not within the timeout)" : Long.toString(catchUpAfterPeak),
                catchUpAfterHalf < 0 ? "(not within the timeout)" : Long.toString(catchUpAfterHalf)));
        return r.toString();
    }

    private static void phaseRow(StringBuilder r, Phase p, String load) {
        r.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,d / %,d | %,d | %s | %s | %s | %s | %s | %s |\n", p.name, load,
                p.rate(), p.okPayments, p.okIntakes, p.failed(), fmt(ms(p.latency, 50)), fmt(ms(p.latency, 99)),
                fmt(ms(p.latency, 99.9)), fmt(p.latency.getMaxValue() / 1000.0),
                p.pgCommits < 0 ? "?" : String.format(Locale.ROOT, "%.2f", p.pgCommits / (double) Math.max(1, p.ok() + p.failed())),
                p.events < 0 ? "?" : String.format(Locale.ROOT, "%.2f", p.events / (double) Math.max(1, p.ok()))));
    }

    private static void errors(StringBuilder r, Phase p) {
        if (p.errors.isEmpty()) {
            return;
        }
        r.append("Failed answers in ").append(p.name).append(": ");
        List<String> parts = new ArrayList<>();
        p.errors.forEach((k, v) -> parts.add(k + " × " + v + " (e.g. " + p.errorSamples.get(k).replace('|', '/') + ")"));
        r.append(String.join("; ", parts)).append("\n\n");
    }

    private void cpuTable(StringBuilder r, CpuSampler.Usage u) {
        if (u == null || !cpu.available()) {
            r.append("(CPU use not available on this platform)\n");
            return;
        }
        r.append(String.format(Locale.ROOT, "| process | cores used (of %d) |\n|---|---|\n", Runtime.getRuntime().availableProcessors()));
        u.coresByGroup().forEach((g, c) -> r.append(String.format(Locale.ROOT, "| %s | %.2f |\n", g, c)));
        r.append(String.format(Locale.ROOT, "| whole machine busy | %.0f%% |\n", u.machineBusyPercent()));
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code body(t)} on n threads and waits for them, at most {@code maxMillis}. */
    private static void parallel(int n, IntConsumer body, long maxMillis) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int me = t;
            Thread thread = new Thread(() -> body.accept(me), "client-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long deadline = System.currentTimeMillis() + maxMillis;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (thread.isAlive()) {
                throw new IllegalStateException("a client thread did not finish within " + maxMillis + " ms");
            }
        }
    }

    static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toMicros(300), 3);
    }

    static long clamp(Histogram h, long nanos) {
        return Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), h.getHighestTrackableValue()));
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    private static String row(String k, String v) {
        return "| " + k + " | " + v.replace('|', '/') + " |\n";
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }

    static void log(String message) {
        LOG.info(message);
    }
}
