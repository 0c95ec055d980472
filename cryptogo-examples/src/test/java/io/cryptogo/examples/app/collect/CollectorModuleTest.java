package io.cryptogo.examples.app.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.Eventually;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.examples.trading.TradingModule;
import io.cryptogo.model.Interval;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Trader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorModuleTest {
    @Test
    void theAppCollectsConfiguredHistoryAndSyncsThePaperAccount(@TempDir Path home) throws Exception {
        AppMarket market = new AppMarket(Instant.now());
        try (TestDatabases.Handle traderDb = TestDatabases.h2("collector-module-trader");
                Trader trader = Trader.builder()
                        .market(market)
                        .database(traderDb.database())
                        .build()) {
            CollectorModule collector = new CollectorModule();
            try (TestApp app = TestApp.start(
                    market,
                    AppSettings.ephemeral(),
                    Map.of(
                            "CRYPTOGO_HOME", home.toString(),
                            "COLLECT_INTERVALS", "1h",
                            "COLLECT_HISTORY_BARS", "48",
                            "COLLECT_STREAM", "false"),
                    new TradingModule(trader, ApiToken.of("t")),
                    collector)) {
                var db = app.app().cryptoGo().database();
                JdbcCandleStore store = new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
                Eventually.holds(
                        Duration.ofSeconds(60),
                        "48 closed 1h candles collected",
                        () -> store.count(AppMarket.BTC, Interval.H1) >= 48);
                assertThat(collector.collector()).isPresent();
                Eventually.holds(Duration.ofSeconds(60), "paper balances synced", () -> usdt(db).isPresent());
                assertThat(usdt(db).orElseThrow()).isEqualByComparingTo("10000");
            }
        }
    }

    @Test
    void collectEnabledFalseStartsNothing(@TempDir Path home) {
        CollectorModule collector = new CollectorModule();
        try (TestApp app = TestApp.start(
                new AppMarket(Instant.now()),
                AppSettings.ephemeral(),
                Map.of("CRYPTOGO_HOME", home.toString(), "COLLECT_ENABLED", "false"),
                collector)) {
            assertThat(collector.collector()).isEmpty();
            assertThat(home.resolve("cryptogo.mv.db")).doesNotExist();
        }
    }

    private static java.util.Optional<BigDecimal> usdt(io.cryptogo.store.jdbc.Database db) {
        try (var c = db.connection();
                var st = c.prepareStatement(
                        "SELECT free + locked FROM balances WHERE account_id = 'paper' AND asset = 'USDT'");
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? java.util.Optional.of(rs.getBigDecimal(1)) : java.util.Optional.empty();
        } catch (java.sql.SQLException e) {
            return java.util.Optional.empty();
        }
    }
}
