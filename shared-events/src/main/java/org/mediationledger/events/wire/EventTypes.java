package org.mediationledger.events.wire;

import org.mediationledger.events.disputecase.DisputeCaseEvent;
import org.mediationledger.events.lawyer.LawyerEvent;
import org.mediationledger.events.relieffund.ReliefFundEvent;
import org.mediationledger.events.worker.WorkerEvent;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Resolves the type names used on the wire to event classes. The sealed families are the list, so an
 * event added to a family is known here without further registration.
 */
public final class EventTypes {

    private static final Map<String, Class<?>> BY_NAME = Stream.of(DisputeCaseEvent.class, LawyerEvent.class, ReliefFundEvent.class,
                    WorkerEvent.class)
            .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private EventTypes() {
    }

    public static Optional<Class<?>> byName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    public static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }

    /** The aggregate type an event belongs to, as the relay names it on the wire. */
    public static String aggregateTypeOf(Class<?> eventType) {
        if (DisputeCaseEvent.class.isAssignableFrom(eventType)) {
            return "DisputeCase";
        }
        if (LawyerEvent.class.isAssignableFrom(eventType)) {
            return "Lawyer";
        }
        if (ReliefFundEvent.class.isAssignableFrom(eventType)) {
            return "ReliefFund";
        }
        if (WorkerEvent.class.isAssignableFrom(eventType)) {
            return "Worker";
        }
        throw new IllegalArgumentException("not a published event type: " + eventType.getName());
    }
}
