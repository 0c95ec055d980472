package io.cryptogo.indicators;

import io.cryptogo.model.Candle;
import java.time.Instant;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.NumFactory;

/** Conversion of CryptoGo candles to ta4j bars (doubles, {@link DoubleNumFactory}). */
final class Bars {
    private Bars() {}

    static final NumFactory NUMS = DoubleNumFactory.getInstance();

    static BarSeries newSeries(String name) {
        return new BaseBarSeriesBuilder().withName(name).withNumFactory(NUMS).build();
    }

    static BarSeries series(String name, List<Candle> candles) {
        BarSeries s = newSeries(name);
        for (Candle c : candles) {
            s.addBar(bar(c), false);
        }
        return s;
    }

    static BaseBar bar(Candle c) {
        Instant begin = c.openTime();
        return new BaseBar(
                c.interval().duration(),
                begin,
                begin.plus(c.interval().duration()),
                NUMS.numOf(c.open().doubleValue()),
                NUMS.numOf(c.high().doubleValue()),
                NUMS.numOf(c.low().doubleValue()),
                NUMS.numOf(c.close().doubleValue()),
                NUMS.numOf(c.volume().doubleValue()),
                NUMS.numOf(c.quoteVolume().doubleValue()),
                c.trades());
    }
}
