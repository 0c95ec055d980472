package io.cryptogo.collect;

import java.time.Duration;

/**
 * Progress of one backfill, reported after each page.
 *
 * @param series what is being filled
 * @param done bars fetched so far
 * @param total bars the backfill expects (an upper bound: the exchange may have holes)
 * @param barsPerSecond fetch rate so far
 * @param eta remaining time at that rate
 */
public record BackfillProgress(Series series, long done, long total, double barsPerSecond, Duration eta) {

    /** Done as a fraction in {@code [0, 1]}. */
    public double fraction() {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    /** Receives progress reports. */
    @FunctionalInterface
    public interface Listener {
        void onProgress(BackfillProgress progress);

        Listener NONE = p -> {};
    }
}
