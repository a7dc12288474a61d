package org.mediationledger.query.support;

import org.mediationledger.infra.embedded.EmbeddedPostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A database of its own for one test class on the shared embedded server, with the command side's
 * {@code pii.worker_key} table that the query side reads keys from, and its event store table
 * {@code public.DomainEventEntry} (the columns the query side reads), empty unless a test stores
 * what it publishes ({@link #stored}).
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static String create(String name) {
        EmbeddedPostgresServer server = EmbeddedServers.postgres();
        server.createDatabaseIfMissing(name);
        JdbcTemplate jdbc = jdbc(name);
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS pii");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pii.worker_key (claimant_key text PRIMARY KEY, id_number_hash text, "
                + "worker_key bytea, created_at timestamptz, erased_at timestamptz)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS public.DomainEventEntry (globalIndex bigserial PRIMARY KEY, "
                + "aggregateIdentifier varchar(255) NOT NULL, sequenceNumber bigint NOT NULL, eventIdentifier varchar(255) NOT NULL UNIQUE, "
                + "payloadType varchar(255), payloadRevision varchar(255), timeStamp varchar(255), payload bytea, metaData bytea, "
                + "type varchar(255), chainHash bytea, UNIQUE (aggregateIdentifier, sequenceNumber))");
        return server.jdbcUrl(name);
    }

    /** Stores the events' places in the event store, as the command side does before its relay publishes them. */
    public static void stored(JdbcTemplate jdbc, java.util.List<org.mediationledger.events.wire.PublishedEvent> events) {
        for (org.mediationledger.events.wire.PublishedEvent event : events) {
            jdbc.update("INSERT INTO public.DomainEventEntry (aggregateIdentifier, sequenceNumber, eventIdentifier, payloadType, type) "
                    + "VALUES (?, ?, ?, ?, ?)", event.aggregateId(), event.sequence(), event.eventId(), event.type(), event.aggregateType());
        }
    }

    /**
     * Stores the events whole, as the command side's event store holds them (payload and metadata as JSON, the
     * time stamp as ISO text): what a rebuild or an as-of reads back.
     */
    public static void storedWhole(JdbcTemplate jdbc, java.util.List<org.mediationledger.events.wire.PublishedEvent> events) {
        com.fasterxml.jackson.databind.ObjectMapper json = org.mediationledger.events.wire.EventJson.newObjectMapper();
        for (org.mediationledger.events.wire.PublishedEvent event : events) {
            try {
                jdbc.update("INSERT INTO public.DomainEventEntry (aggregateIdentifier, sequenceNumber, eventIdentifier, payloadType, "
                                + "payloadRevision, timeStamp, payload, metaData, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        event.aggregateId(), event.sequence(), event.eventId(), "org.mediationledger.events." + event.type(),
                        event.revision(), event.occurredAt().toString(), json.writeValueAsBytes(event.payload()),
                        json.writeValueAsBytes(event.metadata()), event.aggregateType());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** How many events the views have taken in; 0 before the query side has created its tables. */
    public static long processedEvents(JdbcTemplate jdbc) {
        try {
            Long count = jdbc.queryForObject("SELECT count(*) FROM views.processed_event", Long.class);
            return count == null ? 0 : count;
        } catch (org.springframework.dao.DataAccessException notMigratedYet) {
            return 0;
        }
    }

    public static JdbcTemplate jdbc(String name) {
        EmbeddedPostgresServer server = EmbeddedServers.postgres();
        return new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), server.jdbcUrl(name),
                server.username(), server.password()));
    }
}
