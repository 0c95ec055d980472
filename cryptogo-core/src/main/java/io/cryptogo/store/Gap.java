package io.cryptogo.store;

import io.cryptogo.model.Interval;
import java.time.Instant;
import java.util.Objects;

/**
 * A run of missing buckets: every bucket opening in {@code [from, to]} (both inclusive, both aligned open
 * times) has no closed candle in the store.
 */
public record Gap(Instant from, Instant to) {
    public Gap {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("gap end " + to + " is before its start " + from);
        }
    }

    /** How many buckets of {@code interval} the gap spans. */
    public long bars(Interval interval) {
        return (to.toEpochMilli() - from.toEpochMilli()) / interval.millis() + 1;
    }
}
