package org.mediationledger.command.lawyer;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.disputecase.ConflictingRepeat;
import org.mediationledger.command.disputecase.InvalidCommand;
import org.mediationledger.command.lawyer.Lawyer.RegisterLawyer;
import org.mediationledger.events.lawyer.LawyerRegistered;

class LawyerTest {

    private FixtureConfiguration<Lawyer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Lawyer.class);
    }

    @Test
    void lawyer_isRegisteredWithTheirLimit() {
        fixture.givenNoPriorActivity()
                .when(new RegisterLawyer("lawyer1", "李娜", 12))
                .expectEvents(new LawyerRegistered("lawyer1", "李娜", 12));
    }

    @Test
    void limitBelowOneCase_isRejected() {
        fixture.givenNoPriorActivity()
                .when(new RegisterLawyer("lawyer1", "李娜", 0))
                .expectException(InvalidCommand.class);
    }

    @Test
    void registeringAgainWithSameDetails_isANoOp() {
        fixture.given(new LawyerRegistered("lawyer1", "李娜", 12))
                .when(new RegisterLawyer("lawyer1", "李娜", 12))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void registeringAgainWithOtherDetails_isAConflict() {
        fixture.given(new LawyerRegistered("lawyer1", "李娜", 12))
                .when(new RegisterLawyer("lawyer1", "李娜", 20))
                .expectException(ConflictingRepeat.class);
    }
}
