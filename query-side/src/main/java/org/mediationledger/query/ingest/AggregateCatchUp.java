package org.mediationledger.query.ingest;

import org.mediationledger.query.config.ViewSettings;
import org.mediationledger.query.web.Forbidden;
import org.mediationledger.query.web.InvalidParameter;
import org.mediationledger.query.web.NotCaughtUp;
import org.mediationledger.query.web.NotFound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Read your own writes (docs/read-your-writes.md). A command answers with the aggregate's version
 * once its events are stored; the views apply an aggregate's events strictly in order and record the
 * last one applied in the same transaction ({@code views.aggregate_sequence}), so "the views show
 * version N" is one row to read. A read that asks for at least a version waits here, bounded by
 * {@code ml.views.catch-up-wait}, until they do.
 * <p>
 * The same wait stands before every refusal decided from the views ("not found", "not yours"): when
 * the event store holds more of the aggregate than the views have applied, the refusal may only be out
 * of date (a case just referred, a lawyer just assigned), so the views are waited for first. The
 * waits poll the row rather than listen to this node's ingestion, because another node of the
 * consumer group may be the one applying the aggregate's partition.
 */
@Component
public class AggregateCatchUp {

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private final JdbcTemplate jdbc;
    private final Duration limit;

    public AggregateCatchUp(JdbcTemplate jdbc, ViewSettings settings) {
        this.jdbc = jdbc;
        this.limit = settings.catchUpWait();
    }

    /** What the views have applied of one aggregate: its last version (-1 for none), and why it is held, if it is. */
    private record Applied(long version, String heldBecause) {
    }

    /**
     * Waits until the views have applied {@code version} of the aggregate.
     *
     * @param subject   what the aggregate is, in the reader's words ("case")
     * @param parameter the request parameter that asked for the version, named when it cannot be met
     * @throws InvalidParameter when the event store holds no such version: nothing will ever bring it
     * @throws NotCaughtUp      when the limit passes first
     */
    public void awaitVersion(String subject, String aggregateId, long version, String parameter) {
        Applied applied = applied(aggregateId);
        if (applied.version() >= version) {
            return;
        }
        long stored = storedVersion(aggregateId);
        if (stored < version) {
            throw new InvalidParameter(parameter, stored < 0
                    ? "names version " + version + " of " + subject + " " + aggregateId + ", which has no events"
                    : "is ahead of the last version of " + subject + " " + aggregateId + " (" + stored + ")");
        }
        await(subject, aggregateId, version, applied);
    }

    /**
     * Before a refusal decided from the views: when the event store holds more of the aggregate than
     * the views have applied, waits until they have applied it all.
     *
     * @return whether the views were behind, so that the caller decides again on the views as they are now
     * @throws NotCaughtUp when the limit passes first
     */
    public boolean awaitStored(String subject, String aggregateId) {
        long stored = storedVersion(aggregateId);
        Applied applied = applied(aggregateId);
        if (applied.version() >= stored) {
            return false;
        }
        await(subject, aggregateId, stored, applied);
        return true;
    }

    /**
     * Answers a read from the views; when they refuse it ({@link NotFound}, {@link Forbidden}) while
     * the store holds more of the aggregate than they have applied, waits for them and answers again,
     * so that nobody is told "not found" or "not yours" about a case that has just become theirs.
     *
     * @throws NotCaughtUp when the views do not catch up within the limit
     */
    public <T> T decide(String subject, String aggregateId, Supplier<T> read) {
        try {
            return read.get();
        } catch (NotFound | Forbidden refusal) {
            if (!awaitStored(subject, aggregateId)) {
                throw refusal;
            }
            return read.get();
        }
    }

    private void await(String subject, String aggregateId, long version, Applied applied) {
        long giveUp = System.nanoTime() + limit.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (applied.version() < version) {
            long left = giveUp - System.nanoTime();
            if (left <= 0) {
                throw new NotCaughtUp(subject, aggregateId, version, applied.version(), applied.heldBecause());
            }
            try {
                Thread.sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotCaughtUp(subject, aggregateId, version, applied.version(), applied.heldBecause());
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            applied = applied(aggregateId);
        }
    }

    private Applied applied(String aggregateId) {
        return jdbc.query("SELECT last_sequence, stalled_expected, stall_reason FROM views.aggregate_sequence WHERE aggregate_id = ?",
                rs -> rs.next()
                        ? new Applied(rs.getLong("last_sequence"), rs.getObject("stalled_expected") == null ? null : rs.getString("stall_reason"))
                        : new Applied(-1, null),
                aggregateId);
    }

    /** The aggregate's last stored version, -1 when the store has none of its events (one probe of the unique index). */
    private long storedVersion(String aggregateId) {
        Long last = jdbc.queryForObject("SELECT max(sequenceNumber) FROM public.DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, aggregateId);
        return last == null ? -1 : last;
    }
}
