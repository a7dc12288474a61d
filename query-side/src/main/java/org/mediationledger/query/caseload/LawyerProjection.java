package org.mediationledger.query.caseload;

import org.mediationledger.events.lawyer.LawyerEvent;
import org.mediationledger.events.lawyer.LawyerRegistered;
import org.mediationledger.events.wire.PublishedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** Applies lawyer events to the lawyer table the caseload is computed from. */
@Component
public class LawyerProjection {

    private final JdbcTemplate jdbc;

    public LawyerProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(LawyerEvent event, PublishedEvent envelope) {
        if (event instanceof LawyerRegistered e) {
            Instant at = envelope.occurredAt() == null ? Instant.EPOCH : envelope.occurredAt();
            jdbc.update("INSERT INTO views.lawyer (lawyer_id, name, max_active_cases, registered_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (lawyer_id) DO UPDATE SET name = EXCLUDED.name, max_active_cases = EXCLUDED.max_active_cases",
                    e.lawyerId(), e.name(), e.maxActiveCases(), Timestamp.from(at));
        } else {
            throw new IllegalStateException("no lawyer handler for " + event.getClass().getSimpleName());
        }
    }
}
