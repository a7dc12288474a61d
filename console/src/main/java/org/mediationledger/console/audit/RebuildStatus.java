package org.mediationledger.console.audit;

import org.mediationledger.console.ShanghaiTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rebuild of the views as {@code GET /api/audit/rebuilds/{id}} gives it (the query side's
 * RebuildController): RUNNING, COMPLETED, FAILED, or SWITCHED once the live views were replaced by it.
 *
 * @param differenceCount all rows that differ; {@code differences} holds the first of them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RebuildStatus(String rebuildId, String status, String requestedBy, String startedAt, String finishedAt,
                            Long upToGlobalIndex, long eventsReplayed, long eventsHeld, Long eventsPerSecond,
                            Long rowsCompared, Long rowsNotCompared, Long differenceCount, List<Difference> differences,
                            String switchedAt, String failure) {

    /** How many differences a page lists; the count says how many there are in all. */
    static final int DIFFERENCES_SHOWN = 50;

    /** A row as the live view has it and as the rebuild made it (null where one side has no such row). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Difference(String view, String key, JsonNode live, JsonNode rebuilt) {
    }

    public boolean running() {
        return "RUNNING".equals(status);
    }

    /** Only a completed rebuild that held no event can replace the live views (the query side refuses others). */
    public boolean switchable() {
        return "COMPLETED".equals(status) && eventsHeld == 0;
    }

    public List<Difference> shownDifferences() {
        return differences == null ? List.of() : differences.stream().limit(DIFFERENCES_SHOWN).toList();
    }

    public String startedShown() {
        return startedAt == null ? "" : ShanghaiTime.shown(startedAt);
    }

    public String finishedShown() {
        return finishedAt == null ? "" : ShanghaiTime.shown(finishedAt);
    }

    public String switchedShown() {
        return switchedAt == null ? "" : ShanghaiTime.shown(switchedAt);
    }
}
