package org.mediationledger.query.casefile;

import org.mediationledger.events.worker.PersonalDataErased;
import org.mediationledger.events.worker.WorkerEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies a worker's erasure to every case file of theirs: the ciphertexts and the keyed hash leave the
 * views (their key is destroyed on the command side, so they could not be read anyway) and the case file
 * shows the data as erased. Names, amounts and everything counted in reports stay, so totals do not move.
 */
@Component
public class PersonalDataErasure {

    private final JdbcTemplate jdbc;

    public PersonalDataErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(WorkerEvent event) {
        if (event instanceof PersonalDataErased erased) {
            jdbc.update("UPDATE views.dispute_case SET personal_data_erased = true, id_number_cipher = NULL, phone_cipher = NULL, "
                    + "id_number_hash = NULL WHERE claimant_key = ?", erased.claimantKey());
        }
    }
}
