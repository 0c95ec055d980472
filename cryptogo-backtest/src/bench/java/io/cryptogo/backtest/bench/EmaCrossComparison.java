package io.cryptogo.backtest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.backtest.Backtest;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.Bar;
import io.cryptogo.backtest.Intent;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategy;
import io.cryptogo.backtest.Trade;
import io.cryptogo.indicators.TaMath;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.risk.RiskLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.LinearTransactionCostModel;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.NumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The same EMA(fast/slow) cross run through our engine and through ta4j's {@code BarSeriesManager}: fills at
 * the next open, fee 0.1 %, no slippage. Both skip the first {@code unstable} bars (ta4j seeds its EMA with the
 * first close, ours with an SMA; after a few hundred bars the two agree to ~1e-13).
 */
public final class EmaCrossComparison {
    /** A round trip by bar index and price. */
    public record Row(int entry, int exit, double entryPrice, double exitPrice) {}

    public static final Symbol BTC = Symbol.parse("BTC/USDT");
    public static final SymbolInfo INFO = new SymbolInfo(
            BTC,
            "TRADING",
            new BigDecimal("0.01"),
            new BigDecimal("0.00001"),
            new BigDecimal("0.00001"),
            new BigDecimal("5"));
    public static final RiskLimits WIDE = new RiskLimits(
            new BigDecimal("1000000000000"), 100_000, new BigDecimal("0.02"), new BigDecimal("1000000000000"));

    private EmaCrossComparison() {}

    /** The bamboo-ta candle file ({@code [[open_time_ms, o, h, l, c, v], …]}) as a series. */
    public static PriceSeries load(Path json, Interval interval) throws IOException {
        double[][] rows = new ObjectMapper().readValue(Files.readAllBytes(json), double[][].class);
        int n = rows.length;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (long) rows[i][0];
            o[i] = rows[i][1];
            h[i] = rows[i][2];
            l[i] = rows[i][3];
            c[i] = rows[i][4];
            v[i] = rows[i][5];
        }
        return PriceSeries.ofColumns(BTC, interval, t, o, h, l, c, v);
    }

    /** The shared data file, when present. */
    public static Path sharedCandles(String file) {
        Path p = Path.of(System.getProperty("cryptogo.shared.data", "../shared/data"), "candles", file);
        if (Files.exists(p)) {
            return p;
        }
        // a work tree one level deeper than the repository's usual place: look further up for shared/data
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path q = d.resolve("shared").resolve("data").resolve("candles").resolve(file);
            if (Files.exists(q)) {
                return q;
            }
        }
        return p;
    }

    /** EMA cross that trades only from bar {@code unstable} on. */
    public static Strategy ours(int fast, int slow, int unstable) {
        return new Strategy() {
            @Override
            public Intent onBar(Bar bar) {
                int i = bar.index();
                if (i < unstable || i < 1) {
                    return Intent.hold();
                }
                double f = bar.ema(fast);
                double s = bar.ema(slow);
                double pf = bar.ema(fast, 1);
                double ps = bar.ema(slow, 1);
                if (pf <= ps && f > s && !bar.inPosition()) {
                    return Intent.buy(1.0);
                }
                if (pf >= ps && f < s && bar.inPosition()) {
                    return Intent.exit();
                }
                return Intent.hold();
            }

            @Override
            public String name() {
                return "ema-cross(" + fast + "," + slow + ")";
            }
        };
    }

    public static BacktestResult runOurs(PriceSeries s, int fast, int slow, int unstable) {
        return Backtest.offline()
                .candles(s)
                .symbolInfo(INFO)
                .risk(WIDE)
                .fees(0.001)
                .slippageBps(0)
                .initialCash("10000000 USDT")
                .strategy(ours(fast, slow, unstable))
                .run();
    }

    public static List<Row> rows(BacktestResult r, PriceSeries s) {
        List<Row> out = new ArrayList<>();
        for (Trade t : r.trades()) {
            out.add(new Row(
                    s.indexAtOrAfter(t.entryTime()), s.indexAtOrAfter(t.exitTime()), t.entryPrice(), t.exitPrice()));
        }
        return out;
    }

    public static BarSeries ta4jSeries(PriceSeries s, NumFactory nums) {
        BarSeries out = new BaseBarSeriesBuilder()
                .withName("bench")
                .withNumFactory(nums)
                .build();
        Duration d = s.interval().duration();
        for (int i = 0; i < s.size(); i++) {
            var c = s.candle(i);
            Instant begin = c.openTime();
            out.addBar(new BaseBar(
                    d,
                    begin,
                    begin.plus(d),
                    nums.numOf(c.open()),
                    nums.numOf(c.high()),
                    nums.numOf(c.low()),
                    nums.numOf(c.close()),
                    nums.numOf(c.volume()),
                    nums.numOf(0),
                    0));
        }
        return out;
    }

    public static TradingRecord runTa4j(BarSeries series, int fast, int slow, int unstable) {
        var close = new ClosePriceIndicator(series);
        var f = new EMAIndicator(close, fast);
        var sl = new EMAIndicator(close, slow);
        var strategy =
                new BaseStrategy(new CrossedUpIndicatorRule(f, sl), new CrossedDownIndicatorRule(f, sl), unstable);
        var manager = new BarSeriesManager(
                series, new LinearTransactionCostModel(0.001), new ZeroCostModel(), new TradeOnNextOpenModel());
        return manager.run(strategy);
    }

    public static List<Row> rows(TradingRecord rec) {
        List<Row> out = new ArrayList<>();
        for (Position p : rec.getPositions()) {
            if (p.isClosed()) {
                out.add(new Row(
                        p.getEntry().getIndex(),
                        p.getExit().getIndex(),
                        p.getEntry().getPricePerAsset().doubleValue(),
                        p.getExit().getPricePerAsset().doubleValue()));
            }
        }
        return out;
    }

    /** The signal loop alone: EMA columns and cross detection over doubles; returns the number of crosses. */
    public static int signalLoop(double[] close, int fast, int slow, int unstable) {
        double[] f = TaMath.ema(close, fast);
        double[] s = TaMath.ema(close, slow);
        int crosses = 0;
        boolean in = false;
        for (int i = Math.max(1, unstable); i < close.length; i++) {
            if (!in && f[i - 1] <= s[i - 1] && f[i] > s[i]) {
                in = true;
                crosses++;
            } else if (in && f[i - 1] >= s[i - 1] && f[i] < s[i]) {
                in = false;
                crosses++;
            }
        }
        return crosses;
    }

    public static double[] closes(PriceSeries s) {
        double[] c = new double[s.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = s.candle(i).close().doubleValue();
        }
        return c;
    }
}
