package org.mediationledger.events.relieffund;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The union set up a relief fund (兜底救助基金) with a cap on what one worker may receive from it. */
@Revision("1")
public record ReliefFundEstablished(String fundId,
                                    String name,
                                    long perWorkerCapFen,
                                    LocalDate establishedOn) implements ReliefFundEvent {
}
