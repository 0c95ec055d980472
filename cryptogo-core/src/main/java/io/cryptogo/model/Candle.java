package io.cryptogo.model;

import io.cryptogo.error.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV bar, identified by (symbol, interval, openTime). {@code closeTime} follows Binance: the last
 * millisecond of the bucket ({@code openTime + interval - 1 ms}). {@code closed} is false for the live
 * candle, whose values still move.
 */
public record Candle(
        Symbol symbol,
        Interval interval,
        Instant openTime,
        Instant closeTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal quoteVolume,
        long trades,
        boolean closed) {

    public Candle {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(openTime, "openTime");
        Objects.requireNonNull(closeTime, "closeTime");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(quoteVolume, "quoteVolume");
        if (!interval.isAligned(openTime)) {
            throw new InvalidRequestException(
                    "openTime", "openTime " + openTime + " is not aligned to a " + interval + " bucket");
        }
        if (!closeTime.isAfter(openTime)) {
            throw new InvalidRequestException(
                    "closeTime", "closeTime " + closeTime + " must be after openTime " + openTime);
        }
        if (open.signum() <= 0 || close.signum() <= 0 || low.signum() <= 0) {
            throw new InvalidRequestException("price", "prices must be positive: " + describe(open, high, low, close));
        }
        if (high.compareTo(open.max(close)) < 0 || low.compareTo(open.min(close)) > 0) {
            throw new InvalidRequestException(
                    "high/low",
                    "need high >= max(open, close) and low <= min(open, close): " + describe(open, high, low, close));
        }
        if (volume.signum() < 0 || quoteVolume.signum() < 0 || trades < 0) {
            throw new InvalidRequestException("volume", "volume, quoteVolume and trades must be >= 0");
        }
    }

    /** A candle whose closeTime is the standard end of its bucket. */
    public static Candle of(
            Symbol symbol,
            Interval interval,
            Instant openTime,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume,
            BigDecimal quoteVolume,
            long trades,
            boolean closed) {
        return new Candle(
                symbol,
                interval,
                openTime,
                openTime.plusMillis(interval.millis() - 1),
                open,
                high,
                low,
                close,
                volume,
                quoteVolume,
                trades,
                closed);
    }

    private static String describe(BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c) {
        return "open=" + o.toPlainString() + " high=" + h.toPlainString() + " low=" + l.toPlainString() + " close="
                + c.toPlainString();
    }

    /** The same candle marked final. */
    public Candle asClosed() {
        return closed
                ? this
                : new Candle(
                        symbol,
                        interval,
                        openTime,
                        closeTime,
                        open,
                        high,
                        low,
                        close,
                        volume,
                        quoteVolume,
                        trades,
                        true);
    }

    /** Open time of the next bucket. */
    public Instant nextOpenTime() {
        return openTime.plus(interval.duration());
    }
}
