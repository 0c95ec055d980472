package io.cryptogo.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;

class IncrementalSeriesTest {
    private static final List<Candle> WALK = TestCandles.randomWalk(11, 600, Interval.M1, 30_000);

    /** Ticks of one candle as a stream sends them: open updates moving towards the final values, then final. */
    private static List<Candle> ticks(Candle last) {
        double o = last.open().doubleValue();
        double c = last.close().doubleValue();
        Candle first = TestCandles.candle(
                last.symbol(), last.interval(), last.openTime().toEpochMilli(), o, o, o, o, 0.5, false);
        Candle mid = TestCandles.candle(
                last.symbol(),
                last.interval(),
                last.openTime().toEpochMilli(),
                o,
                Math.max(o, (o + c) / 2),
                Math.min(o, (o + c) / 2),
                (o + c) / 2,
                1.5,
                false);
        return List.of(first, mid, last);
    }

    @Test
    void updatingCandleByCandleWithTicksEqualsAFullRecompute() {
        IncrementalSeries live = IncrementalSeries.of(WALK.subList(0, 300));
        for (Candle c : WALK.subList(300, 600)) {
            List<Candle> ticks = ticks(c);
            assertThat(live.update(ticks.get(0))).isEqualTo(IncrementalSeries.Change.APPENDED);
            assertThat(live.lastClosed()).isFalse();
            assertThat(live.update(ticks.get(1))).isEqualTo(IncrementalSeries.Change.REPLACED);
            assertThat(live.update(ticks.get(2))).isEqualTo(IncrementalSeries.Change.REPLACED);
            assertThat(live.lastClosed()).isTrue();
        }
        IndicatorResult inc =
                live.indicators().ema(20).rsi(14).atr(14).macd(12, 26, 9).compute();
        IndicatorResult full =
                Indicators.on(WALK).ema(20).rsi(14).atr(14).macd(12, 26, 9).compute();
        assertThat(inc.close()).containsExactly(full.close());
        assertThat(inc.volume()).containsExactly(full.volume());
        assertThat(inc.ema(20)).containsExactly(full.ema(20));
        assertThat(inc.rsi(14)).containsExactly(full.rsi(14));
        assertThat(inc.atr(14)).containsExactly(full.atr(14));
        assertThat(inc.macd(12, 26, 9).histogram())
                .containsExactly(full.macd(12, 26, 9).histogram());

        BarSeries liveBars = live.barSeries();
        BarSeries fullBars = Indicators.on(WALK).toBarSeries();
        assertThat(liveBars.getBarCount()).isEqualTo(600);
        for (int i = 0; i < 600; i++) {
            assertThat(liveBars.getBar(i)).isEqualTo(fullBars.getBar(i));
        }
    }

    @Test
    void theLiveTa4jSeriesIsTheSameObjectUpdatedInPlace() {
        IncrementalSeries live = IncrementalSeries.of(WALK.subList(0, 10));
        BarSeries before = live.barSeries();
        live.onCandle(WALK.get(10));
        assertThat(live.barSeries()).isSameAs(before);
        assertThat(before.getBarCount()).isEqualTo(11);
        assertThat(live.lastOpenTime()).contains(WALK.get(10).openTime());
        assertThat(live.lastClose()).isEqualTo(WALK.get(10).close().doubleValue());
    }

    @Test
    void aSnapshotOfIndicatorsDoesNotMoveWithLaterUpdates() {
        IncrementalSeries live = IncrementalSeries.of(WALK.subList(0, 100));
        Indicators taken = live.indicators().ema(5);
        live.update(WALK.get(100));
        assertThat(taken.compute().size()).isEqualTo(100);
    }

    @Test
    void aBoundedSeriesKeepsTheLastBarsInBothForms() {
        for (int max : new int[] {1, 3, 100, 599, 600, 1_000}) {
            IncrementalSeries live = IncrementalSeries.bounded(TestCandles.BTC, Interval.M1, max);
            for (Candle c : WALK) {
                live.update(c);
                live.update(c); // a redelivered final candle replaces, never duplicates
            }
            int kept = Math.min(max, WALK.size());
            assertThat(live.size()).as("max %d", max).isEqualTo(kept);
            assertThat(live.barSeries().getBarCount()).isEqualTo(kept);
            IndicatorResult r = live.indicators().ema(1).compute();
            assertThat(r.close()).containsExactly(TestCandles.closes(WALK.subList(WALK.size() - kept, WALK.size())));
            assertThat(r.openTime(0)).isEqualTo(WALK.get(WALK.size() - kept).openTime());
            assertThat(live.barSeries().getBar(live.barSeries().getEndIndex()).getBeginTime())
                    .isEqualTo(WALK.get(599).openTime());
            assertThat(live.lastClose()).isEqualTo(WALK.get(599).close().doubleValue());
        }
    }

    @Test
    void olderCandlesAndOtherMarketsAreRejected() {
        IncrementalSeries live = IncrementalSeries.of(WALK.subList(0, 10));
        assertThatThrownBy(() -> live.update(WALK.get(3)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("older than the last bar");
        Candle eth = Candle.of(
                Symbol.parse("ETH/USDT"),
                Interval.M1,
                WALK.get(10).openTime(),
                BigDecimal.ONE,
                BigDecimal.ONE,
                BigDecimal.ONE,
                BigDecimal.ONE,
                BigDecimal.ONE,
                BigDecimal.ONE,
                1,
                true);
        assertThatThrownBy(() -> live.update(eth))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ETH/USDT");
        assertThatThrownBy(() -> IncrementalSeries.of(List.of())).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> IncrementalSeries.bounded(TestCandles.BTC, Interval.M1, 0))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("maxBars");
    }
}
