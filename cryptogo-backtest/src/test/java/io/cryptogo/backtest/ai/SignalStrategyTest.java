package io.cryptogo.backtest.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.backtest.Backtest;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.LookaheadAudit;
import io.cryptogo.backtest.TestBars;
import io.cryptogo.config.Config;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.TestDatabases;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SignalStrategyTest {
    private static final java.util.List<io.cryptogo.model.Candle> DATA = TestBars.walk(900, 21);

    @Test
    void theRulesGeneratorTradesAndAJournalReplayRerunsItExactlyWithoutAModelCall() {
        DecisionStore journal = DecisionStore.inMemory();
        SignalGenerator rules = RuleSignalGenerator.builder().build();
        SignalStrategy live = SignalStrategy.of(rules).journal(journal);
        BacktestResult first = TestBars.offline(DATA, live).run();
        assertThat(first.decisions()).isNotEmpty();
        assertThat(first.fills()).isNotEmpty();
        // journaled as a backtest's decisions (the app's AI history lists live ones by default)
        assertThat(journal.find(io.cryptogo.ai.journal.DecisionQuery.latest(1000)))
                .hasSize(661)
                .allMatch(d -> d.origin().equals(io.cryptogo.ai.journal.Decision.Origin.backtest()));

        JournalReplay replay = JournalReplay.of(journal, rules.label());
        BacktestResult again = TestBars.offline(DATA, replay).run();
        assertThat(again.fills()).isEqualTo(first.fills());
        assertThat(again.equity()).isEqualTo(first.equity());
        assertThat(first.strategy()).contains("decisions 661, model calls 0, cache hits 0");
        assertThat(again.strategy()).isEqualTo("journal(rules)");
    }

    @Test
    void aSignalGeneratorSeesOnlyClosedCandles() {
        var rep = LookaheadAudit.run(
                TestBars.offline(
                        DATA, SignalStrategy.of(RuleSignalGenerator.builder().build())),
                3);
        assertThat(rep.clean()).as(rep.toString()).isTrue();
    }

    @Test
    void aStoreWithHourlyCandlesOnlyGetsItsContextBuiltFromThemAndDecidesFromTheFirstBar() throws Exception {
        try (var h = TestDatabases.h2("bt_sig_store");
                CryptoGo cg = CryptoGo.builder()
                        .config(Config.of(Map.of()))
                        .market(SimulatedMarket.builder().build())
                        .database(h.database())
                        .build()) {
            new JdbcCandleStore(h.database(), SourceInfo.Kind.BINANCE).upsertAll(DATA); // 1h only, no 4h
            Instant from = DATA.get(600).openTime();
            Instant to = DATA.get(899).openTime();
            BacktestResult r = Backtest.on(cg)
                    .data(Backtest.Data.STORE)
                    .from(from)
                    .to(to)
                    .strategy(SignalStrategy.of(RuleSignalGenerator.builder().build()))
                    .run();
            assertThat(r.bars()).isEqualTo(300);
            assertThat(r.strategy()).contains("decisions 300, model calls 0").doesNotContain("warm-up");
        }
        // offline, the first bars wait for 60 closed 4h candles
        assertThat(TestBars.offline(
                                DATA,
                                SignalStrategy.of(RuleSignalGenerator.builder().build()))
                        .run()
                        .strategy())
                .contains("239 bars held for warm-up");
    }

    @Test
    void withTheMarketAsHistoryTheLookaheadAuditStaysClean() throws Exception {
        try (var h = TestDatabases.h2("bt_sig_audit");
                CryptoGo cg = CryptoGo.builder()
                        .config(Config.of(Map.of()))
                        .market(SimulatedMarket.builder().seed(3).build())
                        .database(h.database())
                        .build()) {
            var rep = LookaheadAudit.run(
                    Backtest.on(cg)
                            .from("2025-02-01")
                            .to("2025-02-14")
                            .strategy(SignalStrategy.of(
                                    RuleSignalGenerator.builder().build())),
                    3);
            assertThat(rep.clean()).as(rep.toString()).isTrue();
            assertThat(rep.decisionsCompared()).isPositive();
        }
    }
}
