package io.cryptogo.market.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Interval;
import org.junit.jupiter.api.Test;

class PriceProcessTest {
    static final SimSymbol BTC = SimSymbol.defaults().get(0);
    static final long DAY = PriceProcess.ANCHOR_EPOCH_DAY + 500;

    static PriceProcess process(long seed) {
        return new PriceProcess(BTC, seed, 4, 16);
    }

    @Test
    void theDailySeriesStartsAtTheReferencePriceAndDoesNotDependOnTheOrderOfAccess() {
        PriceProcess a = process(1);
        PriceProcess b = process(1);
        assertThat(Math.exp(a.logClose(PriceProcess.ANCHOR_EPOCH_DAY - 1)))
                .isCloseTo(85_000, org.assertj.core.data.Offset.offset(1e-6));
        double far = a.logClose(DAY + 3000);
        double past = a.logClose(PriceProcess.ANCHOR_EPOCH_DAY - 2000);
        assertThat(b.logClose(PriceProcess.ANCHOR_EPOCH_DAY - 2000)).isEqualTo(past);
        assertThat(b.logClose(DAY + 3000)).isEqualTo(far);
        assertThat(b.dayVolatility(DAY)).isEqualTo(a.dayVolatility(DAY)).isPositive();
    }

    @Test
    void aDayRunsFromThePreviousCloseToItsOwnClose() {
        PriceProcess p = process(1);
        PriceProcess.DayBars d = p.generateDay(DAY);
        Bars m = d.minutes;
        assertThat(m.size()).isEqualTo(1440);
        assertThat(m.open[0]).isEqualTo(p.ticks(p.logClose(DAY - 1)));
        assertThat(m.close[1439]).isEqualTo(p.ticks(p.logClose(DAY)));
        for (int i = 0; i < 1440; i++) {
            assertThat(m.high[i]).isGreaterThanOrEqualTo(Math.max(m.open[i], m.close[i]));
            assertThat(m.low[i])
                    .isLessThanOrEqualTo(Math.min(m.open[i], m.close[i]))
                    .isPositive();
            assertThat(m.volume[i]).isPositive();
            assertThat(m.trades[i]).isPositive();
            if (i > 0) {
                assertThat(m.open[i]).isEqualTo(m.close[i - 1]);
            }
        }
        // the next day opens where this one closed
        assertThat(p.generateDay(DAY + 1).minutes.open[0]).isEqualTo(m.close[1439]);
    }

    @Test
    void generatingADayTwiceGivesTheSameBars() {
        PriceProcess.DayBars a = process(1).generateDay(DAY);
        PriceProcess.DayBars b = process(1).generateDay(DAY);
        assertThat(a.minutes.close).isEqualTo(b.minutes.close);
        assertThat(a.minutes.high).isEqualTo(b.minutes.high);
        assertThat(a.minutes.volume).isEqualTo(b.minutes.volume);
        assertThat(a.minutes.quote).isEqualTo(b.minutes.quote);
        assertThat(process(2).generateDay(DAY).minutes.close).isNotEqualTo(a.minutes.close);
    }

    @Test
    void theLiveMinuteGrowsIntoTheFinalBar() {
        PriceProcess p = process(1);
        long minute = DAY * 1440 + 777;
        Bars day = p.day(DAY).minutes;
        PriceProcess.Live prev = null;
        for (int s = 1; s <= 60; s++) {
            PriceProcess.Live l = p.live(minute, s);
            assertThat(l.open()).isEqualTo(day.open[777]);
            assertThat(l.high()).isLessThanOrEqualTo(day.high[777]);
            assertThat(l.low()).isGreaterThanOrEqualTo(day.low[777]);
            assertThat(l.volume()).isLessThanOrEqualTo(day.volume[777]);
            if (prev != null) {
                assertThat(l.high()).isGreaterThanOrEqualTo(prev.high());
                assertThat(l.low()).isLessThanOrEqualTo(prev.low());
                assertThat(l.volume()).isGreaterThanOrEqualTo(prev.volume());
                assertThat(l.quote()).isGreaterThanOrEqualTo(prev.quote());
                assertThat(l.trades()).isGreaterThanOrEqualTo(prev.trades());
            }
            prev = l;
        }
        // after the 60th second the live minute is exactly the historical bar
        PriceProcess.Live end = p.live(minute, 60);
        assertThat(end.close()).isEqualTo(day.close[777]);
        assertThat(end.high()).isEqualTo(day.high[777]);
        assertThat(end.low()).isEqualTo(day.low[777]);
        assertThat(end.volume()).isEqualTo(day.volume[777]);
        assertThatThrownBy(() -> p.live(minute, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecondPathIsABridgeFromOpenToClose() {
        PriceProcess p = process(1);
        double[] path = new double[61];
        p.secondPath(123_456L, 11.2, 11.21, 0.001, path);
        assertThat(path[0]).isEqualTo(11.2);
        assertThat(path[60]).isEqualTo(11.21);
        double[] again = new double[61];
        p.secondPath(123_456L, 11.2, 11.21, 0.001, again);
        assertThat(again).isEqualTo(path);
        p.secondPath(123_457L, 11.2, 11.21, 0.001, again);
        assertThat(again).isNotEqualTo(path);
    }

    @Test
    void aggregatesAreCachedAndConsistentBetweenTheMinuteAndSummaryCaches() {
        PriceProcess p = process(1);
        Bars h1 = p.bars(DAY, Interval.H1);
        assertThat(p.bars(DAY, Interval.H1)).isSameAs(h1);
        Bars fromMinutes = p.generateDay(DAY).bars(Interval.H1);
        assertThat(h1.high).isEqualTo(fromMinutes.high);
        assertThat(p.bars(DAY, Interval.D1).volume[0])
                .isEqualTo(java.util.Arrays.stream(h1.volume).sum());
        assertThat(p.bars(DAY, Interval.H4).size()).isEqualTo(6);
        assertThat(p.bars(DAY, Interval.M15).size()).isEqualTo(96);
        assertThat(p.bars(DAY, Interval.M5).size()).isEqualTo(288);
    }

    @Test
    void theIntradayProfileIsUShapedWithMeanOne() {
        double[] f = PriceProcess.INTRADAY;
        assertThat(java.util.Arrays.stream(f).average().orElseThrow())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f[0]).isGreaterThan(f[720] * 1.5);
        assertThat(f[1439]).isGreaterThan(f[720] * 1.5);
    }

    @Test
    void centuriesAwayAreRefused() {
        assertThatThrownBy(() -> process(1).logClose(PriceProcess.ANCHOR_EPOCH_DAY + 300_000))
                .isInstanceOf(InvalidRequestException.class);
    }
}
