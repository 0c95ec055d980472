package io.cryptogo.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.model.Interval;
import io.cryptogo.testing.FakeMarket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SnapshotSpecTest {

    @Test
    void theLiveSettingsComeFromTheConfigurationWithTheLoopsDefaults() {
        assertThat(SnapshotSpec.fromConfig(Config.of(Map.of()))).isEqualTo(SnapshotSpec.defaults());
        assertThat(SnapshotSpec.defaults())
                .isEqualTo(new SnapshotSpec(Interval.H1, Interval.H4, 10, MarketSnapshot.DEFAULT_HISTORY_BARS));
        SnapshotSpec s = SnapshotSpec.fromConfig(
                Config.of(Map.of("AI_INTERVAL", "15m", "AI_CONTEXT_INTERVAL", "1d", "AI_SERIES_LENGTH", "20")));
        assertThat(s).isEqualTo(new SnapshotSpec(Interval.M15, Interval.D1, 20, 500));
        assertThat(s.withInterval(Interval.H1).interval()).isEqualTo(Interval.H1);
        assertThatThrownBy(() -> SnapshotSpec.fromConfig(Config.of(Map.of("AI_CONTEXT_INTERVAL", "3h"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AI_CONTEXT_INTERVAL");
        assertThatThrownBy(() -> new SnapshotSpec(Interval.H1, Interval.H4, 10, 100))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("historyBars");
    }

    @Test
    void theSnapshotAtTIsTheLoopsOneOnClosedCandles() {
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        FakeMarket market = new FakeMarket(t.plusSeconds(1800));
        MarketSnapshot s = SnapshotSpec.defaults().at(market, FakeMarket.BTC, t);
        assertThat(s.asOf()).isEqualTo(t);
        assertThat(s.candleTime()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
        assertThat(s.contextCandleTime()).isEqualTo(Instant.parse("2025-03-01T04:00:00Z"));
        MarketSnapshot same = MarketSnapshot.builder(market)
                .symbol(FakeMarket.BTC)
                .intradayInterval(Interval.H1)
                .contextInterval(Interval.H4)
                .clock(Clock.fixed(t, ZoneOffset.UTC))
                .build();
        assertThat(s.toText(Locale.ENGLISH)).isEqualTo(same.toText(Locale.ENGLISH));
    }
}
