package io.cryptogo.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;

class IndicatorsTest {
    private static final List<Candle> WALK = TestCandles.randomWalk(7, 1_000, Interval.H1, 60_000);

    @Test
    void theFluentRequestComputesEverySeriesWithNaNDuringWarmUp() {
        IndicatorResult r = Indicators.on(WALK)
                .sma(20)
                .ema(20)
                .macd(12, 26, 9)
                .rsi(14)
                .atr(14)
                .bollinger(20, 2)
                .volumeAverage(20)
                .compute();
        assertThat(r.size()).isEqualTo(1_000);
        assertThat(r.openTime(0)).isEqualTo(WALK.get(0).openTime());
        assertThat(r.ema(20)).hasSize(1_000);
        assertThat(r.ema(20)[18]).isNaN();
        assertThat(r.ema(20)[19]).isFinite();
        assertThat(r.rsi(14)[13]).isNaN();
        assertThat(r.rsi(14)[14]).isBetween(0.0, 100.0);
        assertThat(r.atr(14)[14]).isPositive();
        assertThat(r.macd(12, 26, 9).signal()[33]).isFinite();
        assertThat(r.macd(12, 26, 9).signal()[32]).isNaN();
        assertThat(r.bollinger(20, 2).upper()[999])
                .isGreaterThan(r.bollinger(20, 2).lower()[999]);
        assertThat(r.volumeAverage(20)[999])
                .isCloseTo(
                        WALK.subList(980, 1000).stream()
                                        .mapToDouble(c -> c.volume().doubleValue())
                                        .sum()
                                / 20,
                        org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void namesKeepTheOrderAskedAndIncludeMacdAndBollinger() {
        IndicatorResult r = Indicators.on(WALK)
                .rsi(14)
                .bollinger(20, 2)
                .ema(20)
                .macd(12, 26, 9)
                .rsi(14)
                .atr(3)
                .compute();
        assertThat(r.names()).containsExactly("rsi(14)", "bollinger(20,2.0)", "ema(20)", "macd(12,26,9)", "atr(3)");
    }

    @Test
    void macdAndBollingerCompareAndPrintByValueAndCannotBeCorrupted() {
        IndicatorResult a = Indicators.on(WALK).macd(12, 26, 9).bollinger(20, 2).compute();
        IndicatorResult b = Indicators.on(WALK).macd(12, 26, 9).bollinger(20, 2).compute();
        assertThat(a.macd(12, 26, 9)).isEqualTo(b.macd(12, 26, 9)).hasSameHashCodeAs(b.macd(12, 26, 9));
        assertThat(a.bollinger(20, 2)).isEqualTo(b.bollinger(20, 2)).hasSameHashCodeAs(b.bollinger(20, 2));
        assertThat(a.macd(12, 26, 9))
                .isNotEqualTo(Indicators.on(WALK.subList(0, 999))
                        .macd(12, 26, 9)
                        .compute()
                        .macd(12, 26, 9));
        Macd small =
                new Macd(new double[] {Double.NaN, 1.5}, new double[] {Double.NaN, 1}, new double[] {Double.NaN, 0.5});
        assertThat(small).hasToString("Macd[line=[NaN, 1.5], signal=[NaN, 1.0], histogram=[NaN, 0.5]]");
        assertThat(new Bollinger(new double[] {3}, new double[] {2}, new double[] {1}))
                .hasToString("Bollinger[upper=[3.0], middle=[2.0], lower=[1.0]]")
                .isEqualTo(new Bollinger(new double[] {3}, new double[] {2}, new double[] {1}));
        double[] line = {1, 2};
        Macd m = new Macd(line, new double[] {1, 2}, new double[] {0, 0});
        line[0] = 99;
        m.line()[1] = 99;
        assertThat(m.line()).containsExactly(1, 2);
        assertThat(a.macd(12, 26, 9).histogram()).hasSize(1_000);
    }

    @Test
    void resultsAreCopiesThatACallerCannotCorrupt() {
        IndicatorResult r = Indicators.on(WALK).ema(10).compute();
        r.ema(10)[500] = -1;
        assertThat(r.ema(10)[500]).isNotEqualTo(-1);
    }

    @Test
    void askingForASeriesThatWasNotRequestedNamesWhatWas() {
        IndicatorResult r = Indicators.on(WALK).ema(20).compute();
        assertThatThrownBy(() -> r.rsi(14))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("rsi(14) was not requested")
                .hasMessageContaining("ema(20)");
        assertThatThrownBy(() -> r.macd(12, 26, 9)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void unorderedCandlesAreRejected() {
        List<Candle> reversed = new ArrayList<>(WALK.subList(0, 3));
        java.util.Collections.reverse(reversed);
        assertThatThrownBy(() -> Indicators.on(reversed))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("oldest first");
        assertThatThrownBy(() -> Indicators.on(WALK).ema(0)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void toBarSeriesOpensTheTa4jCatalogueOnDoubles() {
        BarSeries s = Indicators.on(WALK).toBarSeries();
        assertThat(s.getBarCount()).isEqualTo(1_000);
        assertThat(s.getBar(999).getClosePrice()).isInstanceOf(DoubleNum.class);
        assertThat(s.getBar(999).getClosePrice().doubleValue())
                .isEqualTo(WALK.get(999).close().doubleValue());
        assertThat(s.getBar(0).getBeginTime()).isEqualTo(WALK.get(0).openTime());
        ClosePriceIndicator close = new ClosePriceIndicator(s);
        double ta4jEma = new EMAIndicator(close, 20).getValue(999).doubleValue();
        double ta4jRsi = new RSIIndicator(close, 14).getValue(999).doubleValue();
        IndicatorResult ours = Indicators.on(WALK).ema(20).rsi(14).compute();
        // ta4j seeds at bar 0, TA-Lib (and we) with an SMA: after 1000 bars the seed no longer shows
        assertThat(Tolerance.agrees(IndicatorResult.last(ours.ema(20)), ta4jEma))
                .isTrue();
        assertThat(Tolerance.agrees(IndicatorResult.last(ours.rsi(14)), ta4jRsi))
                .isTrue();
    }

    @Test
    void emptyCandlesGiveEmptySeries() {
        IndicatorResult r = Indicators.on(List.of()).ema(20).rsi(14).atr(14).compute();
        assertThat(r.size()).isZero();
        assertThat(r.ema(20)).isEmpty();
        assertThat(IndicatorResult.last(r.ema(20))).isNaN();
    }
}
