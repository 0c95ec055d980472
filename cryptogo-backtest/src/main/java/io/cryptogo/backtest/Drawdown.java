package io.cryptogo.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One drawdown of the equity curve: from a peak ({@code start}) down to its lowest point ({@code trough}) and
 * back to the peak's value ({@code recovery}, empty when the run ended below it).
 *
 * @param depth the fall from the peak as a positive fraction (0.12 = 12 %)
 */
public record Drawdown(Instant start, Instant trough, Optional<Instant> recovery, double depth, Instant end) {
    public Drawdown {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(trough, "trough");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(end, "end");
    }

    /** From the peak to the recovery (or to the end of the run when not recovered). */
    public Duration duration() {
        return Duration.between(start, recovery.orElse(end));
    }
}
