package org.mediationledger.query.ingest;

/**
 * How far the views have applied one aggregate's events, and whether they are stalled waiting for a
 * missing one. Events of an aggregate carry sequences 0, 1, 2, ... without gaps; the views apply
 * them strictly in that order, so a missing event stops the aggregate's views instead of letting
 * them show totals computed without it.
 *
 * @param lastSequence    the last sequence applied, -1 when none
 * @param stalledExpected the sequence the views wait for, or null when not stalled
 * @param stalledReceived the highest sequence seen past the gap, or null when not stalled
 */
public record AggregateProgress(long lastSequence, Long stalledExpected, Long stalledReceived) {

    /** What to do with an event of the aggregate, by its sequence. */
    public enum Verdict {
        /** the next one in order: apply it */
        NEXT,
        /** already applied (a redelivery under another id, or a replay): skip it */
        ALREADY_APPLIED,
        /** one or more events before it are missing: hold the aggregate */
        GAP
    }

    public static AggregateProgress none() {
        return new AggregateProgress(-1, null, null);
    }

    public Verdict verdictFor(long sequence) {
        if (sequence <= lastSequence) {
            return Verdict.ALREADY_APPLIED;
        }
        return sequence == lastSequence + 1 ? Verdict.NEXT : Verdict.GAP;
    }

    /** After applying {@code sequence}: still stalled while events seen past the gap are not yet applied. */
    public AggregateProgress applied(long sequence) {
        if (stalledReceived != null && stalledReceived > sequence) {
            return new AggregateProgress(sequence, sequence + 1, stalledReceived);
        }
        return new AggregateProgress(sequence, null, null);
    }

    /** After refusing {@code sequence} (a gap before it, or a payload that cannot be read). */
    public AggregateProgress heldAt(long sequence) {
        long received = stalledReceived == null ? sequence : Math.max(stalledReceived, sequence);
        return new AggregateProgress(lastSequence, lastSequence + 1, received);
    }

    public boolean stalled() {
        return stalledExpected != null;
    }
}
