package io.cryptogo.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.model.Interval;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorSettingsTest {
    @Test
    void defaultsAreTheDefaultSymbolTimesTheSixIntervals() {
        CollectorSettings s = CollectorSettings.fromConfig(Config.of(Map.of("DEFAULT_SYMBOL", "ETH/USDT")));
        assertThat(s.enabled()).isTrue();
        assertThat(s.series()).hasSize(6).allMatch(x -> x.symbol().toString().equals("ETH/USDT"));
        assertThat(s.series()).extracting(Series::interval).containsExactly(Interval.values());
        assertThat(s.historyBars()).isEqualTo(1000);
        assertThat(s.period()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.accountSyncPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.stream()).isTrue();
        assertThat(s.leaderCheck()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsEverySetting() {
        CollectorSettings s = CollectorSettings.fromConfig(Config.of(Map.of(
                "COLLECT_ENABLED", "false",
                "COLLECT_SYMBOLS", "BTC/USDT, ETH-USDT",
                "COLLECT_INTERVALS", "1h,4h",
                "COLLECT_HISTORY_BARS", "5000",
                "COLLECT_PERIOD", "1m",
                "COLLECT_STREAM", "false",
                "ACCOUNT_SYNC_PERIOD", "30s",
                "COLLECT_LEADER_CHECK", "2s")));
        assertThat(s.enabled()).isFalse();
        assertThat(s.series())
                .extracting(Series::toString)
                .containsExactly("BTC/USDT 1h", "BTC/USDT 4h", "ETH/USDT 1h", "ETH/USDT 4h");
        assertThat(s.historyBars()).isEqualTo(5000);
        assertThat(s.period()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.stream()).isFalse();
        assertThat(s.accountSyncPeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.leaderCheck()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badValuesFailNamingTheSetting() {
        assertThatThrownBy(() -> CollectorSettings.fromConfig(Config.of(Map.of("COLLECT_INTERVALS", "1h,2h"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("COLLECT_INTERVALS")
                .hasMessageContaining("1m, 5m, 15m, 1h, 4h, 1d");
        assertThatThrownBy(() -> CollectorSettings.fromConfig(Config.of(Map.of("COLLECT_HISTORY_BARS", "0"))))
                .hasMessageContaining("COLLECT_HISTORY_BARS");
        assertThatThrownBy(() -> CollectorSettings.fromConfig(Config.of(Map.of("COLLECT_SYMBOLS", "???"))))
                .hasMessageContaining("COLLECT_SYMBOLS");
        assertThatThrownBy(() -> CollectorSettings.fromConfig(Config.of(Map.of("COLLECT_PERIOD", "0s"))))
                .hasMessageContaining("COLLECT_PERIOD");
        assertThatThrownBy(() -> CollectorSettings.builder().pageSize(1001).build())
                .hasMessageContaining("page size");
    }
}
