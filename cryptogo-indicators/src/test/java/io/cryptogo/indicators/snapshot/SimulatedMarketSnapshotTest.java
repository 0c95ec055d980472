package io.cryptogo.indicators.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The snapshot over the real simulated market: full history, derivatives, no warm-up showing. */
class SimulatedMarketSnapshotTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:30Z");

    @Test
    void aSnapshotOfTheSimulatedMarketHasEveryNumberAndPlausibleDerivatives() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (SimulatedMarket market =
                SimulatedMarket.builder().seed(7).clock(clock).build()) {
            MarketSnapshot s = MarketSnapshot.builder(market)
                    .symbol("BTC/USDT")
                    .clock(clock)
                    .build();
            // closed candles only: the minute open at NOW and the open 4h candle are left out
            assertThat(s.candleTime()).isEqualTo(Interval.M1.align(NOW).minus(Duration.ofMinutes(1)));
            assertThat(s.contextCandleOpen()).isFalse();
            assertThat(s.source()).contains(SourceInfo.Kind.SIMULATED);
            assertThat(s.price()).isPositive();
            assertThat(s.rsi7()).isBetween(0.0, 100.0);
            assertThat(s.contextAtr3()).isPositive();
            assertThat(s.intradayRsi14())
                    .hasSize(10)
                    .allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
            assertThat(s.contextMacd())
                    .hasSize(10)
                    .allSatisfy(v -> assertThat(v).isFinite());
            var d = s.derivatives().orElseThrow();
            assertThat(d.openInterest().orElseThrow().latest()).isPositive();
            assertThat(d.openInterest().orElseThrow().points()).isEqualTo(30);
            assertThat(Math.abs(d.funding().orElseThrow().rate())).isLessThan(0.01);

            String zh = s.toText(Locale.SIMPLIFIED_CHINESE);
            assertThat(zh).doesNotContain("n/a").doesNotContain("不可用").doesNotContain("NaN");
            assertThat(zh).startsWith("BTC/USDT, 决策时间 2025-03-01T12:00:30Z, 最后一根1分钟K线收盘于 2025-03-01T12:00:00Z");
            assertThat(zh).contains("\n\n当前指标:\n- Price: ");
            // the same snapshot again: deterministic
            assertThat(MarketSnapshot.builder(market)
                            .symbol("BTC/USDT")
                            .clock(clock)
                            .build()
                            .toJson())
                    .isEqualTo(s.toJson());
        }
    }

    @Test
    void dogeOnTheSimulatedMarketPrintsSignificantDigits() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (SimulatedMarket market =
                SimulatedMarket.builder().seed(7).clock(clock).build()) {
            MarketSnapshot s = MarketSnapshot.builder(market)
                    .symbol("DOGE/USDT")
                    .intradayInterval(Interval.M5)
                    .contextInterval(Interval.H1)
                    .clock(clock)
                    .build();
            String text = s.toText(Locale.ENGLISH);
            assertThat(text)
                    .contains("- MACD: [")
                    .doesNotContainPattern("[\\[ ]-?0(\\.0)?[,\\]\\n]")
                    .doesNotContain("n/a");
        }
    }
}
