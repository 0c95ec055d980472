package io.cryptogo.trading.replay;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.util.List;
import java.util.Objects;

/**
 * The candles a replay walks through, oldest first, of one symbol and interval, by index. A replay asks
 * for {@link #candle(int)} only when something needs the bar (an open order, a protected position, a
 * price), so a series may build its candles lazily from primitive columns.
 *
 * <pre>{@code
 * BarSeries bars = BarSeries.of(candles);
 * }</pre>
 */
public interface BarSeries {
    Symbol symbol();

    Interval interval();

    int size();

    /** Open time of bar {@code i} in epoch milliseconds (cheap: called for every bar). */
    long openTime(int i);

    /** Bar {@code i} as a closed candle. */
    Candle candle(int i);

    /** The open price of bar {@code i}, as {@code candle(i).open()} (a series over columns builds no candle). */
    default java.math.BigDecimal openPrice(int i) {
        return candle(i).open();
    }

    /** The close price of bar {@code i}, as {@code candle(i).close()} (a series over columns builds no candle). */
    default java.math.BigDecimal closePrice(int i) {
        return candle(i).close();
    }

    /**
     * A series over primitive columns (open times in epoch milliseconds, prices and volumes as doubles),
     * building a candle only when one is asked for: 5 million 1m bars take about 200 MB instead of gigabytes
     * of candles. Prices enter as {@code BigDecimal.valueOf(double)}; the arrays are copied.
     *
     * @throws InvalidRequestException when the columns differ in length or the times are unordered
     */
    static BarSeries of(
            Symbol symbol,
            Interval interval,
            long[] openTimes,
            double[] open,
            double[] high,
            double[] low,
            double[] close,
            double[] volume) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        int n = openTimes.length;
        if (n == 0) {
            throw new InvalidRequestException("candles", "a replay needs at least one candle");
        }
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new InvalidRequestException("candles", "every column needs " + n + " values");
        }
        for (int i = 1; i < n; i++) {
            if (openTimes[i] <= openTimes[i - 1]) {
                throw new InvalidRequestException(
                        "candles", "candles must be in open-time order without duplicates, at index " + i);
            }
        }
        long[] t = openTimes.clone();
        double[] o = open.clone();
        double[] h = high.clone();
        double[] l = low.clone();
        double[] c = close.clone();
        double[] v = volume.clone();
        return new BarSeries() {
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
                return t.length;
            }

            @Override
            public long openTime(int i) {
                return t[i];
            }

            @Override
            public java.math.BigDecimal openPrice(int i) {
                return java.math.BigDecimal.valueOf(o[i]);
            }

            @Override
            public java.math.BigDecimal closePrice(int i) {
                return java.math.BigDecimal.valueOf(c[i]);
            }

            @Override
            public Candle candle(int i) {
                java.math.BigDecimal vol = java.math.BigDecimal.valueOf(v[i]);
                java.math.BigDecimal cl = java.math.BigDecimal.valueOf(c[i]);
                return Candle.of(
                        symbol,
                        interval,
                        java.time.Instant.ofEpochMilli(t[i]),
                        java.math.BigDecimal.valueOf(o[i]),
                        java.math.BigDecimal.valueOf(h[i]),
                        java.math.BigDecimal.valueOf(l[i]),
                        cl,
                        vol,
                        vol.multiply(cl),
                        0,
                        true);
            }
        };
    }

    /**
     * A series over a list of candles of one symbol and interval, in open-time order.
     *
     * @throws InvalidRequestException when the list is empty, mixes symbols or intervals, or is unordered
     */
    static BarSeries of(List<Candle> candles) {
        Objects.requireNonNull(candles, "candles");
        if (candles.isEmpty()) {
            throw new InvalidRequestException("candles", "a replay needs at least one candle");
        }
        List<Candle> list = List.copyOf(candles);
        Candle first = list.get(0);
        long[] open = new long[list.size()];
        for (int i = 0; i < list.size(); i++) {
            Candle c = list.get(i);
            if (!c.symbol().equals(first.symbol()) || c.interval() != first.interval()) {
                throw new InvalidRequestException(
                        "candles",
                        "one symbol and interval per series: " + c.symbol() + " " + c.interval() + " after "
                                + first.symbol() + " " + first.interval());
            }
            open[i] = c.openTime().toEpochMilli();
            if (i > 0 && open[i] <= open[i - 1]) {
                throw new InvalidRequestException(
                        "candles", "candles must be in open-time order without duplicates, at index " + i);
            }
        }
        return new BarSeries() {
            @Override
            public Symbol symbol() {
                return first.symbol();
            }

            @Override
            public Interval interval() {
                return first.interval();
            }

            @Override
            public int size() {
                return open.length;
            }

            @Override
            public long openTime(int i) {
                return open[i];
            }

            @Override
            public Candle candle(int i) {
                Candle c = list.get(i);
                return c.closed() ? c : c.asClosed();
            }
        };
    }
}
