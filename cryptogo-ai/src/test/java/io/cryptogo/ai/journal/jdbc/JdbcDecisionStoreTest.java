package io.cryptogo.ai.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.testing.Inputs;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcDecisionStoreTest {
    private static TestDatabases.Handle postgres;
    private static TestDatabases.Handle h2;

    @BeforeAll
    static void open() {
        postgres = TestDatabases.postgres("ai_journal");
        h2 = TestDatabases.h2("ai_journal");
    }

    @AfterAll
    static void close() throws Exception {
        postgres.close();
        h2.close();
    }

    /** The class's database of that kind, emptied. */
    static Database db(String kind) throws Exception {
        Database d = (kind.equals("postgres") ? postgres : h2).database();
        try (var c = d.connection();
                var st = c.createStatement()) {
            st.execute("DELETE FROM ai_decisions");
        }
        return d;
    }

    static Decision llmDecision(Instant candle, String cacheKey, Optional<String> error) {
        return llmDecision(candle, cacheKey, error, "v1");
    }

    static Decision llmDecision(Instant candle, String cacheKey, Optional<String> error, String version) {
        TradeSignal s = RuleSignalGenerator.builder().build().generate(Inputs.btc(candle));
        TradeSignal relabelled = TradeSignal.builder(s.symbol(), s.interval(), s.action())
                .confidence(s.confidence())
                .entry(s.entry())
                .stopLoss(s.stopLoss())
                .takeProfit(s.takeProfit())
                .reasoning(s.reasoning())
                .generator("llm:openai/gpt-4o-mini")
                .decidedAt(s.decidedAt())
                .candleTime(s.candleTime())
                .build();
        return new Decision(
                Optional.empty(),
                relabelled,
                version,
                Optional.of("a".repeat(64)),
                Optional.of("[system]\n…"),
                "{\"price\":113472.5}",
                Optional.of(Inputs.GOOD_BUY),
                "ok",
                1,
                1200,
                80,
                Duration.ofMillis(842),
                Optional.of(new BigDecimal("0.000228")),
                error,
                false,
                Optional.of(cacheKey),
                Optional.of(SourceInfo.Kind.BINANCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void storesEveryFieldAndReadsItBack(String kind) throws Exception {
        {
            DecisionStore store = new JdbcDecisionStore(db(kind));
            String version = "v1+system:" + "s".repeat(60) + "@0123456789ab+user:" + "u".repeat(60) + "@0123456789ab";
            Decision d = llmDecision(Instant.parse("2025-01-01T10:00:00Z"), "k1", Optional.empty(), version);
            Decision saved = store.save(d);

            assertThat(saved.id()).isPresent();
            Decision back = store.find(saved.id().get()).orElseThrow();
            assertThat(back)
                    .usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(saved);
            assertThat(back.marketSource()).contains(SourceInfo.Kind.BINANCE);
            assertThat(store.find(999_999)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void theMarketSourceIsStoredAndAnOldRowWithoutOneReadsAsUnknown(String kind) throws Exception {
        Database db = db(kind);
        DecisionStore store = new JdbcDecisionStore(db);
        Instant t = Instant.parse("2025-01-01T10:00:00Z");
        Decision sim = llmDecision(t, "s", Optional.empty());
        sim = new Decision(
                sim.id(),
                sim.signal(),
                sim.templateVersion(),
                sim.promptHash(),
                sim.prompt(),
                sim.snapshot(),
                sim.rawResponse(),
                sim.validation(),
                sim.retries(),
                sim.tokensIn(),
                sim.tokensOut(),
                sim.latency(),
                sim.costUsd(),
                sim.error(),
                sim.cached(),
                sim.cacheKey(),
                Optional.of(SourceInfo.Kind.SIMULATED));
        long id = store.save(sim).id().orElseThrow();
        try (var c = db.connection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT market_source FROM ai_decisions WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("simulated");
        }
        // a row journaled before V7 (or on data whose source the caller did not name)
        long old = store.save(llmDecision(t, "o", Optional.empty())).id().orElseThrow();
        try (var c = db.connection();
                var st = c.createStatement()) {
            st.executeUpdate("UPDATE ai_decisions SET market_source = NULL WHERE id = " + old);
        }
        Decision back = store.find(old).orElseThrow();
        assertThat(back.marketSource()).isEmpty();
        assertThat(back.marketSourceLabel()).isEqualTo("unknown");
        assertThat(store.find(id).orElseThrow().marketSourceLabel()).isEqualTo("simulated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void theOriginIsStoredFilteredAndARowWrittenWithoutOneIsLive(String kind) throws Exception {
        Database db = db(kind);
        DecisionStore store = new JdbcDecisionStore(db);
        Instant t = Instant.parse("2025-01-01T10:00:00Z");
        Decision live = store.save(llmDecision(t, "k", Optional.empty()));
        Decision run = store.save(
                llmDecision(t.plusSeconds(3600), "k", Optional.empty()).withOrigin(Decision.Origin.backtest("run-9")));
        Decision anon = store.save(
                llmDecision(t.plusSeconds(7200), "k", Optional.empty()).withOrigin(Decision.Origin.backtest()));
        assertThat(live.origin()).isEqualTo(Decision.Origin.LIVE);
        assertThat(store.find(run.id().orElseThrow()).orElseThrow().origin())
                .isEqualTo(Decision.Origin.backtest("run-9"));
        assertThat(store.find(anon.id().orElseThrow()).orElseThrow().origin()).isEqualTo(Decision.Origin.backtest());
        assertThat(store.find(DecisionQuery.latest(10).origin(Decision.Origin.Kind.LIVE)))
                .extracting(d -> d.id().orElseThrow())
                .containsExactly(live.id().orElseThrow());
        assertThat(store.find(DecisionQuery.latest(10).origin(Decision.Origin.Kind.BACKTEST)))
                .extracting(d -> d.id().orElseThrow())
                .containsExactly(anon.id().orElseThrow(), run.id().orElseThrow());
        assertThat(store.find(DecisionQuery.latest(10))).hasSize(3);
        assertThat(store.find(DecisionQuery.latest(10)
                        .origin(Decision.Origin.Kind.LIVE)
                        .anyOrigin()))
                .hasSize(3);
        // the response cache ignores the origin: the first answer to the key, whoever asked
        assertThat(store.cached("k").orElseThrow().id()).isEqualTo(live.id());
        // a row written by code that does not know the column (as every row before V16) is live
        try (var c = db.connection();
                var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ai_decisions (symbol, timeframe, candle_time, decided_at, generator, action,"
                    + " confidence, entry) VALUES ('BTC/USDT', '1h', 0, 0, 'rules', 'HOLD', 0, 97000)");
        }
        assertThat(store.find(DecisionQuery.latest(10).origin(Decision.Origin.Kind.LIVE)))
                .hasSize(2)
                .allMatch(d -> d.origin().equals(Decision.Origin.LIVE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aSellJournaledWithAShortsLevelsBeforeSpotSemanticsReadsBackWithoutThem(String kind) throws Exception {
        Database db = db(kind);
        DecisionStore store = new JdbcDecisionStore(db);
        long id = store.save(llmDecision(Instant.parse("2025-01-01T10:00:00Z"), "x", Optional.empty()))
                .id()
                .orElseThrow();
        try (var c = db.connection();
                var st = c.createStatement()) {
            st.executeUpdate("UPDATE ai_decisions SET action = 'SELL', stop_loss = 114447.5, take_profit = 111522.5"
                    + " WHERE id = " + id);
        }
        Decision back = store.find(id).orElseThrow();
        assertThat(back.signal().action()).isEqualTo(TradeSignal.Action.SELL);
        assertThat(back.signal().stopLoss()).isEmpty();
        assertThat(back.signal().takeProfit()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void queriesBySymbolAndCandleTimeNewestFirst(String kind) throws Exception {
        {
            DecisionStore store = new JdbcDecisionStore(db(kind));
            Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
            for (int i = 0; i < 5; i++) {
                store.save(llmDecision(t0.plus(Duration.ofHours(i)), "k" + i, Optional.empty()));
            }
            Symbol btc = Symbol.parse("BTC/USDT");
            var mid = store.find(DecisionQuery.latest(10)
                    .symbol(btc)
                    .from(t0.plus(Duration.ofHours(1)))
                    .to(t0.plus(Duration.ofHours(3))));
            assertThat(mid)
                    .extracting(d -> d.signal().candleTime())
                    .containsExactly(
                            t0.plus(Duration.ofHours(3)), t0.plus(Duration.ofHours(2)), t0.plus(Duration.ofHours(1)));
            assertThat(store.find(DecisionQuery.latest(2))).hasSize(2);
            assertThat(store.find(DecisionQuery.latest(10).symbol(Symbol.parse("ETH/USDT"))))
                    .isEmpty();
            assertThat(store.latest(btc).orElseThrow().signal().candleTime()).isEqualTo(t0.plus(Duration.ofHours(4)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void theCacheServesOnlyAnswersWithoutAProviderFault(String kind) throws Exception {
        {
            DecisionStore store = new JdbcDecisionStore(db(kind));
            Instant t = Instant.parse("2025-01-01T00:00:00Z");
            store.save(llmDecision(t, "faulty", Optional.of("the model did not answer in time")));
            Decision good = store.save(llmDecision(t, "good", Optional.empty()));
            Decision ok = llmDecision(t, "rejected", Optional.empty());
            TradeSignal abstained = TradeSignal.abstain(
                    ok.symbol(),
                    ok.signal().interval(),
                    ok.signal().entry(),
                    "abstained: the model's answer broke the rules 3 time(s)",
                    ok.generator(),
                    ok.signal().decidedAt(),
                    ok.signal().candleTime());
            store.save(new Decision(
                    Optional.empty(),
                    abstained,
                    "v1",
                    ok.promptHash(),
                    ok.prompt(),
                    ok.snapshot(),
                    ok.rawResponse(),
                    "rejected: answer 1: …",
                    2,
                    3600,
                    240,
                    ok.latency(),
                    ok.costUsd(),
                    Optional.empty(),
                    false,
                    ok.cacheKey()));

            assertThat(store.cached("rejected")).isEmpty();

            assertThat(store.cached("faulty")).isEmpty();
            assertThat(store.cached("good").flatMap(Decision::id)).isEqualTo(good.id());
            assertThat(store.cached("absent")).isEmpty();
        }
    }
}
