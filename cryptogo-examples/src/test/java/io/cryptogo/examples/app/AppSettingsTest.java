package io.cryptogo.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AppSettings s = AppSettings.from(Config.of(Map.of()));
        assertThat(s.port()).isEqualTo(7070);
        assertThat(s.corsOrigins()).isEmpty();
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.wsQueueSize()).isEqualTo(256);
        assertThat(s.defaultSymbol()).hasToString("BTC/USDT");
    }

    @Test
    void everySettingIsRead() {
        AppSettings s = AppSettings.from(Config.of(Map.of(
                "PORT", "8080",
                "CORS_ORIGINS", "http://localhost:3000, https://me.example",
                "POLL_INTERVAL", "30s",
                "WS_QUEUE_SIZE", "64",
                "DEFAULT_SYMBOL", "eth-usdt")));
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.corsOrigins()).containsExactly("http://localhost:3000", "https://me.example");
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.wsQueueSize()).isEqualTo(64);
        assertThat(s.defaultSymbol()).hasToString("ETH/USDT");
    }

    @Test
    void badValuesFailNamingTheSettingAndTheRange() {
        assertThatThrownBy(() -> AppSettings.from(Config.of(Map.of("POLL_INTERVAL", "31s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("POLL_INTERVAL")
                .hasMessageContaining("1s..30s");
        assertThatThrownBy(() -> AppSettings.from(Config.of(Map.of("PORT", "70000"))))
                .hasMessageContaining("PORT")
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> AppSettings.from(Config.of(Map.of("CORS_ORIGINS", "localhost:3000"))))
                .hasMessageContaining("CORS_ORIGINS");
        assertThatThrownBy(() -> AppSettings.from(Config.of(Map.of("DEFAULT_SYMBOL", "???"))))
                .hasMessageContaining("DEFAULT_SYMBOL");
        assertThatThrownBy(() -> AppSettings.from(Config.of(Map.of("WS_QUEUE_SIZE", "2"))))
                .hasMessageContaining("8..100000");
    }

    @Test
    void aWildcardOriginIsAccepted() {
        assertThat(AppSettings.ephemeral().withCorsOrigins(List.of("*")).corsOrigins())
                .containsExactly("*");
    }
}
