package io.cryptogo.backtest.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock the backtest moves forward by hand: the engine reads replayed time from it, never the wall clock. */
public final class ReplayClock extends Clock {
    private volatile Instant now;

    public ReplayClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves to {@code t}; time never goes backwards. */
    public void set(Instant t) {
        if (t.isBefore(now)) {
            throw new IllegalArgumentException("replayed time cannot go back from " + now + " to " + t);
        }
        now = t;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the replay clock is UTC only");
        }
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
