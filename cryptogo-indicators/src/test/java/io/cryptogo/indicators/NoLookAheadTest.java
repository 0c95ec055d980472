package io.cryptogo.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** A value at bar i never changes when bars after i are appended. */
class NoLookAheadTest {
    @Property(tries = 60)
    void valuesOnAPrefixEqualTheSameBarsOfTheFullSeries(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 300) int prefix,
            @ForAll @IntRange(min = 2, max = 30) int period) {
        List<Candle> all = TestCandles.randomWalk(seed, 300, Interval.M15, 2_000);
        IndicatorResult full = request(all, period);
        IndicatorResult part = request(all.subList(0, prefix), period);
        assertPrefix(part.sma(period), full.sma(period));
        assertPrefix(part.ema(period), full.ema(period));
        assertPrefix(part.rsi(period), full.rsi(period));
        assertPrefix(part.atr(period), full.atr(period));
        assertPrefix(part.volumeAverage(period), full.volumeAverage(period));
        Macd pm = part.macd(period, period + 10, 9);
        Macd fm = full.macd(period, period + 10, 9);
        assertPrefix(pm.line(), fm.line());
        assertPrefix(pm.signal(), fm.signal());
        assertPrefix(pm.histogram(), fm.histogram());
        Bollinger pb = part.bollinger(period, 2);
        Bollinger fb = full.bollinger(period, 2);
        assertPrefix(pb.upper(), fb.upper());
        assertPrefix(pb.lower(), fb.lower());
    }

    private static IndicatorResult request(List<Candle> candles, int period) {
        return Indicators.on(candles)
                .sma(period)
                .ema(period)
                .rsi(period)
                .atr(period)
                .volumeAverage(period)
                .macd(period, period + 10, 9)
                .bollinger(period, 2)
                .compute();
    }

    private static void assertPrefix(double[] prefix, double[] full) {
        assertThat(prefix).hasSizeLessThanOrEqualTo(full.length);
        for (int i = 0; i < prefix.length; i++) {
            // bit-for-bit: the same operations in the same order
            assertThat(Double.doubleToLongBits(prefix[i]))
                    .as("bar %d: %s vs %s", i, prefix[i], full[i])
                    .isEqualTo(Double.doubleToLongBits(full[i]));
        }
    }
}
