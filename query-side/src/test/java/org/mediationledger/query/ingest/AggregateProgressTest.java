package org.mediationledger.query.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateProgressTest {

    @Test
    void newAggregate_takesSequenceZeroFirst() {
        AggregateProgress none = AggregateProgress.none();

        assertThat(none.verdictFor(0)).isEqualTo(AggregateProgress.Verdict.NEXT);
        assertThat(none.verdictFor(1)).isEqualTo(AggregateProgress.Verdict.GAP);
    }

    @Test
    void sequenceAtOrBelowTheLastApplied_isAlreadyApplied() {
        AggregateProgress progress = new AggregateProgress(4, null, null);

        assertThat(progress.verdictFor(4)).isEqualTo(AggregateProgress.Verdict.ALREADY_APPLIED);
        assertThat(progress.verdictFor(0)).isEqualTo(AggregateProgress.Verdict.ALREADY_APPLIED);
        assertThat(progress.verdictFor(5)).isEqualTo(AggregateProgress.Verdict.NEXT);
    }

    @Test
    void gap_holdsTheAggregate_waitingForTheFirstMissingSequence() {
        AggregateProgress held = new AggregateProgress(1, null, null).heldAt(4);

        assertThat(held.stalled()).isTrue();
        assertThat(held.lastSequence()).isEqualTo(1);
        assertThat(held.stalledExpected()).isEqualTo(2);
        assertThat(held.stalledReceived()).isEqualTo(4);
        assertThat(held.heldAt(3).stalledReceived()).as("the highest seen is kept").isEqualTo(4);
    }

    @Test
    void missingEventArriving_staysHeldUntilEverythingSeenIsApplied() {
        AggregateProgress held = new AggregateProgress(1, null, null).heldAt(3);

        AggregateProgress afterTwo = held.applied(2);
        assertThat(afterTwo.stalled()).isTrue();
        assertThat(afterTwo.stalledExpected()).isEqualTo(3);

        AggregateProgress afterThree = afterTwo.applied(3);
        assertThat(afterThree.stalled()).isFalse();
        assertThat(afterThree.lastSequence()).isEqualTo(3);
    }
}
