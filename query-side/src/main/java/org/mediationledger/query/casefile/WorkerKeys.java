package org.mediationledger.query.casefile;

import java.util.Optional;

/** Where the per-worker keys are; empty when the key is missing or erased. */
public interface WorkerKeys {

    Optional<byte[]> find(String claimantKey);
}
