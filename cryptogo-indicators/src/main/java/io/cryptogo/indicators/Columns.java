package io.cryptogo.indicators;

import io.cryptogo.model.Candle;
import java.util.Arrays;
import java.util.List;

/**
 * Growable OHLCV columns of doubles, the form every formula in {@link TaMath} reads. Bar {@code i} is at
 * array index {@code start + i}: dropping the oldest bars only moves {@code start}, and the arrays are
 * compacted when the dead prefix is as long as the live part (amortised O(1) per bar).
 */
final class Columns {
    long[] openTime;
    double[] open;
    double[] high;
    double[] low;
    double[] close;
    double[] volume;
    int start;
    int size;

    Columns(int capacity) {
        int c = Math.max(16, capacity);
        openTime = new long[c];
        open = new double[c];
        high = new double[c];
        low = new double[c];
        close = new double[c];
        volume = new double[c];
    }

    static Columns of(List<Candle> candles) {
        Columns c = new Columns(candles.size());
        for (Candle k : candles) {
            c.append(k);
        }
        return c;
    }

    void append(Candle k) {
        append(
                k.openTime().toEpochMilli(),
                k.open().doubleValue(),
                k.high().doubleValue(),
                k.low().doubleValue(),
                k.close().doubleValue(),
                k.volume().doubleValue());
    }

    void append(long t, double o, double h, double l, double c, double v) {
        if (start + size == close.length) {
            if (start >= size) {
                compact();
            }
        }
        if (start + size == close.length) {
            int n = start + size + (size >> 1) + 16;
            openTime = Arrays.copyOf(openTime, n);
            open = Arrays.copyOf(open, n);
            high = Arrays.copyOf(high, n);
            low = Arrays.copyOf(low, n);
            close = Arrays.copyOf(close, n);
            volume = Arrays.copyOf(volume, n);
        }
        size++;
        set(size - 1, t, o, h, l, c, v);
    }

    /** Overwrites bar {@code i}. */
    void set(int i, long t, double o, double h, double l, double c, double v) {
        int j = start + i;
        openTime[j] = t;
        open[j] = o;
        high[j] = h;
        low[j] = l;
        close[j] = c;
        volume[j] = v;
    }

    long openTime(int i) {
        return openTime[start + i];
    }

    double close(int i) {
        return close[start + i];
    }

    /** Drops the oldest {@code n} bars. */
    void dropOldest(int n) {
        start += n;
        size -= n;
    }

    private void compact() {
        System.arraycopy(openTime, start, openTime, 0, size);
        System.arraycopy(open, start, open, 0, size);
        System.arraycopy(high, start, high, 0, size);
        System.arraycopy(low, start, low, 0, size);
        System.arraycopy(close, start, close, 0, size);
        System.arraycopy(volume, start, volume, 0, size);
        start = 0;
    }

    /** Whether the arrays hold exactly the live bars (no dead prefix, no spare room). */
    boolean exact() {
        return start == 0 && size == close.length;
    }

    /** Exact-length copies, the snapshot the formulas read. */
    Columns trimmed() {
        Columns c = new Columns(0);
        c.openTime = Arrays.copyOfRange(openTime, start, start + size);
        c.open = Arrays.copyOfRange(open, start, start + size);
        c.high = Arrays.copyOfRange(high, start, start + size);
        c.low = Arrays.copyOfRange(low, start, start + size);
        c.close = Arrays.copyOfRange(close, start, start + size);
        c.volume = Arrays.copyOfRange(volume, start, start + size);
        c.size = size;
        return c;
    }
}
