package org.mediationledger.query.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * One rebuild as {@code GET /api/audit/rebuilds/{id}} shows it (API.md).
 *
 * @param upToGlobalIndex   the last event of the store when it began; later events are not in it
 * @param eventsHeld        events the projections refused (their aggregate's later events are skipped too, as live)
 * @param rowsNotCompared   rows of aggregates that changed after {@code upToGlobalIndex}: the live view has moved on
 * @param differenceCount   all rows that differ; {@code differences} shows the first of them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rebuild(String rebuildId, String status, String requestedBy, Instant startedAt, Instant finishedAt,
                      Long upToGlobalIndex, long eventsReplayed, long eventsHeld, Double replaySeconds, Long eventsPerSecond,
                      Long rowsCompared, Long rowsNotCompared, Long differenceCount, List<Difference> differences,
                      Instant switchedAt, String failure) {

    /** A row that differs: as the live view has it and as the rebuild made it (null where one has no such row). */
    public record Difference(String view, String key, JsonNode live, JsonNode rebuilt) {
    }
}
