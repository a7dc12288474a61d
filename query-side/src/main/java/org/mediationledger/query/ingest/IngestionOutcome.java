package org.mediationledger.query.ingest;

/** What the projections did with one event taken from the topic. */
public enum IngestionOutcome {
    /** applied to the views */
    APPLIED,
    /** its event id was seen before: a redelivery, skipped */
    REDELIVERED,
    /** its sequence was applied before (under another event id), skipped */
    ALREADY_APPLIED,
    /** an event before it is missing: its aggregate is stalled, nothing applied */
    HELD_BEHIND_GAP,
    /** a type this version does not know: recorded as processed, the aggregate's sequence moves on, no view changes */
    UNKNOWN_TYPE_SKIPPED,
    /**
     * a known type that cannot be taken in (payload unreadable, no occurredAt, or a permanent failure of
     * the projection, see {@link IngestFailure}): its aggregate is stalled, nothing applied
     */
    REFUSED
}
