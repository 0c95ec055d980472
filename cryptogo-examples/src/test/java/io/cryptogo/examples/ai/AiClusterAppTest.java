package io.cryptogo.examples.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.journal.jdbc.JdbcDecisionStore;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.examples.trading.TradingModule;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Trader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two app instances in this JVM on one PostgreSQL schema, as in the cluster: the one that trades owns every
 * symbol's AI decisions (so they reach its trader), the other stands down; when the trading one stops, the
 * other takes the decisions over.
 */
@Timeout(180)
class AiClusterAppTest {
    static final Instant NOW = Instant.parse("2025-03-01T10:00:05Z");
    static final Instant H9 = Instant.parse("2025-03-01T09:00:00Z");

    TestDatabases.Handle pg;
    DecisionStore journal;
    Trader trader;
    TestApp trading;
    TestApp idle;
    final AppMarket tradingMarket = new AppMarket(NOW);
    final AppMarket idleMarket = new AppMarket(NOW);

    @BeforeEach
    void start() {
        pg = TestDatabases.postgres("ai-cluster-app");
        journal = new JdbcDecisionStore(pg.database());
        Map<String, String> config = Map.of(
                "DATABASE_URL",
                TestDatabases.PG_URL,
                "DATABASE_SCHEMA",
                pg.database().schema(),
                "AI_SYMBOLS",
                "BTC/USDT,ETH/USDT",
                "AI_LOOP_CHECK",
                "200ms");
        idle = TestApp.start(idleMarket, AppSettings.ephemeral(), config, ai());
        trader = Trader.builder().market(tradingMarket).database(pg.database()).build();
        trading = TestApp.start(
                tradingMarket,
                AppSettings.ephemeral(),
                config,
                new TradingModule(trader, ApiToken.of("cluster-token")),
                ai());
    }

    AiModule ai() {
        return AiModule.with(
                journal, RuleSignalGenerator.builder().store(journal).build(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws Exception {
        if (trading != null) {
            trading.close();
            trader.close();
        }
        idle.close();
        pg.close();
    }

    static AiLoopOwnership ownership(TestApp t) {
        return t.app().registry().service(AiLoopOwnership.class).orElseThrow();
    }

    long journaled(Symbol s) {
        return journal.find(DecisionQuery.latest(10).symbol(s).from(H9).to(H9)).size();
    }

    @Test
    void theTradingInstanceDecidesAndTheOtherTakesOverWhenItStops() {
        Set<Symbol> both = Set.of(FakeMarket.BTC, FakeMarket.ETH);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownership(trading).owned().equals(both)
                        && ownership(idle).owned().isEmpty());

        // both instances see the closed candle; the trading one decides it
        tradingMarket.emit(AppMarket.candle(FakeMarket.BTC, Interval.H1, H9, true));
        idleMarket.emit(AppMarket.candle(FakeMarket.BTC, Interval.H1, H9, true));
        await().atMost(Duration.ofSeconds(60)).until(() -> journaled(FakeMarket.BTC) >= 1);
        assertThat(journaled(FakeMarket.BTC)).isEqualTo(1);

        // the trading instance stops: the other owns every symbol and decides the next closed candle
        trading.close();
        trader.close();
        trading = null;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownership(idle).owned().equals(both));
        idleMarket.emit(AppMarket.candle(FakeMarket.ETH, Interval.H1, H9, true));
        await().atMost(Duration.ofSeconds(60)).until(() -> journaled(FakeMarket.ETH) >= 1);
        assertThat(journaled(FakeMarket.ETH)).isEqualTo(1);
    }
}
