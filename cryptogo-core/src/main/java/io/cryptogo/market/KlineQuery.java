package io.cryptogo.market;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which candles to fetch, with Binance's semantics:
 *
 * <ul>
 *   <li>neither start nor end: the most recent {@code limit} candles (the last may be open);
 *   <li>start: from the first candle opening at or after {@code start}, at most {@code limit}, not past
 *       {@code end} when given;
 *   <li>only end: the last {@code limit} candles opening at or before {@code end}.
 * </ul>
 *
 * {@code limit} may exceed the exchange's page size (1000): adapters page transparently.
 */
public record KlineQuery(Symbol symbol, Interval interval, Optional<Instant> start, Optional<Instant> end, int limit) {

    public KlineQuery {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (limit < 1) {
            throw new InvalidRequestException("limit", "limit must be at least 1, got " + limit);
        }
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw new InvalidRequestException(
                    "startTime", "startTime " + start.get() + " is after endTime " + end.get());
        }
    }

    /** The most recent {@code limit} candles. */
    public static KlineQuery latest(Symbol symbol, Interval interval, int limit) {
        return new KlineQuery(symbol, interval, Optional.empty(), Optional.empty(), limit);
    }

    /** As {@link #latest(Symbol, Interval, int)} with {@code "BTC/USDT"}. */
    public static KlineQuery latest(String symbol, Interval interval, int limit) {
        return latest(Symbol.parse(symbol), interval, limit);
    }

    /** As {@link #range(Symbol, Interval, Instant, Instant)} with {@code "BTC/USDT"}. */
    public static KlineQuery range(String symbol, Interval interval, Instant start, Instant end) {
        return range(Symbol.parse(symbol), interval, start, end);
    }

    /** Every candle opening in {@code [start, end]}, however many (paged). */
    public static KlineQuery range(Symbol symbol, Interval interval, Instant start, Instant end) {
        long bars = (end.toEpochMilli() - interval.alignMillis(start.toEpochMilli())) / interval.millis() + 1;
        return new KlineQuery(symbol, interval, Optional.of(start), Optional.of(end), (int)
                Math.max(1, Math.min(Integer.MAX_VALUE, bars)));
    }

    public KlineQuery withLimit(int newLimit) {
        return new KlineQuery(symbol, interval, start, end, newLimit);
    }
}
