package io.cryptogo.market.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.market.KlineQuery;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Properties over random seeds, instants (2015..2030) and intervals. */
class SimulatedMarketPropertiesTest {
    static final List<Symbol> SYMBOLS =
            SimSymbol.defaults().stream().map(SimSymbol::symbol).toList();

    @Property(tries = 40)
    void everyCandleIsTheAggregateOfItsMinutesAndTheLastOneIsLive(
            @ForAll long seed,
            @ForAll @LongRange(min = 1_420_070_400_000L, max = 1_893_456_000_000L) long nowMillis,
            @ForAll Interval interval,
            @ForAll @LongRange(min = 0, max = 4) long symbolIndex) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        Symbol symbol = SYMBOLS.get((int) symbolIndex);
        SimulatedMarket m = SimulatedMarket.builder()
                .seed(seed)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
        List<Candle> bars = m.klines(symbol, interval, 3);
        assertThat(bars).hasSize(3);
        assertThat(bars.get(2).openTime()).isEqualTo(interval.align(now));
        assertThat(bars.get(2).closed()).isFalse();
        assertThat(bars.subList(0, 2)).allMatch(Candle::closed);
        List<Candle> minutes = m.klines(
                new KlineQuery(symbol, Interval.M1, Optional.of(bars.get(0).openTime()), Optional.empty(), 100_000));
        int from = 0;
        for (Candle bar : bars) {
            int to = from;
            while (to < minutes.size() && minutes.get(to).openTime().isBefore(bar.nextOpenTime())) {
                to++;
            }
            assertThat(SimulatedMarketTest.aggregate(interval, minutes.subList(from, to)))
                    .isEqualTo(bar);
            from = to;
        }
        assertThat(from).isEqualTo(minutes.size());
        assertThat(m.ticker(symbol).price()).isEqualTo(bars.get(2).close());
    }
}
