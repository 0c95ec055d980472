package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cryptogo.backtest.bench.EmaCrossComparison;
import io.cryptogo.backtest.bench.EmaCrossComparison.Row;
import io.cryptogo.backtest.ta4j.Ta4jStrategy;
import io.cryptogo.model.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/** The EMA(12/26) cross gives the same trade list through our engine and through ta4j's BarSeriesManager. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class Ta4jIdentityTest {
    private static final int UNSTABLE = 400;

    private static void assertSameTrades(PriceSeries s) {
        List<Row> ours = EmaCrossComparison.rows(EmaCrossComparison.runOurs(s, 12, 26, UNSTABLE), s);
        List<Row> dbl = EmaCrossComparison.rows(EmaCrossComparison.runTa4j(
                EmaCrossComparison.ta4jSeries(s, DoubleNumFactory.getInstance()), 12, 26, UNSTABLE));
        List<Row> dec = EmaCrossComparison.rows(EmaCrossComparison.runTa4j(
                EmaCrossComparison.ta4jSeries(s, DecimalNumFactory.getInstance()), 12, 26, UNSTABLE));
        assertThat(ours).hasSizeGreaterThan(10);
        assertThat(ours).isEqualTo(dbl);
        assertThat(ours).isEqualTo(dec);
    }

    @Test
    void theTradeListsAreIdenticalOnSyntheticData() {
        assertSameTrades(PriceSeries.of(TestBars.walk(3000, 5)));
    }

    @Test
    void theTradeListsAreIdenticalOnRealBinanceHourlyCandles() throws Exception {
        Path file = EmaCrossComparison.sharedCandles("bamboo-ta_binance_BTC_USDT-1h.json");
        assumeTrue(Files.exists(file), "shared data absent: " + file);
        PriceSeries all = EmaCrossComparison.load(file, Interval.H1);
        // the last ~20,000 bars (2022-09 → 2025-01) keep the DecimalNum run short
        assertSameTrades(all.head(all.size()).tail(20_000));
    }

    @Test
    void aTa4jStrategyRunsThroughTheAdapterWithTheSameTrades() {
        PriceSeries s = PriceSeries.of(TestBars.walk(3000, 5));
        Strategy adapted = Ta4jStrategy.of("ta4j-ema", series -> {
            var close = new ClosePriceIndicator(series);
            var f = new EMAIndicator(close, 12);
            var sl = new EMAIndicator(close, 26);
            return new BaseStrategy(new CrossedUpIndicatorRule(f, sl), new CrossedDownIndicatorRule(f, sl), UNSTABLE);
        });
        BacktestResult r = EmaCrossComparison.runOurs(s, 12, 26, UNSTABLE);
        BacktestResult viaAdapter = Backtest.offline()
                .candles(s)
                .symbolInfo(EmaCrossComparison.INFO)
                .risk(EmaCrossComparison.WIDE)
                .fees(0.001)
                .slippageBps(0)
                .initialCash("10000000 USDT")
                .strategy(adapted)
                .run();
        assertThat(EmaCrossComparison.rows(viaAdapter, s)).isEqualTo(EmaCrossComparison.rows(r, s));
        assertThat(LookaheadAudit.run(
                                Backtest.offline()
                                        .candles(s)
                                        .symbolInfo(EmaCrossComparison.INFO)
                                        .risk(EmaCrossComparison.WIDE)
                                        .strategy(adapted),
                                3)
                        .clean())
                .isTrue();
    }
}
