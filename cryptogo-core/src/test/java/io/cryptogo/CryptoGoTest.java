package io.cryptogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class CryptoGoTest {
    static final List<String> LEAKY = List.of(
            "DATABASE_URL", "SIM_SEED", "TRADING_VENUE", "AUTO_TRADING", "EXCHANGE", "CRYPTOGO_HOME", "SIM_SYMBOLS");

    @Test
    void demoIgnoresTheEnvironmentAndSystemProperties(@TempDir Path home) throws Exception {
        Map<String, String> before = new java.util.HashMap<>();
        for (String k : LEAKY) {
            before.put(k, System.getProperty(k));
        }
        System.setProperty("DATABASE_URL", "postgresql://nobody:secret@127.0.0.1:9/none");
        System.setProperty("SIM_SEED", "7");
        System.setProperty("SIM_SYMBOLS", "DOGE/USDT");
        System.setProperty("TRADING_VENUE", "binance");
        System.setProperty("AUTO_TRADING", "live");
        System.setProperty("EXCHANGE", "binance");
        System.setProperty("CRYPTOGO_HOME", home.toString());
        try (CryptoGo cg = CryptoGo.demo();
                var seed42 = io.cryptogo.market.sim.SimulatedMarket.builder()
                        .seed(42)
                        .build()) {
            assertThat(cg.config().get("DATABASE_URL")).isEmpty();
            assertThat(cg.config().string("TRADING_VENUE", "?")).isEqualTo("paper");
            assertThat(cg.config().string("AUTO_TRADING", "?")).isEqualTo("off");
            assertThat(cg.market().source().kind()).isEqualTo(SourceInfo.Kind.SIMULATED);
            assertThat(cg.market().symbols()).hasSize(5);
            // the seed is 42, whatever SIM_SEED says: an old, closed stretch of history is identical
            var q = io.cryptogo.market.KlineQuery.range(
                    io.cryptogo.model.Symbol.parse("BTC/USDT"),
                    Interval.H1,
                    java.time.Instant.parse("2025-01-01T00:00:00Z"),
                    java.time.Instant.parse("2025-01-02T00:00:00Z"));
            assertThat(cg.market().klines(q)).isEqualTo(seed42.klines(q));
            assertThat(cg.database().kind()).isEqualTo(io.cryptogo.store.jdbc.Database.Kind.H2);
            assertThat(cg.database().displayUrl()).startsWith("jdbc:h2:mem:");
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        try (var files = java.nio.file.Files.list(home)) {
            assertThat(files).isEmpty(); // nothing written under CRYPTOGO_HOME
        }
    }

    @Test
    void everyDemoStartsFromAnEmptyDatabaseAndDropsItAtClose() throws Exception {
        String url;
        try (CryptoGo first = CryptoGo.demo();
                var c = first.database().connection();
                var st = c.createStatement()) {
            url = first.database().displayUrl();
            st.execute("INSERT INTO accounts (id, venue, created_at, updated_at) VALUES ('paper', 'paper', 1, 1)");
        }
        try (CryptoGo second = CryptoGo.demo();
                var c = second.database().connection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*) FROM accounts")) {
            assertThat(second.database().displayUrl()).isNotEqualTo(url);
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        // the first one is gone: opening its URL without creating finds nothing
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url + ";IFEXISTS=TRUE")
                        .close())
                .isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void closeClosesWhatItBuiltAndNothingTheCallerPassedIn(@TempDir Path home) throws Exception {
        // built: the market from EXCHANGE and the database from the settings are closed
        CryptoGo built =
                CryptoGo.fromConfig(Config.of(Map.of("EXCHANGE", "simulated", "CRYPTOGO_HOME", home.toString())));
        var builtDb = built.database();
        built.close();
        built.close(); // idempotent
        assertThatThrownBy(() -> built.market().stream("BTC/USDT", Interval.M1, c -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builtDb::connection).isInstanceOf(java.sql.SQLException.class);

        // passed in: the caller's market and database stay open
        try (var market = io.cryptogo.market.sim.SimulatedMarket.builder().build();
                var db = io.cryptogo.store.jdbc.Database.builder().inMemory().build()) {
            CryptoGo cg = CryptoGo.builder()
                    .config(Config.of(Map.of()))
                    .market(market)
                    .database(db)
                    .build();
            assertThat(cg.database()).isSameAs(db);
            cg.close();
            try (var h = market.stream("BTC/USDT", Interval.M1, c -> {});
                    var c = db.connection()) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void closeDeclaresNoCheckedException() throws Exception {
        assertThat(CryptoGo.class.getMethod("close").getExceptionTypes()).isEmpty();
        assertThat(io.cryptogo.store.jdbc.Database.class.getMethod("close").getExceptionTypes())
                .isEmpty();
        assertThat(io.cryptogo.market.MarketDataSource.class.getMethod("close").getExceptionTypes())
                .isEmpty();
    }

    @Test
    void simulatedExchangeNeedsNoNetworkAndSaysSo(@TempDir Path home) {
        try (CryptoGo cg =
                CryptoGo.fromConfig(Config.of(Map.of("EXCHANGE", "simulated", "CRYPTOGO_HOME", home.toString())))) {
            List<Candle> c = cg.market().klines("BTC/USDT", Interval.H1, 100);
            assertThat(c).hasSize(100);
            assertThat(c.get(0).openTime()).isBefore(c.get(99).openTime());
            assertThat(cg.market().source().kind()).isEqualTo(SourceInfo.Kind.SIMULATED);
            assertThat(cg.market().ticker("BTC/USDT").price()).isPositive();
        }
    }

    @Test
    void unreachableBinanceFallsBackToTheSimulatedMarketWithTheReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Config config = Config.of(Map.of(
                "EXCHANGE", "binance",
                "BINANCE_BASE_URL", "http://127.0.0.1:" + closedPort,
                "BINANCE_PROBE_TIMEOUT", "2s"));
        try (CryptoGo cg = CryptoGo.fromConfig(config)) {
            SourceInfo source = cg.market().source();
            assertThat(source.kind()).isEqualTo(SourceInfo.Kind.SIMULATED);
            assertThat(source.reason()).contains("Binance unreachable").contains("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void anUnknownExchangeFailsAtStartNamingTheSetting() {
        assertThatThrownBy(() -> CryptoGo.fromConfig(Config.of(Map.of("EXCHANGE", "kraken"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXCHANGE")
                .hasMessageContaining("binance, simulated");
    }

    @Test
    void theDatabaseOpensLazilyOnEmbeddedH2(@TempDir Path home) {
        try (CryptoGo cg =
                CryptoGo.fromConfig(Config.of(Map.of("EXCHANGE", "simulated", "CRYPTOGO_HOME", home.toString())))) {
            assertThat(home.resolve("cryptogo.mv.db")).doesNotExist();
            assertThat(cg.database().kind()).isEqualTo(io.cryptogo.store.jdbc.Database.Kind.H2);
            assertThat(home.resolve("cryptogo.mv.db")).exists();
        }
    }

    @Test
    void binanceFromSettingsReportsFuturesDataForTheSnapshot() {
        try (var b = io.cryptogo.market.binance.BinanceMarketData.fromConfig(
                Config.of(Map.of("BINANCE_FUTURES_BASE_URL", "http://127.0.0.1:9")))) {
            assertThat(b.derivatives()).containsInstanceOf(io.cryptogo.market.binance.BinanceFuturesData.class);
        }
    }
}
