package io.cryptogo.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppMainTest {

    @Test
    void helpPrintsTheCommands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = AppMain.run(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve", "backfill");
    }

    @Test
    void anUnknownCommandFailsWithExitCode2() {
        assertThat(AppMain.run(new String[] {"dance"}, System.out)).isEqualTo(2);
    }

    @Test
    void theMarketComesFromTheOneFactoryAndFollowsTheSimSettings() {
        try (var cg = AppMain.createCryptoGo(
                Config.of(Map.of("EXCHANGE", "simulated", "SIM_SYMBOLS", "BTC/USDT,ETH/USDT")))) {
            assertThat(cg.market().source().simulated()).isTrue();
            assertThat(cg.market().symbols()).hasSize(2);
        }
    }

    @Test
    void theAppRefusesToStartWithALiveVenueWhenBinanceIsUnreachable(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Config config = Config.of(Map.of(
                "EXCHANGE", "binance",
                "BINANCE_BASE_URL", "http://127.0.0.1:" + closedPort,
                "BINANCE_PROBE_TIMEOUT", "2s",
                "TRADING_VENUE", "binance",
                "CRYPTOGO_HOME", home.toString()));
        try (var db = io.cryptogo.store.jdbc.Database.fromConfig(config)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AppMain.createServingCryptoGo(config, db))
                    .isInstanceOf(io.cryptogo.error.ExchangeUnavailableException.class)
                    .hasMessageContaining("EXCHANGE=binance")
                    .hasMessageContaining("TRADING_VENUE=binance")
                    .hasMessageContaining("AUTO_TRADING=off or paper");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AppMain.createCryptoGo(config))
                .isInstanceOf(io.cryptogo.error.ExchangeUnavailableException.class);
    }

    @Test
    void theStartupLineMasksSecrets() {
        Config c = Config.of(Map.of("BINANCE_SECRET", "s3cr3t", "PORT", "8080", "OPENAI_API_KEY", "sk-123"));
        assertThat(c.masked(AppMain.LOGGED_SETTINGS).toString())
                .contains("PORT=8080", "BINANCE_SECRET=****", "OPENAI_API_KEY=****")
                .doesNotContain("s3cr3t", "sk-123");
    }

    @Test
    void backfillLoadsCandlesIntoTheEmbeddedDatabaseAndShowsProgress(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
        Config config = Config.of(Map.of("EXCHANGE", "simulated", "CRYPTOGO_HOME", home.toString()));
        var bytes = new java.io.ByteArrayOutputStream();
        int exit = AppMain.backfill(
                new String[] {"--symbol", "BTC/USDT", "--interval", "1h", "--days", "3"},
                config,
                new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("BTC/USDT");
        try (var db = io.cryptogo.store.jdbc.Database.fromConfig(config);
                var c = db.connection();
                var rs = c.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM klines WHERE symbol = 'BTC/USDT' AND timeframe = '1h'")) {
            rs.next();
            assertThat(rs.getInt(1)).isBetween(72, 74);
        }
    }

    @Test
    void backfillRejectsABadIntervalNamingTheAcceptedValues(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) {
        Config config = Config.of(Map.of("EXCHANGE", "simulated", "CRYPTOGO_HOME", home.toString()));
        var bytes = new java.io.ByteArrayOutputStream();
        int exit = AppMain.backfill(
                new String[] {"--symbol", "BTC/USDT", "--interval", "2h", "--days", "3"},
                config,
                new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("1m, 5m, 15m, 1h, 4h, 1d");
    }

    @Test
    void theStartupLineShowsEveryCryptoGoSettingMaskedAndNothingElse() {
        Config c = Config.of(Map.of(
                "PAPER_FEE_RATE", "0.002", "AI_PROVIDER", "openai", "ANTHROPIC_API_KEY", "sk-ant-1", "HOME", "/root"));
        String shown = c.masked(AppMain.loggedSettings(c)).toString();
        assertThat(shown)
                .contains("PAPER_FEE_RATE=0.002", "AI_PROVIDER=openai", "ANTHROPIC_API_KEY=****")
                .doesNotContain("sk-ant-1", "HOME");
    }
}
