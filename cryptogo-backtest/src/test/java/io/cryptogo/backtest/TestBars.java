package io.cryptogo.backtest;

import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.risk.RiskLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic candles and settings for backtest tests. */
public final class TestBars {
    public static final Symbol BTC = Symbol.parse("BTC/USDT");
    public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    public static final SymbolInfo INFO = new SymbolInfo(
            BTC,
            "TRADING",
            new BigDecimal("0.01"),
            new BigDecimal("0.00001"),
            new BigDecimal("0.00001"),
            new BigDecimal("5"));
    public static final RiskLimits WIDE =
            new RiskLimits(new BigDecimal("1000000000"), 100_000, new BigDecimal("0.02"), new BigDecimal("1000000000"));

    private TestBars() {}

    /** Candles from rows of {open, high, low, close}, one per {@code interval}, from {@link #T0}. */
    public static List<Candle> of(Interval interval, Instant start, double[]... ohlc) {
        List<Candle> out = new ArrayList<>();
        for (int i = 0; i < ohlc.length; i++) {
            double[] r = ohlc[i];
            out.add(candle(interval, start.plusMillis(i * interval.millis()), r[0], r[1], r[2], r[3]));
        }
        return out;
    }

    public static List<Candle> of(double[]... ohlc) {
        return of(Interval.H1, T0, ohlc);
    }

    public static Candle candle(Interval iv, Instant t, double o, double h, double l, double c) {
        return Candle.of(BTC, iv, t, bd(o), bd(h), bd(l), bd(c), BigDecimal.ONE, bd(c), 1, true);
    }

    public static BigDecimal bd(double v) {
        return new BigDecimal(String.format(java.util.Locale.ROOT, "%.2f", v));
    }

    /** A seeded random walk of {@code n} 1h candles around 50000. */
    public static List<Candle> walk(int n, long seed) {
        Random rnd = new Random(seed);
        List<Candle> out = new ArrayList<>(n);
        double p = 50_000;
        for (int i = 0; i < n; i++) {
            double o = p;
            double c = Math.max(1000, o * (1 + rnd.nextGaussian() * 0.01));
            double h = Math.max(o, c) * (1 + Math.abs(rnd.nextGaussian()) * 0.003);
            double l = Math.min(o, c) * (1 - Math.abs(rnd.nextGaussian()) * 0.003);
            out.add(candle(Interval.H1, T0.plusMillis(i * Interval.H1.millis()), o, h, l, c));
            p = c;
        }
        return out;
    }

    public static Backtest offline(List<Candle> candles, Strategy s) {
        return Backtest.offline()
                .candles(candles)
                .symbolInfo(INFO)
                .risk(WIDE)
                .strategy(s)
                .fees(0.001)
                .slippageBps(5)
                .initialCash("10000 USDT");
    }

    /** A strategy that returns the given intent at the given bar indexes and HOLD otherwise. */
    public static Strategy script(Object... indexAndIntent) {
        return bar -> {
            for (int k = 0; k < indexAndIntent.length; k += 2) {
                if ((Integer) indexAndIntent[k] == bar.index()) {
                    return (Intent) indexAndIntent[k + 1];
                }
            }
            return Intent.hold();
        };
    }
}
