package io.cryptogo.indicators;

import io.cryptogo.model.Candle;
import java.util.Arrays;
import java.util.List;

/** Growable OHLCV columns of doubles, the form every formula in {@link TaMath} reads. */
final class Columns {
    long[] openTime;
    double[] open;
    double[] high;
    double[] low;
    double[] close;
    double[] volume;
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
        if (size == close.length) {
            int n = size + (size >> 1) + 16;
            openTime = Arrays.copyOf(openTime, n);
            open = Arrays.copyOf(open, n);
            high = Arrays.copyOf(high, n);
            low = Arrays.copyOf(low, n);
            close = Arrays.copyOf(close, n);
            volume = Arrays.copyOf(volume, n);
        }
        set(size++, k);
    }

    void set(int i, Candle k) {
        openTime[i] = k.openTime().toEpochMilli();
        open[i] = k.open().doubleValue();
        high[i] = k.high().doubleValue();
        low[i] = k.low().doubleValue();
        close[i] = k.close().doubleValue();
        volume[i] = k.volume().doubleValue();
    }

    /** Drops the oldest {@code n} bars. */
    void dropOldest(int n) {
        System.arraycopy(openTime, n, openTime, 0, size - n);
        System.arraycopy(open, n, open, 0, size - n);
        System.arraycopy(high, n, high, 0, size - n);
        System.arraycopy(low, n, low, 0, size - n);
        System.arraycopy(close, n, close, 0, size - n);
        System.arraycopy(volume, n, volume, 0, size - n);
        size -= n;
    }

    /** Exact-length copies, the snapshot the formulas read. */
    Columns trimmed() {
        Columns c = new Columns(0);
        c.openTime = Arrays.copyOf(openTime, size);
        c.open = Arrays.copyOf(open, size);
        c.high = Arrays.copyOf(high, size);
        c.low = Arrays.copyOf(low, size);
        c.close = Arrays.copyOf(close, size);
        c.volume = Arrays.copyOf(volume, size);
        c.size = size;
        return c;
    }
}
