package org.mediationledger.query.audit;

import org.mediationledger.events.wire.ChainHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;

/**
 * Reads one aggregate's events straight from the command side's event store (same database on the
 * embedded default), not from the views: an audit checks the record itself.
 */
@Repository
public class StoredEvents {

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored row with its link as the database recorded it. */
    public record Row(ChainHash.StoredEvent event, byte[] chainHash) {
    }

    /** When an event was stored, without its payload: enough to tell which events an instant covers. */
    public record Stamp(long sequence, String timeStamp) {
    }

    public List<Row> of(String aggregateId) {
        return of(jdbc, aggregateId, 0, Long.MAX_VALUE);
    }

    /** The aggregate's events with a sequence from {@code from} to {@code to}, read through {@code jdbc} (a caller's connection). */
    public static List<Row> of(JdbcTemplate jdbc, String aggregateId, long from, long to) {
        return jdbc.query("SELECT aggregateIdentifier, sequenceNumber, eventIdentifier, payloadType, payloadRevision, timeStamp, "
                        + "payload, metaData, chainHash FROM public.DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "AND sequenceNumber BETWEEN ? AND ? ORDER BY sequenceNumber",
                (rs, row) -> new Row(new ChainHash.StoredEvent(rs.getString("aggregateIdentifier"), rs.getLong("sequenceNumber"),
                        rs.getString("eventIdentifier"), rs.getString("payloadType"), rs.getString("payloadRevision"),
                        rs.getString("timeStamp"), rs.getBytes("payload"), rs.getBytes("metaData")), rs.getBytes("chainHash")),
                aggregateId, from, to);
    }

    public List<Stamp> stampsOf(String aggregateId) {
        return jdbc.query("SELECT sequenceNumber, timeStamp FROM public.DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "ORDER BY sequenceNumber",
                (rs, row) -> new Stamp(rs.getLong("sequenceNumber"), rs.getString("timeStamp")), aggregateId);
    }
}
