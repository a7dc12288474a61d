package org.mediationledger.console.audit;

/**
 * One event of a case's history ({@code GET /api/audit/cases/{id}/history}) as the timeline shows it.
 *
 * @param occurredAt      the instant as stored (ISO-8601 UTC): what "as of this event" asks for, exactly
 * @param occurredShown   the same in Asia/Shanghai local time, to the second
 * @param payload         the event's content as the API gives it (personal data as ciphertext or {@code [erased]})
 */
public record HistoryRow(long sequence, String type, String occurredAt, String occurredShown, String actorId,
                         String actorRole, String requestId, String hash, String payload) {

    static final int SHORT_HASH = 12;

    /** The first characters of the chain hash: enough to tell links apart on screen, the full one in a tooltip. */
    public String shortHash() {
        return hash == null || hash.length() <= SHORT_HASH ? hash : hash.substring(0, SHORT_HASH);
    }
}
