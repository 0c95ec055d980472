package io.cryptogo.backtest;

import io.cryptogo.error.InvalidRequestException;
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
    private final List<Candle> candles; // null when built from columns
    private final long[] openTime;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;

    private PriceSeries(
            Symbol symbol, Interval interval, long[] t, double[] o, double[] h, double[] l, double[] c, double[] v) {
        this.symbol = symbol;
        this.interval = interval;
        this.candles = null;
        this.openTime = t;
        this.open = o;
        this.high = h;
        this.low = l;
        this.close = c;
        this.volume = v;
    }

    /**
     * A series over columns (epoch-ms open times, prices and volumes), building a candle only when one is
     * asked for: 5.3 million 1m bars take about 260 MB. Prices enter candles as {@code
     * BigDecimal.valueOf(double)}.
     */
    public static PriceSeries ofColumns(
            Symbol symbol,
            Interval interval,
            long[] openTime,
            double[] open,
            double[] high,
            double[] low,
            double[] close,
            double[] volume) {
        int n = openTime.length;
        if (n == 0) {
            throw new InvalidRequestException("candles", "no closed candles to backtest on");
        }
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new InvalidRequestException("candles", "every column needs " + n + " values");
        }
        for (int i = 1; i < n; i++) {
            if (openTime[i] <= openTime[i - 1]) {
                throw new InvalidRequestException(
                        "candles", "candles must be strictly ascending in time, at index " + i);
            }
        }
        return new PriceSeries(symbol, interval, openTime, open, high, low, close, volume);
    }

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
        return openTime.length;
    }

    public Candle candle(int i) {
        if (candles != null) {
            return candles.get(i);
        }
        return Candle.of(
                symbol,
                interval,
                Instant.ofEpochMilli(openTime[i]),
                java.math.BigDecimal.valueOf(open[i]),
                java.math.BigDecimal.valueOf(high[i]),
                java.math.BigDecimal.valueOf(low[i]),
                java.math.BigDecimal.valueOf(close[i]),
                java.math.BigDecimal.valueOf(volume[i]),
                java.math.BigDecimal.ZERO,
                0,
                true);
    }

    public Instant openTime(int i) {
        return Instant.ofEpochMilli(openTime[i]);
    }

    /** The first {@code n} candles. */
    public PriceSeries head(int n) {
        if (candles != null) {
            return new PriceSeries(symbol, interval, candles.subList(0, n));
        }
        return new PriceSeries(
                symbol,
                interval,
                java.util.Arrays.copyOf(openTime, n),
                java.util.Arrays.copyOf(open, n),
                java.util.Arrays.copyOf(high, n),
                java.util.Arrays.copyOf(low, n),
                java.util.Arrays.copyOf(close, n),
                java.util.Arrays.copyOf(volume, n));
    }

    /** The last {@code n} candles (all when fewer). */
    public PriceSeries tail(int n) {
        int from = Math.max(0, size() - n);
        if (candles != null) {
            return new PriceSeries(symbol, interval, candles.subList(from, candles.size()));
        }
        int to = size();
        return new PriceSeries(
                symbol,
                interval,
                java.util.Arrays.copyOfRange(openTime, from, to),
                java.util.Arrays.copyOfRange(open, from, to),
                java.util.Arrays.copyOfRange(high, from, to),
                java.util.Arrays.copyOfRange(low, from, to),
                java.util.Arrays.copyOfRange(close, from, to),
                java.util.Arrays.copyOfRange(volume, from, to));
    }

    /** This series as the engine's replay reads it. */
    public io.cryptogo.trading.replay.BarSeries bars() {
        PriceSeries self = this;
        return new io.cryptogo.trading.replay.BarSeries() {
            @Override
            public Symbol symbol() {
                return symbol;
            }

            @Override
            public Interval interval() {
                return interval;
            }

            @Override
            public int size() {
                return openTime.length;
            }

            @Override
            public long openTime(int i) {
                return openTime[i];
            }

            @Override
            public Candle candle(int i) {
                return self.candle(i);
            }

            @Override
            public java.math.BigDecimal openPrice(int i) {
                return candles != null ? candles.get(i).open() : java.math.BigDecimal.valueOf(open[i]);
            }

            @Override
            public java.math.BigDecimal closePrice(int i) {
                return candles != null ? candles.get(i).close() : java.math.BigDecimal.valueOf(close[i]);
            }
        };
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
