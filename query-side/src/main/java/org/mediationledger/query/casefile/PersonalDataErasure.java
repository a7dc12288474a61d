package org.mediationledger.query.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.events.worker.PersonalDataErased;
import org.mediationledger.events.worker.WorkerEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies a worker's erasure to every case file of theirs: the ciphertexts and the keyed hash leave the
 * views (their key is destroyed on the command side, so they could not be read anyway) and the case file
 * shows the data as erased. Names, amounts and everything counted in reports stay, so totals do not move.
 * The case's snapshots (decision 0017) are scrubbed alike, so none keeps what the view no longer holds.
 */
@Component
public class PersonalDataErasure {

    /** The columns of a case's row that erasure changes, and their values afterwards: one list for the view and its snapshots. */
    private static final Map<String, Object> ERASED;

    static {
        Map<String, Object> erased = new LinkedHashMap<>();
        erased.put("personal_data_erased", true);
        erased.put("id_number_cipher", null);
        erased.put("phone_cipher", null);
        erased.put("id_number_hash", null);
        ERASED = Collections.unmodifiableMap(erased);
    }

    private static final String ERASE_IN_VIEW = "UPDATE views.dispute_case SET " + ERASED.entrySet().stream()
            .map(column -> column.getKey() + " = " + (column.getValue() == null ? "NULL" : column.getValue()))
            .collect(Collectors.joining(", ")) + " WHERE claimant_key = ?";

    /** A snapshot holds the case's one row as to_jsonb: the same columns set to the same values, as JSON. */
    private static final String ERASE_IN_SNAPSHOTS = "UPDATE views.case_file_snapshot SET tables = jsonb_set(tables, "
            + "'{dispute_case,0}', (tables #> '{dispute_case,0}') || CAST(? AS jsonb)) "
            + "WHERE case_id IN (SELECT case_id FROM views.dispute_case WHERE claimant_key = ?)";

    private final JdbcTemplate jdbc;
    private final String erasedJson;

    public PersonalDataErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        try {
            // a plain mapper writes the nulls, which are the point here
            this.erasedJson = new ObjectMapper().writeValueAsString(ERASED);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void apply(WorkerEvent event) {
        if (event instanceof PersonalDataErased erased) {
            jdbc.update(ERASE_IN_VIEW, erased.claimantKey());
            jdbc.update(ERASE_IN_SNAPSHOTS, erasedJson, erased.claimantKey());
        }
    }
}
