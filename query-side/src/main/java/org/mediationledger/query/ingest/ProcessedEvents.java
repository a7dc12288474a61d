package org.mediationledger.query.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The ids of the events the views have taken in (guarantee 5: every event changes the views once). */
@Repository
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event id; false when it was already there (a redelivery). */
    public boolean record(String eventId, long globalIndex) {
        return jdbc.update("INSERT INTO views.processed_event (event_id, global_index) VALUES (?, ?) "
                + "ON CONFLICT (event_id) DO NOTHING", eventId, globalIndex) == 1;
    }

    /** Takes an event id back out: the event was held, so a later delivery of it must be applied. */
    public void forget(String eventId) {
        jdbc.update("DELETE FROM views.processed_event WHERE event_id = ?", eventId);
    }
}
