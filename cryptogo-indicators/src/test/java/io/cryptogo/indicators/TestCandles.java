package io.cryptogo.indicators;

import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic candles for tests: seeded random walks and exact straight lines. */
public final class TestCandles {
    public static final Symbol BTC = Symbol.parse("BTC/USDT");

    private TestCandles() {}

    /** A geometric random walk with realistic wicks and volumes, all closed. */
    public static List<Candle> randomWalk(long seed, int n, Interval interval, double start) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Candle> out = new ArrayList<>(n);
        double close = start;
        long t0 = interval.alignMillis(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
        for (int i = 0; i < n; i++) {
            double open = close;
            close = open * Math.exp(r.nextGaussian() * 0.004);
            double high = Math.max(open, close) * (1 + r.nextDouble() * 0.002);
            double low = Math.min(open, close) * (1 - r.nextDouble() * 0.002);
            double vol = 1 + r.nextDouble() * 100;
            out.add(candle(BTC, interval, t0 + i * interval.millis(), open, high, low, close, vol, true));
        }
        return out;
    }

    public static Candle candle(
            Symbol symbol,
            Interval interval,
            long openTime,
            double open,
            double high,
            double low,
            double close,
            double volume,
            boolean closed) {
        return Candle.of(
                symbol,
                interval,
                Instant.ofEpochMilli(openTime),
                BigDecimal.valueOf(open),
                BigDecimal.valueOf(high),
                BigDecimal.valueOf(low),
                BigDecimal.valueOf(close),
                BigDecimal.valueOf(volume),
                BigDecimal.valueOf(volume * close),
                10,
                closed);
    }

    public static double[] closes(List<Candle> candles) {
        return candles.stream().mapToDouble(c -> c.close().doubleValue()).toArray();
    }

    public static double[] highs(List<Candle> candles) {
        return candles.stream().mapToDouble(c -> c.high().doubleValue()).toArray();
    }

    public static double[] lows(List<Candle> candles) {
        return candles.stream().mapToDouble(c -> c.low().doubleValue()).toArray();
    }
}
