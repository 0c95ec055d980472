package io.cryptogo.trading.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a replay moves: it reads what {@link #set} last put, in UTC, and never moves by itself. Single
 * threaded, like the replay that drives it.
 *
 * <pre>{@code
 * ReplayClock clock = new ReplayClock(Instant.parse("2025-01-01T00:00:00Z"));
 * clock.set(candle.openTime().toEpochMilli());
 * }</pre>
 */
public final class ReplayClock extends Clock {
    private long millis;

    public ReplayClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    /** Moves the clock to {@code epochMillis} (backwards too: a new replay). */
    public void set(long epochMillis) {
        this.millis = epochMillis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
