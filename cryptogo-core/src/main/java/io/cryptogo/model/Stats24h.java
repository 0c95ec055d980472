package io.cryptogo.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Rolling 24-hour statistics of a symbol, as Binance's {@code /api/v3/ticker/24hr} reports them. */
public record Stats24h(
        Symbol symbol,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal last,
        BigDecimal change,
        BigDecimal changePercent,
        BigDecimal volume,
        BigDecimal quoteVolume,
        Instant openTime,
        Instant closeTime) {
    public Stats24h {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(changePercent, "changePercent");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(quoteVolume, "quoteVolume");
        Objects.requireNonNull(openTime, "openTime");
        Objects.requireNonNull(closeTime, "closeTime");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("high " + high + " < low " + low);
        }
    }

    /** The window the statistics cover (24 hours on Binance). */
    public Duration window() {
        return Duration.between(openTime, closeTime);
    }
}
