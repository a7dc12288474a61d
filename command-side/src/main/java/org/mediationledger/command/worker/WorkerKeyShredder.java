package org.mediationledger.command.worker;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.mediationledger.events.worker.PersonalDataErased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Destroys the worker's key when their personal data is erased, in the same transaction as the event
 * (subscribing). The keyed hash that matched their ID number goes too, so the same person coming back is
 * registered afresh, under a new key, and nothing left in {@code pii.worker_key} points at them.
 */
@Component
@ProcessingGroup(WorkerMatters.PROCESSING_GROUP)
public class WorkerKeyShredder {

    private final JdbcTemplate jdbc;

    public WorkerKeyShredder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PersonalDataErased event) {
        jdbc.update("UPDATE pii.worker_key SET worker_key = NULL, id_number_hash = 'erased:' || claimant_key, erased_at = now() "
                + "WHERE claimant_key = ?", event.claimantKey());
    }
}
