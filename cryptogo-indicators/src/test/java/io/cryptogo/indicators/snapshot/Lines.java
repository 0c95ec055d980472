package io.cryptogo.indicators.snapshot;

import io.cryptogo.indicators.TestCandles;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Straight-line markets whose indicators are known by hand: on a close rising by {@code s} per bar, EMA(n)
 * lags by exactly {@code s·(n−1)/2} (TA-Lib's SMA seed is already on the line), so MACD(12, 26, 9) is
 * {@code 7·s}, RSI is 100, and with the wicks below the true range is constant.
 */
final class Lines {
    static final Instant CONTEXT_LAST_OPEN = Instant.parse("2024-03-07T12:00:00Z");
    static final Instant INTRADAY_LAST_OPEN = Instant.parse("2024-03-07T13:00:00Z");
    static final Instant AS_OF = Instant.parse("2024-03-07T13:00:30Z");

    private Lines() {}

    /** 1m candles: close = base + step·i, open = previous close, high/low = close ± step; the last open. */
    static List<Candle> intraday(Symbol symbol, Interval interval, int n, double base, double step) {
        List<Candle> out = new ArrayList<>(n);
        long last = INTRADAY_LAST_OPEN.toEpochMilli();
        for (int i = 0; i < n; i++) {
            double c = base + step * i;
            out.add(TestCandles.candle(
                    symbol,
                    interval,
                    last - (long) (n - 1 - i) * interval.millis(),
                    c - step,
                    c + step,
                    c - step,
                    c,
                    10,
                    i < n - 1));
        }
        return out;
    }

    /**
     * Context candles: close = base + step·j, open = close − step, high = close + step/2, low = close −
     * 1.5·step (true range 2·step); volume 100 + j mod 5 for closed candles, {@code lastVolume} for the last,
     * still open one.
     */
    static List<Candle> context(Symbol symbol, Interval interval, int n, double base, double step, double lastVolume) {
        List<Candle> out = new ArrayList<>(n);
        long last = CONTEXT_LAST_OPEN.toEpochMilli();
        for (int j = 0; j < n; j++) {
            double c = base + step * j;
            boolean closed = j < n - 1;
            out.add(TestCandles.candle(
                    symbol,
                    interval,
                    last - (long) (n - 1 - j) * interval.millis(),
                    c - step,
                    c + step / 2,
                    c - 1.5 * step,
                    c,
                    closed ? 100 + j % 5 : lastVolume,
                    closed));
        }
        return out;
    }
}
