package org.mediationledger.bench;

import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * PostgreSQL's own ceiling for what a command must at least do: commit one event-shaped row. N threads,
 * one connection each, a prepared INSERT per transaction (autocommit) into a scratch table shaped like
 * Axon's DomainEventEntry (same columns, the same three unique indexes), ~600-byte payload and ~200-byte
 * metadata. The table is created for the run and dropped after it.
 */
final class PostgresCeiling {

    static final String TABLE = "bench_event_row";

    record Result(int threads, double seconds, long commits, Histogram commitLatencyMicros, Map<String, String> settings,
                  CpuSampler.Usage cpu, String failure) {
        double perSecond() {
            return commits / seconds;
        }
    }

    private PostgresCeiling() {
    }

    static Map<String, String> settings(Options o) throws SQLException {
        Map<String, String> s = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(o.jdbcUrl, o.dbUser, o.dbPassword);
             Statement st = c.createStatement()) {
            for (String name : List.of("server_version", "synchronous_commit", "fsync", "wal_sync_method", "commit_delay",
                    "full_page_writes", "shared_buffers", "max_wal_size", "max_connections")) {
                try (ResultSet rs = st.executeQuery("SHOW " + name)) {
                    rs.next();
                    s.put(name, rs.getString(1));
                }
            }
        }
        return s;
    }

    /**
     * The CPU is sampled at the start and end of the measured window while the 16 connections are still
     * open, so that their PostgreSQL backends are counted.
     */
    static Result run(Options o, int warmupSeconds, CpuSampler cpu) throws Exception {
        Map<String, String> settings = settings(o);
        try (Connection c = DriverManager.getConnection(o.jdbcUrl, o.dbUser, o.dbPassword);
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TABLE);
            st.execute("CREATE TABLE " + TABLE + " ("
                    + "globalIndex BIGSERIAL NOT NULL, aggregateIdentifier VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL,"
                    + " type VARCHAR(255), eventIdentifier VARCHAR(255) NOT NULL, metaData BYTEA, payload BYTEA NOT NULL,"
                    + " payloadRevision VARCHAR(255), payloadType VARCHAR(255) NOT NULL, timeStamp VARCHAR(255) NOT NULL,"
                    + " PRIMARY KEY (globalIndex), UNIQUE (aggregateIdentifier, sequenceNumber), UNIQUE (eventIdentifier))");
        }
        try {
            long start = System.nanoTime();
            long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(o.pgSeconds);
            List<Thread> threads = new ArrayList<>();
            long[] commits = new long[o.pgThreads];
            Histogram[] latency = new Histogram[o.pgThreads];
            AtomicReference<String> failure = new AtomicReference<>();
            CountDownLatch inserted = new CountDownLatch(o.pgThreads);
            CountDownLatch sampled = new CountDownLatch(1);
            for (int t = 0; t < o.pgThreads; t++) {
                int me = t;
                latency[t] = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                Thread thread = new Thread(() -> {
                    try {
                        commits[me] = insertUntil(o, measureFrom, measureTo, latency[me], inserted, sampled);
                    } catch (Exception e) {
                        failure.compareAndSet(null, e.toString());
                    } finally {
                        inserted.countDown(); // for a thread that failed early; after the sample it changes nothing
                    }
                }, "pg-ceiling-" + t);
                threads.add(thread);
                thread.start();
            }
            LockSupport.parkNanos(measureFrom - System.nanoTime());
            CpuSampler.Snapshot before = cpu.snapshot();
            inserted.await(warmupSeconds + o.pgSeconds + 60, TimeUnit.SECONDS);
            CpuSampler.Usage usage = cpu.between(before, cpu.snapshot());
            sampled.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
            long total = 0;
            Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            for (int t = 0; t < o.pgThreads; t++) {
                total += commits[t];
                all.add(latency[t]);
            }
            return new Result(o.pgThreads, o.pgSeconds, total, all, settings, usage, failure.get());
        } finally {
            try (Connection c = DriverManager.getConnection(o.jdbcUrl, o.dbUser, o.dbPassword);
                 Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }

    /** Commits one row per transaction until {@code measureTo}; returns the commits that began and ended in the window. */
    private static long insertUntil(Options o, long measureFrom, long measureTo, Histogram latency, CountDownLatch inserted,
                                    CountDownLatch sampled) throws SQLException, InterruptedException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] payload = jsonish(600, r);
        byte[] metaData = jsonish(200, r);
        String[] aggregates = new String[200];
        long[] sequences = new long[aggregates.length];
        for (int i = 0; i < aggregates.length; i++) {
            aggregates[i] = UUID.randomUUID().toString();
        }
        long counted = 0;
        try (Connection c = DriverManager.getConnection(o.jdbcUrl, o.dbUser, o.dbPassword);
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                     + " (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload, payloadRevision,"
                     + " payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(true);
            for (long n = 0; n < 50_000_000L; n++) {
                long began = System.nanoTime();
                if (began >= measureTo) {
                    break;
                }
                int a = r.nextInt(aggregates.length);
                insert.setString(1, aggregates[a]);
                insert.setLong(2, sequences[a]++);
                insert.setString(3, "DisputeCase");
                insert.setString(4, UUID.randomUUID().toString());
                insert.setBytes(5, metaData);
                insert.setBytes(6, payload);
                insert.setString(7, "1");
                insert.setString(8, "org.mediationledger.events.disputecase.WagePaymentRecorded");
                insert.setString(9, Instant.now().toString());
                insert.executeUpdate();
                long ended = System.nanoTime();
                if (began >= measureFrom && ended <= measureTo) {
                    counted++;
                    latency.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(ended - began), latency.getHighestTrackableValue()));
                }
            }
            inserted.countDown();
            sampled.await(60, TimeUnit.SECONDS); // keep the connection (and its backend) until the CPU was sampled
        }
        return counted;
    }

    /** Bytes of JSON-looking text (not compressible to nothing, like a real payload). */
    private static byte[] jsonish(int size, ThreadLocalRandom r) {
        StringBuilder sb = new StringBuilder("{\"data\":\"");
        while (sb.length() < size - 2) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        sb.append("\"}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
