package org.mediationledger.query.support;

import org.mediationledger.events.lawyer.LawyerRegistered;
import org.mediationledger.events.wire.PublishedEvent;

public final class LawyerEvents {

    private LawyerEvents() {
    }

    public static PublishedEvent registered(String lawyerId, String name, int maxActiveCases) {
        return Envelopes.wrap(lawyerId, 0, new LawyerRegistered(lawyerId, name, maxActiveCases), "staff", "UNION_STAFF");
    }
}
