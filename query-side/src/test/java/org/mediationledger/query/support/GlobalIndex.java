package org.mediationledger.query.support;

import java.util.concurrent.atomic.AtomicLong;

/** Hands out global indexes the way the event store would: increasing across every aggregate. */
public final class GlobalIndex {

    private static final AtomicLong NEXT = new AtomicLong(1);

    private GlobalIndex() {
    }

    public static long next() {
        return NEXT.getAndIncrement();
    }
}
