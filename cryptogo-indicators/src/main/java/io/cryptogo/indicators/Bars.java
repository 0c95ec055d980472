package io.cryptogo.indicators;

import io.cryptogo.model.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;
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
        return bar(
                c,
                c.open().doubleValue(),
                c.high().doubleValue(),
                c.low().doubleValue(),
                c.close().doubleValue(),
                c.volume().doubleValue());
    }

    /** A bar from values already converted (BigDecimal → double is the expensive part of an update). */
    static BaseBar bar(Candle c, double open, double high, double low, double close, double volume) {
        Instant begin = c.openTime();
        Duration d = c.interval().duration();
        return new BaseBar(
                d,
                begin,
                begin.plus(d),
                DoubleNum.valueOf(open),
                DoubleNum.valueOf(high),
                DoubleNum.valueOf(low),
                DoubleNum.valueOf(close),
                DoubleNum.valueOf(volume),
                DoubleNum.valueOf(c.quoteVolume().doubleValue()),
                c.trades());
    }
}
