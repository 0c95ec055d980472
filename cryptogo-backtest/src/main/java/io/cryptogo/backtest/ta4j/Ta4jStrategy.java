package io.cryptogo.backtest.ta4j;

import io.cryptogo.backtest.Bar;
import io.cryptogo.backtest.Intent;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.DoubleNumFactory;

/**
 * A ta4j strategy as a backtest strategy: its entry rule buys with all the equity the limits allow when flat,
 * its exit rule sells everything. ta4j users bring their rules; the engine brings fills, fees and risk.
 *
 * <pre>{@code
 * Strategy s = Ta4jStrategy.of("ema", series -> {
 *     var close = new ClosePriceIndicator(series);
 *     var fast = new EMAIndicator(close, 12); var slow = new EMAIndicator(close, 26);
 *     return new BaseStrategy(new CrossedUpIndicatorRule(fast, slow), new CrossedDownIndicatorRule(fast, slow));
 * });
 * }</pre>
 */
public final class Ta4jStrategy implements Strategy {
    private final String name;
    private final Function<BarSeries, org.ta4j.core.Strategy> factory;
    private org.ta4j.core.Strategy strategy;

    private Ta4jStrategy(String name, Function<BarSeries, org.ta4j.core.Strategy> factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A strategy built by {@code factory} over the run's candles (as a ta4j series of {@code DoubleNum}). */
    public static Ta4jStrategy of(String name, Function<BarSeries, org.ta4j.core.Strategy> factory) {
        return new Ta4jStrategy(name, factory);
    }

    @Override
    public void prepare(PriceSeries series) {
        strategy = factory.apply(toTa4j(series));
    }

    @Override
    public Intent onBar(Bar bar) {
        int i = bar.index();
        if (!bar.inPosition() && strategy.shouldEnter(i)) {
            return Intent.buy(1.0);
        }
        if (bar.inPosition() && strategy.shouldExit(i)) {
            return Intent.exit();
        }
        return Intent.hold();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Strategy fresh() {
        return new Ta4jStrategy(name, factory);
    }

    /** The candles as a ta4j series ({@code DoubleNum}). */
    public static BarSeries toTa4j(PriceSeries s) {
        BarSeries out = new BaseBarSeriesBuilder()
                .withName(s.symbol() + " " + s.interval())
                .withNumFactory(DoubleNumFactory.getInstance())
                .build();
        Duration d = s.interval().duration();
        for (int i = 0; i < s.size(); i++) {
            var c = s.candle(i);
            Instant begin = c.openTime();
            out.addBar(new BaseBar(
                    d,
                    begin,
                    begin.plus(d),
                    DoubleNum.valueOf(c.open().doubleValue()),
                    DoubleNum.valueOf(c.high().doubleValue()),
                    DoubleNum.valueOf(c.low().doubleValue()),
                    DoubleNum.valueOf(c.close().doubleValue()),
                    DoubleNum.valueOf(c.volume().doubleValue()),
                    DoubleNum.valueOf(0),
                    0));
        }
        return out;
    }
}
