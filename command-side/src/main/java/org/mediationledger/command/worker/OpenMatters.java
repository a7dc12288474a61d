package org.mediationledger.command.worker;

import java.util.List;

/** The worker's claims and relief recoveries that are still open: what forbids erasing their personal data. */
public interface OpenMatters {

    /** Whether any case names this worker. */
    boolean knows(String claimantKey);

    /** One line per open matter ("case … is open", "case … still owes the relief fund … fen"); empty when none. */
    List<String> openMattersOf(String claimantKey);
}
