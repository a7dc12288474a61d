package org.mediationledger.command.worker;

/** No case names a worker with this claimant key (answered 404). */
public class UnknownWorker extends RuntimeException {

    public UnknownWorker(String claimantKey) {
        super("no worker with claimant key " + claimantKey);
    }
}
