package io.cryptogo.backtest;

import io.cryptogo.InvalidRequestException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Closed candles of one (symbol, interval), oldest first, with their prices as {@code double} columns for the
 * analytics. Exchange-facing prices stay in the candles ({@code BigDecimal}); the engine only ever sees those.
 */
public final class PriceSeries {
    private final Symbol symbol;
    private final Interval interval;
    private final List<Candle> candles;
    private final long[] openTime;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;

    private PriceSeries(Symbol symbol, Interval interval, List<Candle> candles) {
        this.symbol = symbol;
        this.interval = interval;
        this.candles = candles;
        int n = candles.size();
        openTime = new long[n];
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        for (int i = 0; i < n; i++) {
            Candle c = candles.get(i);
            openTime[i] = c.openTime().toEpochMilli();
            open[i] = c.open().doubleValue();
            high[i] = c.high().doubleValue();
            low[i] = c.low().doubleValue();
            close[i] = c.close().doubleValue();
            volume[i] = c.volume().doubleValue();
        }
    }

    /**
     * The closed candles of {@code candles} (an open last candle is dropped), which must all be of one symbol
     * and interval, strictly ascending in time.
     */
    public static PriceSeries of(List<Candle> candles) {
        Objects.requireNonNull(candles, "candles");
        List<Candle> closed = new ArrayList<>(candles.size());
        for (Candle c : candles) {
            if (c.closed()) {
                closed.add(c);
            }
        }
        if (closed.isEmpty()) {
            throw new InvalidRequestException("candles", "no closed candles to backtest on");
        }
        Symbol s = closed.get(0).symbol();
        Interval iv = closed.get(0).interval();
        Instant prev = null;
        for (Candle c : closed) {
            if (!c.symbol().equals(s) || c.interval() != iv) {
                throw new InvalidRequestException(
                        "candles",
                        "candles must be of one symbol and interval: " + s + " " + iv + " and " + c.symbol() + " "
                                + c.interval());
            }
            if (prev != null && !c.openTime().isAfter(prev)) {
                throw new InvalidRequestException(
                        "candles", "candles must be strictly ascending in time: " + c.openTime() + " after " + prev);
            }
            prev = c.openTime();
        }
        return new PriceSeries(s, iv, List.copyOf(closed));
    }

    public Symbol symbol() {
        return symbol;
    }

    public Interval interval() {
        return interval;
    }

    public int size() {
        return candles.size();
    }

    public Candle candle(int i) {
        return candles.get(i);
    }

    public List<Candle> candles() {
        return candles;
    }

    public Instant openTime(int i) {
        return Instant.ofEpochMilli(openTime[i]);
    }

    /** The first {@code n} candles. */
    public PriceSeries head(int n) {
        return new PriceSeries(symbol, interval, candles.subList(0, n));
    }

    /** Index of the first candle opening at or after {@code t} ({@code size()} when none). */
    public int indexAtOrAfter(Instant t) {
        long m = t.toEpochMilli();
        int lo = 0;
        int hi = openTime.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (openTime[mid] < m) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The gaps: runs of missing buckets between consecutive candles (reported, never bridged). */
    public List<io.cryptogo.store.Gap> gaps() {
        List<io.cryptogo.store.Gap> out = new ArrayList<>();
        long step = interval.millis();
        for (int i = 1; i < openTime.length; i++) {
            if (openTime[i] - openTime[i - 1] > step) {
                out.add(new io.cryptogo.store.Gap(
                        Instant.ofEpochMilli(openTime[i - 1] + step), Instant.ofEpochMilli(openTime[i] - step)));
            }
        }
        return out;
    }

    // the columns are shared with the package's indicator cache, never handed out
    long[] openTimes() {
        return openTime;
    }

    double[] opens() {
        return open;
    }

    double[] highs() {
        return high;
    }

    double[] lows() {
        return low;
    }

    double[] closes() {
        return close;
    }

    double[] volumes() {
        return volume;
    }
}
