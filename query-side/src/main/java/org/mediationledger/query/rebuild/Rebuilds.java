package org.mediationledger.query.rebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.events.wire.ChainHash;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.audit.StoredEnvelopes;
import org.mediationledger.query.casefile.CaseRowsCopier;
import org.mediationledger.query.casefile.ProjectionRefused;
import org.mediationledger.query.ingest.ViewUpdates;
import org.mediationledger.query.ingest.ViewsLock;
import org.mediationledger.query.report.ReportRollups;
import org.mediationledger.events.worker.WorkerEvent;
import org.mediationledger.query.web.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Rebuilds every view from the event store (DOMAIN.md: auditors rebuild and check), while live reads and
 * ingestion go on: the events up to the store's last one are replayed, by the live projections, into fresh
 * tables in a schema of their own; those are compared with the live views row by row; and on request the
 * live views are replaced by them. One rebuild runs at a time, on a thread of its own.
 */
@Component
public class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    /** Events per transaction of the replay of the events stored since a rebuild (through the tables). */
    private static final int CHUNK = 1000;
    /**
     * Events per chunk of a rebuild's load (into empty tables, with COPY): the rows of about 250 cases. With the
     * events decoded ahead, what a load holds is a few megabytes: small enough to die young in the heap.
     */
    private static final int LOAD_CHUNK = 5_000;
    /** Events the reader decodes ahead of the fold. */
    private static final int DECODED_AHEAD = 2_000;
    private static final int DIFFERENCES_SHOWN = 100;
    /** The rebuild's rows of the report's rollups; they stay so named once switched to. */
    private static final String REBUILD_SHARD = "rebuild";
    private static final int LIVE_WAIT_SECONDS = 60;
    private static final TypeReference<List<Rebuild.Difference>> DIFFERENCES = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate snapshot;
    private final ViewsLock viewsLock;
    private final ObjectMapper json = EventJson.newObjectMapper();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "view-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    /** Reads and decodes the store for a rebuild's load, beside the thread that folds. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "view-rebuild-reader");
        thread.setDaemon(true);
        return thread;
    });

    public Rebuilds(DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactions, ViewsLock viewsLock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.viewsLock = viewsLock;
        this.transaction = new TransactionTemplate(transactions);
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** A rebuild that was running when the service stopped will not finish: say so. */
    @EventListener(ApplicationReadyEvent.class)
    void markInterrupted() {
        jdbc.update("UPDATE views.rebuild SET status = 'FAILED', finished_at = now(), failure = 'interrupted: the query side "
                + "stopped while it ran' WHERE status = 'RUNNING'");
    }

    public Rebuild start(String requestedBy) {
        String id = UUID.randomUUID().toString();
        String schema = "rebuild_" + id.replace("-", "").substring(0, 16);
        try {
            jdbc.update("INSERT INTO views.rebuild (rebuild_id, schema_name, status, requested_by, started_at) "
                    + "VALUES (?, ?, 'RUNNING', ?, now())", id, schema, requestedBy);
        } catch (DuplicateKeyException running) {
            throw new RebuildConflict("a rebuild is already running (" + jdbc.queryForObject(
                    "SELECT rebuild_id FROM views.rebuild WHERE status = 'RUNNING'", String.class) + "); one runs at a time");
        }
        runner.submit(() -> run(id, schema));
        return find(id);
    }

    public Rebuild find(String id) {
        return jdbc.query("SELECT * FROM views.rebuild WHERE rebuild_id = ?", (rs, row) -> rebuild(rs), id)
                .stream().findFirst().orElseThrow(() -> new NotFound("no rebuild " + id));
    }

    public List<Rebuild> all() {
        return jdbc.query("SELECT * FROM views.rebuild ORDER BY started_at DESC", (rs, row) -> rebuild(rs));
    }

    // ---- the rebuild ------------------------------------------------------------------------------

    private void run(String id, String schema) {
        try {
            Phases phases = new Phases();
            jdbc.execute("CREATE SCHEMA " + schema);
            for (ViewTable table : ViewTable.ALL) {
                // the case-file tables are copied into bare, and indexed once they are full (BULK_LOADED)
                // unlogged: a rebuild's tables are thrown away if the database crashes (the rebuild is marked
                // interrupted), so their load and indexes need no write-ahead log; a switch copies rows into the logged views
                jdbc.execute("CREATE UNLOGGED TABLE " + schema + "." + table.name() + " (LIKE views." + table.name()
                        + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS" + (BULK_LOADED.contains(table.name()) ? "" : " INCLUDING INDEXES") + ")");
            }
            long upTo = lastGlobalIndex();
            jdbc.update("UPDATE views.rebuild SET up_to_global_index = ? WHERE rebuild_id = ?", upTo, id);
            long started = System.nanoTime();
            Replay replay = load(schema, upTo,
                    replayed -> jdbc.update("UPDATE views.rebuild SET events_replayed = ? WHERE rebuild_id = ?", replayed, id), phases);
            double seconds = (System.nanoTime() - started) / 1e9;
            jdbc.update("UPDATE views.rebuild SET events_replayed = ?, events_held = ?, replay_seconds = ?, events_per_second = ? "
                    + "WHERE rebuild_id = ?", replay.applied(), replay.held(), seconds,
                    Math.round(replay.applied() / Math.max(seconds, 0.001)), id);
            awaitLiveViews(upTo);
            phases.done("waiting for the live views");
            Comparison comparison = compare(schema, upTo);
            phases.done("comparison");
            jdbc.update("UPDATE views.rebuild SET status = 'COMPLETED', finished_at = now(), rows_compared = ?, rows_not_compared = ?, "
                    + "difference_count = ?, differences = CAST(? AS jsonb) WHERE rebuild_id = ?", comparison.rowsCompared(),
                    comparison.rowsNotCompared(), comparison.differenceCount(), json.writeValueAsString(comparison.shown()), id);
            log.info("rebuild {} completed: {} events, {} differences; {}", id, replay.applied(), comparison.differenceCount(),
                    phases);
            // an earlier rebuild's tables go once this one can replace it (its own time leaves this out)
            dropEarlierRebuilds(schema);
        } catch (Exception | Error e) {
            // class and message only: a database message names tables and values of the views (ciphertext at most)
            String failure = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
            log.error("rebuild {} failed: {}", id, e.getClass().getName());
            jdbc.update("UPDATE views.rebuild SET status = 'FAILED', finished_at = now(), failure = ? WHERE rebuild_id = ?",
                    failure.length() > 500 ? failure.substring(0, 500) : failure, id);
        }
    }

    private record Replay(long applied, long held) {
    }

    /** How long each phase of a rebuild took, for its log line. */
    private static final class Phases {
        private final StringBuilder done = new StringBuilder();
        private long since = System.nanoTime();

        void done(String phase) {
            long now = System.nanoTime();
            done.append(done.isEmpty() ? "" : ", ").append(phase).append(String.format(" %.1f s", (now - since) / 1e9));
            since = now;
        }

        @Override
        public String toString() {
            return done.toString();
        }
    }

    /** The tables a rebuild fills with COPY (the case-file fold's), created without indexes, which are built after the load. */
    private static final Set<String> BULK_LOADED = Set.of("dispute_case", "case_payment", "case_session", "case_timeline",
            "case_deadline", "case_lawyer", "case_file_snapshot");

    /** An event the rebuild applies after the case files are loaded (an erasure, which changes rows of many of them). */
    private record Deferred(Object payload, PublishedEvent envelope) {
    }

    /**
     * Loads {@code schema}'s fresh tables from the store's events up to {@code upTo}, reading the store once,
     * an aggregate's events together in their order: each case is folded from nothing in memory by the live
     * projection's fold and its rows are copied in (COPY), a chunk of cases per transaction, so memory holds one
     * chunk whatever the store's size. The indexes are built after the load; then the erasures are applied, in
     * the store's order (no case of an erased worker is registered after the erasure: the command side gives a
     * worker registered afresh a new key), and the report's rollups are summed from the rows (ReportRollups#fill,
     * the definition the live fold keeps up incrementally, which the comparison then checks). An event the
     * projections refuse holds its aggregate, as the live ingestion does.
     */
    private Replay load(String schema, long upTo, LongConsumer progress, Phases phases) throws SQLException, InterruptedException {
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection();
             Connection copy = dataSource.getConnection();
             CaseRowsCopier copier = new CaseRowsCopier(copy, new JdbcTemplate(new SingleConnectionDataSource(
                     SchemaRedirect.to(schema, copy), true)), schema)) {
            write.setAutoCommit(false);
            copy.setAutoCommit(false);
            // three threads: the reader decodes the store, this one folds (and writes the other projections'
            // rows on `write`), the copier's COPYs the case rows on `copy`
            JdbcTemplate rebuilt = new JdbcTemplate(new SingleConnectionDataSource(SchemaRedirect.to(schema, write), true));
            ViewUpdates.Fold views = ViewUpdates.writingThrough(rebuilt).newFoldIntoEmptyTables(copier);
            // the store is read and its events decoded on a thread of their own, while this one folds and copies
            BlockingQueue<Decoded> decoded = new ArrayBlockingQueue<>(DECODED_AHEAD);
            Future<?> reading = reader.submit(() -> {
                try {
                    readStore(read, upTo, decoded);
                } finally {
                    putUninterruptibly(decoded, Decoded.END);
                }
                return null;
            });
            List<Deferred> deferred = new ArrayList<>();
            Set<String> held = new HashSet<>();
            long applied = 0;
            long heldEvents = 0;
            long sinceCommit = 0;
            String aggregate = null;
            try {
                for (Decoded event = decoded.take(); event != Decoded.END; event = decoded.take()) {
                    if (!event.aggregateId().equals(aggregate)) {
                        aggregate = event.aggregateId();
                        if (sinceCommit >= LOAD_CHUNK) { // only between aggregates: the fold starts every case from nothing
                            views.flush();
                            write.commit();
                            sinceCommit = 0;
                            progress.accept(applied);
                            if (Thread.currentThread().isInterrupted()) {
                                throw new IllegalStateException("the rebuild was interrupted");
                            }
                        }
                    }
                    if (held.contains(event.aggregateId())) {
                        heldEvents++;
                        continue;
                    }
                    Optional<Object> payload = readable(event.stored());
                    if (payload != null && payload.isPresent() && payload.get() instanceof WorkerEvent) {
                        deferred.add(new Deferred(payload.get(), event.envelope()));
                    } else if (payload == null || !applied(views, payload, event.envelope())) {
                        held.add(event.aggregateId());
                        heldEvents++;
                        continue;
                    }
                    applied++;
                    sinceCommit++;
                }
                reading.get(); // a failure of the reader fails the rebuild
            } catch (ExecutionException e) {
                throw new IllegalStateException("the event store could not be read", e.getCause());
            } finally {
                reading.cancel(true); // a fold that failed leaves the reader waiting on a full queue
            }
            views.flush();
            copier.finish();
            write.commit();
            phases.done("reading, folding and copying " + applied + " events");
            // the rollups are summed from the rows on the copier's connection while the indexes are built on this
            // one (an index build lets the table be read); an erasure changes no figure the rollups sum
            JdbcTemplate summing = new JdbcTemplate(new SingleConnectionDataSource(SchemaRedirect.to(schema, copy), true));
            Future<?> rollups = reader.submit(() -> {
                for (ViewTable table : ViewTable.ALL) {
                    if (table.isRollup()) {
                        summing.execute(ReportRollups.fill(table.name(), REBUILD_SHARD));
                    }
                }
                copy.commit();
                return null;
            });
            try {
                buildIndexes(write, schema);
                rollups.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the rebuild's rollups could not be summed", e.getCause());
            } finally {
                rollups.cancel(true);
            }
            phases.done("indexes and rollups");
            deferred.sort(Comparator.comparingLong(d -> d.envelope().globalIndex()));
            for (Deferred erasure : deferred) {
                views.apply(erasure.payload(), erasure.envelope());
            }
            views.flush();
            write.commit();
            phases.done(deferred.size() + " erasures");
            return new Replay(applied, heldEvents);
        }
    }

    /** A stored event as the reader hands it to the fold, its envelope read (the payload is read by the fold's thread). */
    private record Decoded(String aggregateId, PublishedEvent envelope, ChainHash.StoredEvent stored) {
        static final Decoded END = new Decoded(null, null, null);
    }

    /**
     * Reads the store's events up to {@code upTo}, an aggregate's together in their order, and decodes each.
     * Read with {@code COPY … TO STDOUT} in binary: the rows stream in while they are decoded (a cursor would
     * stop the database between fetches), and payloads come as their bytes.
     */
    private static void readStore(Connection read, long upTo, BlockingQueue<Decoded> decoded) throws SQLException, InterruptedException {
        String query = "COPY (SELECT globalIndex, aggregateIdentifier, sequenceNumber, eventIdentifier, payloadType, "
                + "payloadRevision, timeStamp, payload, metaData, type FROM public.DomainEventEntry WHERE globalIndex <= "
                + upTo + " ORDER BY aggregateIdentifier, sequenceNumber) TO STDOUT (FORMAT binary)";
        try (DataInputStream rows = new DataInputStream(new BufferedInputStream(
                new PGCopyInputStream(read.unwrap(PGConnection.class), query), 1 << 16))) {
            BinaryCopy.skipHeader(rows);
            while (BinaryCopy.nextRow(rows, 10)) {
                long globalIndex = BinaryCopy.bigint(rows);
                String aggregateId = BinaryCopy.text(rows);
                long sequence = BinaryCopy.bigint(rows);
                ChainHash.StoredEvent event = new ChainHash.StoredEvent(aggregateId, sequence, BinaryCopy.text(rows),
                        BinaryCopy.text(rows), BinaryCopy.text(rows), BinaryCopy.text(rows), BinaryCopy.bytes(rows),
                        BinaryCopy.bytes(rows));
                PublishedEvent envelope = envelope(event, globalIndex, BinaryCopy.text(rows));
                decoded.put(new Decoded(aggregateId, envelope, event));
            }
        } catch (IOException e) {
            throw new SQLException("the event store could not be read", e);
        }
    }

    private static void putUninterruptibly(BlockingQueue<Decoded> queue, Decoded item) {
        boolean interrupted = false;
        while (true) {
            try {
                if (queue.offer(item, 1, TimeUnit.SECONDS)) {
                    break;
                }
                if (interrupted) {
                    return; // cancelled: the fold stopped taking, so nobody waits for the end
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The live tables' indexes, on the rebuild's copies of them. */
    private void buildIndexes(Connection write, String schema) throws SQLException {
        try (java.sql.Statement statement = write.createStatement()) {
            statement.execute("SET LOCAL maintenance_work_mem = '256MB'");
            for (String table : BULK_LOADED) {
                for (String index : jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = 'views' AND tablename = ?",
                        String.class, table)) {
                    statement.execute(index.replace(" ON views.", " ON " + schema + "."));
                }
            }
        }
    }

    /** The event's payload; empty for a type this side does not know; null when it cannot be read. */
    private static Optional<Object> readable(ChainHash.StoredEvent event) {
        try {
            return StoredEnvelopes.payload(event);
        } catch (IllegalStateException unreadable) {
            return null;
        }
    }

    private static boolean applied(ViewUpdates.Fold views, Optional<Object> payload, PublishedEvent envelope) {
        try {
            if (payload.isPresent()) {
                views.apply(payload.get(), envelope);
            } else {
                views.applyUnknown(envelope);
            }
            return true;
        } catch (ProjectionRefused refused) {
            return false; // refused before it changed anything
        }
    }

    /**
     * Replays the store's events with a global index in (after, upTo], in the store's order, into {@code schema}'s
     * indexed tables, as the live ingestion takes them in (the events stored since a rebuild, before its switch).
     * An event the projections refuse holds its aggregate, as the live ingestion does.
     */
    private Replay replay(String schema, long after, long upTo, LongConsumer progress) throws SQLException {
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection()) {
            read.setAutoCommit(false); // a cursor: the store is read in chunks, not all at once
            read.setReadOnly(true);
            write.setAutoCommit(false);
            ViewUpdates.Fold views = ViewUpdates.writingThrough(
                    new JdbcTemplate(new SingleConnectionDataSource(SchemaRedirect.to(schema, write), true))).newFold(REBUILD_SHARD);
            Set<String> held = new HashSet<>();
            long applied = 0;
            long heldEvents = 0;
            try (PreparedStatement events = read.prepareStatement("SELECT globalIndex, aggregateIdentifier, sequenceNumber, "
                    + "eventIdentifier, payloadType, payloadRevision, timeStamp, payload, metaData, type FROM public.DomainEventEntry "
                    + "WHERE globalIndex > ? AND globalIndex <= ? ORDER BY globalIndex")) {
                events.setFetchSize(2 * CHUNK);
                events.setLong(1, after);
                events.setLong(2, upTo);
                try (ResultSet rs = events.executeQuery()) {
                    while (rs.next()) {
                        ChainHash.StoredEvent event = new ChainHash.StoredEvent(rs.getString("aggregateIdentifier"),
                                rs.getLong("sequenceNumber"), rs.getString("eventIdentifier"), rs.getString("payloadType"),
                                rs.getString("payloadRevision"), rs.getString("timeStamp"), rs.getBytes("payload"),
                                rs.getBytes("metaData"));
                        if (held.contains(event.aggregateIdentifier())
                                || !applied(views, event, envelope(event, rs.getLong("globalIndex"), rs.getString("type")))) {
                            held.add(event.aggregateIdentifier());
                            heldEvents++;
                            continue;
                        }
                        if (++applied % CHUNK == 0) {
                            views.flush();
                            write.commit();
                            progress.accept(applied);
                            if (Thread.currentThread().isInterrupted()) {
                                throw new IllegalStateException("the rebuild was interrupted");
                            }
                        }
                    }
                }
            }
            views.flush();
            write.commit();
            read.commit();
            return new Replay(applied, heldEvents);
        }
    }

    private static boolean applied(ViewUpdates.Fold views, ChainHash.StoredEvent event, PublishedEvent envelope) {
        Optional<Object> payload = readable(event);
        return payload != null && applied(views, payload, envelope);
    }

    /**
     * The envelope the live ingestion got for this stored event. An event of a type this side does not know
     * has no aggregate type of its own ("unknown"): the store's column says whose it is, so that a case's
     * still takes its place in the case's timeline, as it did when it arrived live.
     */
    private static PublishedEvent envelope(ChainHash.StoredEvent event, long globalIndex, String storedAggregateType) {
        // the projections take the payload read as its class (readable), never the envelope's JSON tree
        return withStoredAggregateType(StoredEnvelopes.envelopeWithoutPayloadTree(event, globalIndex), storedAggregateType);
    }

    private static PublishedEvent withStoredAggregateType(PublishedEvent envelope, String storedAggregateType) {
        if (!"unknown".equals(envelope.aggregateType()) || storedAggregateType == null) {
            return envelope;
        }
        return new PublishedEvent(envelope.eventId(), storedAggregateType, envelope.aggregateId(), envelope.sequence(),
                envelope.globalIndex(), envelope.type(), envelope.revision(), envelope.occurredAt(), envelope.metadata(),
                envelope.payload());
    }

    /** Waits, for a while, until the live views have taken in every event the rebuild replayed, so both show the same. */
    private void awaitLiveViews(long upTo) throws InterruptedException {
        for (int second = 0; second < LIVE_WAIT_SECONDS; second += 2) {
            // first two counts (the relay publishes each event with its global index in the store), and only when
            // they differ the exact check, a join of the store with the processed events
            Long missing = jdbc.queryForObject("SELECT (SELECT count(*) FROM public.DomainEventEntry WHERE globalIndex <= ?) "
                    + "- (SELECT count(*) FROM views.processed_event WHERE global_index <= ?)", Long.class, upTo, upTo);
            if (missing == null || missing != 0) {
                missing = jdbc.queryForObject("SELECT count(*) FROM public.DomainEventEntry e WHERE e.globalIndex <= ? "
                        + "AND NOT EXISTS (SELECT 1 FROM views.processed_event p WHERE p.event_id = e.eventIdentifier)", Long.class, upTo);
            }
            if (missing == null || missing == 0) {
                return;
            }
            Thread.sleep(2000);
        }
        // compared anyway: what the live views still lack shows as differences (a held case, a stopped consumer)
    }

    private record Comparison(long rowsCompared, long rowsNotCompared, long differenceCount, List<Rebuild.Difference> shown) {
    }

    /** Row by row, every view table: live against rebuilt, leaving out aggregates that changed after {@code upTo}. */
    private Comparison compare(String schema, long upTo) {
        return snapshot.execute(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE rebuild_moving ON COMMIT DROP AS SELECT DISTINCT aggregateIdentifier AS id "
                    + "FROM public.DomainEventEntry WHERE globalIndex > " + upTo);
            long compared = 0;
            long notCompared = 0;
            long differences = 0;
            List<Rebuild.Difference> shown = new ArrayList<>();
            boolean anythingMoved = count("SELECT count(*) FROM rebuild_moving") > 0;
            for (ViewTable table : ViewTable.ALL) {
                String key = table.key().stream().map(c -> "t." + c + "::text").collect(Collectors.joining(", ", "concat_ws('/', ", ")"));
                String side;
                if (table.isRollup()) {
                    if (anythingMoved) {
                        // a rollup row sums many cases; one that moved on makes the live row differ
                        notCompared += count("SELECT count(*) FROM views." + table.name())
                                + count("SELECT count(*) FROM " + schema + "." + table.name());
                        continue;
                    }
                    // no owner (o is NULL): compared only here, where rebuild_moving is empty, so the NOT IN below holds
                    side = "SELECT " + key + " AS k, NULL::text AS o, to_jsonb(t) AS j FROM (SELECT "
                            + String.join(", ", table.key()) + ", " + table.sums().stream().map(c -> "sum(" + c + ") AS " + c)
                            .collect(Collectors.joining(", ")) + " FROM %s." + table.name() + " GROUP BY "
                            + String.join(", ", table.key()) + " HAVING "
                            + table.sums().stream().map(c -> "sum(" + c + ") <> 0").collect(Collectors.joining(" OR ")) + ") t";
                    String moving = " IN (SELECT id FROM rebuild_moving)";
                    notCompared += count("SELECT count(*) FROM (" + side.formatted("views") + ") x WHERE x.o" + moving)
                            + count("SELECT count(*) FROM (" + side.formatted(schema) + ") x WHERE x.o" + moving
                            + " AND x.k NOT IN (SELECT " + key + " FROM views." + table.name() + " t)");
                    compared += count("SELECT count(*) FROM (SELECT l.k FROM (" + side.formatted("views") + ") l FULL OUTER JOIN ("
                            + side.formatted(schema) + ") r ON l.k = r.k WHERE COALESCE(l.o, r.o) NOT" + moving + ") x");
                    List<Rebuild.Difference> found = jdbc.query("SELECT COALESCE(l.k, r.k) AS k, l.j::text AS live, r.j::text AS rebuilt "
                                    + "FROM (" + side.formatted("views") + ") l FULL OUTER JOIN (" + side.formatted(schema) + ") r ON l.k = r.k "
                                    + "WHERE l.j IS DISTINCT FROM r.j AND COALESCE(l.o, r.o) NOT" + moving + " ORDER BY 1",
                            (rs, row) -> new Rebuild.Difference(table.name(), rs.getString("k"), tree(rs.getString("live")),
                                    tree(rs.getString("rebuilt"))));
                    differences += found.size();
                    found.stream().limit(Math.max(0, DIFFERENCES_SHOWN - shown.size())).forEach(shown::add);
                    continue;
                }
                // a table of rows with an owner: joined on its key, rows compared whole, as JSON only where they differ
                String join = "FROM views." + table.name() + " l FULL OUTER JOIN " + schema + "." + table.name() + " r ON "
                        + table.key().stream().map(c -> "l." + c + " = r." + c).collect(Collectors.joining(" AND "));
                String owner = "COALESCE(l." + table.owner() + ", r." + table.owner() + ")";
                String first = table.key().get(0);
                long[] counts = jdbc.query("SELECT count(*) FILTER (WHERE NOT moved) AS compared, count(*) FILTER (WHERE moved) "
                        + "AS not_compared, count(*) FILTER (WHERE NOT moved AND differs) AS differing FROM (SELECT " + owner
                        + " IN (SELECT id FROM rebuild_moving) AS moved, ROW(l.*) IS DISTINCT FROM ROW(r.*) AS differs " + join + ") x",
                        rs -> rs.next() ? new long[]{rs.getLong("compared"), rs.getLong("not_compared"), rs.getLong("differing")}
                                : new long[3]);
                compared += counts[0];
                notCompared += counts[1];
                if (counts[2] == 0) {
                    continue; // the common case: one pass over the table, no second to list what differs
                }
                List<Rebuild.Difference> found = jdbc.query("SELECT concat_ws('/', " + table.key().stream()
                                .map(c -> "COALESCE(l." + c + ", r." + c + ")::text").collect(Collectors.joining(", ")) + ") AS k, "
                                + "CASE WHEN l." + first + " IS NULL THEN NULL ELSE to_jsonb(l)::text END AS live, "
                                + "CASE WHEN r." + first + " IS NULL THEN NULL ELSE to_jsonb(r)::text END AS rebuilt " + join
                                + " WHERE ROW(l.*) IS DISTINCT FROM ROW(r.*) AND " + owner + " NOT IN (SELECT id FROM rebuild_moving) ORDER BY 1",
                        (rs, row) -> new Rebuild.Difference(table.name(), rs.getString("k"), tree(rs.getString("live")),
                                tree(rs.getString("rebuilt"))));
                differences += found.size();
                found.stream().limit(Math.max(0, DIFFERENCES_SHOWN - shown.size())).forEach(shown::add);
            }
            return new Comparison(compared, notCompared, differences, shown);
        });
    }

    // ---- the switch ---------------------------------------------------------------------------------

    /**
     * Replaces the live views by the rebuilt tables: ingestion waits meanwhile (exclusive {@link ViewsLock}),
     * the events stored since the rebuild are replayed into its tables first, then, in one transaction, every
     * view table is made equal to its rebuilt twin by changing only the rows that differ ({@link #makeEqual}),
     * and the ingestion's bookkeeping is set to the store, so that an event already in the rebuilt tables is
     * not applied twice when it arrives from Kafka. Reads go on throughout: they see the views as they were
     * until the transaction commits, then the rebuilt ones (no table is locked against them).
     */
    public Rebuild switchTo(String id) {
        Rebuild rebuild = find(id);
        if (!"COMPLETED".equals(rebuild.status())) {
            throw new RebuildConflict("only a completed rebuild can replace the views; this one is " + rebuild.status());
        }
        if (rebuild.eventsHeld() > 0) {
            throw new RebuildConflict("the rebuild held " + rebuild.eventsHeld() + " events its projections refused; "
                    + "switching would hide them");
        }
        String schema = jdbc.queryForObject("SELECT schema_name FROM views.rebuild WHERE rebuild_id = ?", String.class, id);
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = ?)",
                Boolean.class, schema))) {
            throw new RebuildConflict("the tables of rebuild " + id + " are gone (a later rebuild replaced them)");
        }
        for (String table : List.of("dispute_case", "lawyer")) {
            // a rebuild's tables are unlogged: a database crash empties them, and a switch would then empty the views
            if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT NOT EXISTS (SELECT 1 FROM " + schema + "." + table
                    + ") AND EXISTS (SELECT 1 FROM views." + table + ")", Boolean.class))) {
                throw new RebuildConflict("the tables of rebuild " + id + " were emptied (by a restart of the database "
                        + "after a crash?) while the views hold rows; not switched: start a new rebuild");
            }
        }
        transaction.execute(status -> {
            viewsLock.holdExclusive();
            long now = lastGlobalIndex();
            try {
                Replay caughtUp = replay(schema, rebuild.upToGlobalIndex(), now, replayed -> { });
                if (caughtUp.held() > 0) {
                    throw new RebuildConflict("events stored since the rebuild were refused by the projections; not switched");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the events stored since the rebuild could not be replayed", e);
            }
            makeEqual(schema);
            jdbc.update("INSERT INTO views.processed_event (event_id, global_index) SELECT eventIdentifier, globalIndex "
                    + "FROM public.DomainEventEntry WHERE globalIndex <= ? ON CONFLICT (event_id) DO NOTHING", now);
            jdbc.execute("DELETE FROM views.aggregate_sequence");
            jdbc.update("INSERT INTO views.aggregate_sequence (aggregate_id, aggregate_type, last_sequence) "
                    + "SELECT aggregateIdentifier, CASE type WHEN 'WorkerPersonalData' THEN 'Worker' ELSE type END, max(sequenceNumber) "
                    + "FROM public.DomainEventEntry WHERE globalIndex <= ? GROUP BY aggregateIdentifier, type", now);
            jdbc.update("INSERT INTO views.projection_position (partition_key, global_index) VALUES ('rebuild', ?) "
                    + "ON CONFLICT (partition_key) DO UPDATE SET global_index = GREATEST(views.projection_position.global_index, "
                    + "EXCLUDED.global_index)", now);
            jdbc.update("UPDATE views.rebuild SET status = 'SWITCHED', switched_at = now() WHERE rebuild_id = ?", id);
            return null;
        });
        log.info("the views were replaced by rebuild {}", id);
        return find(id);
    }

    /**
     * Makes every view table equal to its twin in {@code schema}, writing only what differs: rows of the same
     * key are updated where they differ, then the rows the rebuild does not have are deleted (children first)
     * and those the views lack are inserted (parents first), so the references between the tables hold at
     * every statement. Rows only, never TRUNCATE: its lock would stop every read until the commit.
     */
    private void makeEqual(String schema) {
        List<ViewTable> owned = ViewTable.ALL.stream().filter(table -> !table.isRollup()).toList();
        for (ViewTable table : owned) {
            List<String> columns = jdbc.queryForList("SELECT column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'views' AND table_name = ? ORDER BY ordinal_position", String.class, table.name());
            List<String> others = columns.stream().filter(c -> !table.key().contains(c)).toList();
            if (!others.isEmpty()) {
                jdbc.update("UPDATE views." + table.name() + " l SET " + (others.size() == 1 ? others.get(0) + " = r." + others.get(0)
                        : "(" + String.join(", ", others) + ") = (" + others.stream().map(c -> "r." + c).collect(Collectors.joining(", "))
                        + ")") + " FROM " + schema + "." + table.name() + " r WHERE " + sameKey(table)
                        + " AND ROW(l.*) IS DISTINCT FROM ROW(r.*)");
            }
        }
        List<ViewTable> childrenFirst = new ArrayList<>(owned);
        Collections.reverse(childrenFirst);
        for (ViewTable table : childrenFirst) {
            jdbc.update("DELETE FROM views." + table.name() + " l WHERE NOT EXISTS (SELECT 1 FROM " + schema + "." + table.name()
                    + " r WHERE " + sameKey(table) + ")");
        }
        for (ViewTable table : owned) {
            jdbc.update("INSERT INTO views." + table.name() + " SELECT r.* FROM " + schema + "." + table.name() + " r "
                    + "WHERE NOT EXISTS (SELECT 1 FROM views." + table.name() + " l WHERE " + sameKey(table) + ")");
        }
        // a rollup's rows are kept per shard (the rebuild's all under one): small tables, replaced whole
        for (ViewTable table : ViewTable.ALL) {
            if (table.isRollup()) {
                jdbc.update("DELETE FROM views." + table.name());
                jdbc.update("INSERT INTO views." + table.name() + " SELECT * FROM " + schema + "." + table.name());
            }
        }
    }

    private static String sameKey(ViewTable table) {
        return table.key().stream().map(c -> "l." + c + " = r." + c).collect(Collectors.joining(" AND "));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private long lastGlobalIndex() {
        Long last = jdbc.queryForObject("SELECT max(globalIndex) FROM public.DomainEventEntry", Long.class);
        return last == null ? -1 : last;
    }

    private void dropEarlierRebuilds(String keep) {
        for (String schema : jdbc.queryForList("SELECT schema_name FROM information_schema.schemata "
                + "WHERE schema_name LIKE 'rebuild\\_%' AND schema_name <> ?", String.class, keep)) {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Rebuild rebuild(ResultSet rs) throws SQLException {
        String differences = rs.getString("differences");
        try {
            return new Rebuild(rs.getString("rebuild_id"), rs.getString("status"), rs.getString("requested_by"),
                    instant(rs, "started_at"), instant(rs, "finished_at"), rs.getObject("up_to_global_index", Long.class),
                    rs.getLong("events_replayed"), rs.getLong("events_held"), rs.getObject("replay_seconds", Double.class),
                    rs.getObject("events_per_second", Long.class), rs.getObject("rows_compared", Long.class),
                    rs.getObject("rows_not_compared", Long.class), rs.getObject("difference_count", Long.class),
                    differences == null ? null : json.readValue(differences, DIFFERENCES), instant(rs, "switched_at"),
                    rs.getString("failure"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("differences of rebuild " + rs.getString("rebuild_id") + " unreadable", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
