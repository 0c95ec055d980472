package io.cryptogo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    enum Mode {
        OFF,
        PAPER,
        LIVE
    }

    @Test
    void readsDotEnvWithQuotesCommentsAndExport(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(
                env, "# comment\nexport PORT=8080\nDEFAULT_SYMBOL=\"ETH/USDT\"\nEXCHANGE=simulated # inline\n");
        Config c = Config.fromEnv(env);
        assertThat(c.integer("PORT", 7070, 1, 65535)).isEqualTo(8080);
        assertThat(c.string("DEFAULT_SYMBOL", "BTC/USDT")).isEqualTo("ETH/USDT");
        assertThat(c.string("EXCHANGE", "binance")).isEqualTo("simulated");
    }

    @Test
    void systemPropertiesWinOverDotEnv(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "CRYPTOGO_CONFIG_TEST_KEY_X=fromfile\n");
        System.setProperty("CRYPTOGO_CONFIG_TEST_KEY_X", "fromprop");
        try {
            assertThat(Config.fromEnv(env).string("CRYPTOGO_CONFIG_TEST_KEY_X", ""))
                    .isEqualTo("fromprop");
        } finally {
            System.clearProperty("CRYPTOGO_CONFIG_TEST_KEY_X");
        }
    }

    @Test
    void badValuesFailNamingTheSettingAndTheAcceptedValues() {
        Config c = Config.of(Map.of("MAX_DAILY_TRADES", "-3", "AUTO_TRADING", "sometimes", "RISK_PER_TRADE", "abc"));
        assertThatThrownBy(() -> c.integer("MAX_DAILY_TRADES", 10, 0, 10_000))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MAX_DAILY_TRADES")
                .hasMessageContaining("0..10000");
        assertThatThrownBy(() -> c.enumValue("AUTO_TRADING", Mode.class, Mode.OFF))
                .hasMessageContaining("AUTO_TRADING")
                .hasMessageContaining("off, paper, live");
        assertThatThrownBy(() -> c.decimal("RISK_PER_TRADE", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE))
                .hasMessageContaining("RISK_PER_TRADE");
    }

    @Test
    void parsesDurations() {
        Config c = Config.of(Map.of("A", "30s", "B", "500ms", "C", "PT2M", "D", "soon"));
        assertThat(c.duration("A", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.duration("B", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(c.duration("C", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> c.duration("D", Duration.ZERO)).hasMessageContaining("D=");
    }

    @Test
    void masksSecretsAndUrlPasswords() {
        Config c = Config.of(Map.of(
                "BINANCE_SECRET", "s3cr3t",
                "OPENAI_API_KEY", "sk-abc",
                "DATABASE_URL", "postgresql://bob:hunter2@db:5432/x",
                "PORT", "7070"));
        Map<String, String> shown = c.masked(List.of("BINANCE_SECRET", "OPENAI_API_KEY", "DATABASE_URL", "PORT"));
        assertThat(shown.toString()).doesNotContain("s3cr3t", "sk-abc", "hunter2");
        assertThat(shown)
                .containsEntry("DATABASE_URL", "postgresql://bob:****@db:5432/x")
                .containsEntry("PORT", "7070");
    }
}
