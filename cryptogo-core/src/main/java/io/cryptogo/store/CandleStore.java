package io.cryptogo.store;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Stored candles of one market source ({@link #source()}: Binance or the simulated market), keyed by
 * (source, symbol, interval, openTime). A store reads and writes only its own source's candles, so a read
 * never mixes simulated and real prices. Writes are idempotent upserts: a candle written twice is one row,
 * the open candle is updated in place and becomes final when written closed, and a closed row is never
 * overwritten by an open one.
 *
 * <pre>{@code
 * CandleStore store = new JdbcCandleStore(database, market.source().kind());
 * store.upsertAll(market.klines("BTC/USDT", Interval.H1, 1000));
 * List<Candle> day = store.range(Symbol.parse("BTC/USDT"), Interval.H1, from, to);
 * List<Gap> holes = store.gaps(Symbol.parse("BTC/USDT"), Interval.H1, from, to);
 * }</pre>
 *
 * Failures to reach the database are {@link StoreUnavailableException}s (retriable); implementations do
 * not retry by themselves, see {@link CandleWriter} for writes that wait and retry.
 */
public interface CandleStore {

    /** The market source whose candles this store reads and writes. */
    SourceInfo.Kind source();

    /** Inserts or updates one candle. */
    default void upsert(Candle candle) {
        upsertAll(List.of(candle));
    }

    /**
     * Inserts or updates many candles in one transaction (any symbols and intervals, any order; repeated
     * keys collapse to the last one, except that a closed candle beats an open one).
     *
     * @return how many candles were submitted after collapsing repeated keys
     */
    int upsertAll(Collection<Candle> candles);

    /** Candles opening in {@code [from, to]}, oldest first, open or closed. */
    List<Candle> range(Symbol symbol, Interval interval, Instant from, Instant to);

    /** The most recent {@code limit} candles (open or closed), oldest first. */
    List<Candle> latest(Symbol symbol, Interval interval, int limit);

    /** The most recent candle, open or closed. */
    default Optional<Candle> latest(Symbol symbol, Interval interval) {
        List<Candle> l = latest(symbol, interval, 1);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The most recent closed candle: where a collector resumes. */
    Optional<Candle> latestClosed(Symbol symbol, Interval interval);

    /** How many candles (open or closed) are stored for the series. */
    long count(Symbol symbol, Interval interval);

    /** How many candles are stored opening in {@code [from, to]}. */
    long count(Symbol symbol, Interval interval, Instant from, Instant to);

    /**
     * The runs of buckets in {@code [from, to]} that have no closed candle, oldest first. {@code from} is
     * rounded up and {@code to} down to bucket boundaries; an empty list means the range is complete.
     */
    List<Gap> gaps(Symbol symbol, Interval interval, Instant from, Instant to);

    /** Deletes the series' candles opening in {@code [from, to]}; returns how many. */
    int delete(Symbol symbol, Interval interval, Instant from, Instant to);
}
