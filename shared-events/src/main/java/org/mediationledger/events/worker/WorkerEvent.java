package org.mediationledger.events.worker;

/** Facts about one worker as a person, across all their cases; the worker is known by their claimant key. */
public sealed interface WorkerEvent permits PersonalDataErased {

    String claimantKey();
}
