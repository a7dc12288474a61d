package org.mediationledger.command.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that a test moves forward, so deadlines days away fall due without
 * waiting for them. It keeps ticking in real time: db-scheduler's poll loop waits until its clock has
 * passed the poll interval, and would wait forever on a frozen clock. It never goes back, which would
 * stall those waits and let business dates run backwards.
 */
public final class MutableClock extends Clock {

    private final ZoneId zone;
    private final AtomicReference<Duration> offset;

    public MutableClock(ZoneId zone) {
        this(zone, new AtomicReference<>(Duration.ZERO));
    }

    private MutableClock(ZoneId zone, AtomicReference<Duration> offset) {
        this.zone = zone;
        this.offset = offset;
    }

    /** Moves the clock forward by {@code amount}. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, not by " + amount);
        }
        offset.updateAndGet(current -> current.plus(amount));
    }

    /** Moves the clock forward to {@code target}; refuses a target that is already past. */
    public void advanceTo(Instant target) {
        Duration ahead = Duration.between(instant(), target);
        if (ahead.isNegative()) {
            throw new IllegalArgumentException("the clock is already past " + target);
        }
        advance(ahead);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time seen in another zone. */
    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new MutableClock(other, offset);
    }
}
