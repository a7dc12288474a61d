package org.mediationledger.command.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * Answers of requests sent with an {@code Idempotency-Key}, per actor. Claiming a key inserts its row;
 * a concurrent retry with the same key waits on that row's unique index until the first commits, then
 * reads its answer.
 */
@Component
public class IdempotencyRecords {

    public record Stored(String requestHash, Integer status, String etag, String location, String body) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return null when this request now owns the key; otherwise what the earlier request left */
    Stored claim(String actorId, String key, String requestHash) {
        int inserted = jdbc.update("INSERT INTO idempotency_record (actor_id, idempotency_key, request_hash) VALUES (?, ?, ?) "
                + "ON CONFLICT (actor_id, idempotency_key) DO NOTHING", actorId, key, requestHash);
        if (inserted == 1) {
            return null;
        }
        return jdbc.queryForObject("SELECT request_hash, status, etag, location, body FROM idempotency_record "
                        + "WHERE actor_id = ? AND idempotency_key = ?",
                (rs, row) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                actorId, key);
    }

    void complete(String actorId, String key, int status, String etag, URI location, String body) {
        jdbc.update("UPDATE idempotency_record SET status = ?, etag = ?, location = ?, body = ? WHERE actor_id = ? AND idempotency_key = ?",
                status, etag, location == null ? null : location.toString(), body, actorId, key);
    }
}
