package io.cryptogo.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.journal.jdbc.JdbcDecisionStore;
import io.cryptogo.ai.provider.ChatModels;
import io.cryptogo.ai.testing.Inputs;
import io.cryptogo.ai.testing.LoopbackLlm;
import io.cryptogo.ai.testing.LoopbackLlm.Reply;
import io.cryptogo.ai.testing.LoopbackLlm.Wire;
import io.cryptogo.model.TradeSignal.Action;
import io.cryptogo.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The LLM generator driven through langchain4j's real OpenAI, Anthropic and Ollama clients against loopback
 * servers that speak each wire format.
 */
class LlmSignalGeneratorTest {
    private static final String WRONG_SIDE = "{\"action\":\"BUY\",\"confidence\":0.7,\"entry\":113472.5,"
            + "\"stop_loss\":114500,\"take_profit\":115422.5,\"reasoning\":\"x\"}";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Duration> slept = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private LoopbackLlm server(Wire wire) throws Exception {
        LoopbackLlm s = new LoopbackLlm(wire);
        open.add(s);
        return s;
    }

    private LlmSignalGenerator generator(LoopbackLlm s, DecisionStore store, Map<String, String> extra) {
        ChatModels.Configured m = ChatModels.fromConfig(s.config(extra)).orElseThrow();
        return LlmSignalGenerator.builder(m.model(), m.provider(), m.modelName())
                .jsonSchema(m.jsonSchema())
                .store(store)
                .sleeper(slept::add)
                .build();
    }

    private LlmSignalGenerator generator(LoopbackLlm s) {
        return generator(s, DecisionStore.inMemory(), Map.of());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aGoodAnswerIsParsedStoredAndThePromptCarriedTheSnapshot(Wire wire) throws Exception {
        LoopbackLlm s = server(wire).thenAnswer("```json\n" + Inputs.GOOD_BUY + "\n```\nGood luck!");
        try (var db = TestDatabases.h2("llm_" + wire)) {
            JdbcDecisionStore store = new JdbcDecisionStore(db.database());
            Decision d = generator(s, store, Map.of()).decide(Inputs.btc());

            assertThat(s.requests()).hasSize(1);
            assertThat(s.requests().get(0))
                    .contains(Inputs.MARKER.replace("\"", "\\\""))
                    .contains("BTC/USDT");
            assertThat(d.signal().action()).isEqualTo(Action.BUY);
            assertThat(d.signal().abstained()).isFalse();
            assertThat(d.signal().stopLoss())
                    .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("112497.5"));
            assertThat(d.signal().takeProfit())
                    .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("115422.5"));
            assertThat(d.signal().confidence()).isEqualTo(0.72);
            assertThat(d.generator()).startsWith("llm:" + wire.name().toLowerCase() + "/");
            assertThat(d.validation()).isEqualTo("ok");
            assertThat(d.retries()).isZero();
            assertThat(d.tokensIn()).isEqualTo(1200);
            assertThat(d.tokensOut()).isEqualTo(80);
            assertThat(d.templateVersion()).isEqualTo("v2");
            assertThat(d.promptHash()).hasValueSatisfying(h -> assertThat(h).hasSize(64));
            assertThat(d.prompt()).hasValueSatisfying(p -> assertThat(p).contains(Inputs.MARKER));
            assertThat(d.error()).isEmpty();

            Decision stored = store.find(d.id().orElseThrow()).orElseThrow();
            assertThat(stored.signal()).isEqualTo(d.signal());
            assertThat(stored.rawResponse()).contains("```json\n" + Inputs.GOOD_BUY + "\n```\nGood luck!");
            assertThat(stored.promptHash()).isEqualTo(d.promptHash());
            assertThat(stored.snapshot()).contains("113472.5");
            assertThat(store.find(DecisionQuery.latest(10).symbol(d.symbol()))).hasSize(1);
            if (wire == Wire.OLLAMA) {
                assertThat(stored.costUsd())
                        .hasValueSatisfying(c -> assertThat(c).isZero());
            } else {
                assertThat(stored.costUsd())
                        .hasValueSatisfying(c -> assertThat(c).isPositive());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void brokenJsonIsReaskedWithTheComplaintAndThenAccepted(Wire wire) throws Exception {
        LoopbackLlm s =
                server(wire).thenAnswer("{\"action\": \"BUY\", \"confidence\": 0.7, \"entry\": ", Inputs.GOOD_BUY);
        Decision d = generator(s).decide(Inputs.btc());

        assertThat(d.signal().action()).isEqualTo(Action.BUY);
        assertThat(d.retries()).isEqualTo(1);
        assertThat(d.validation()).startsWith("ok after answer 1: the answer is not valid JSON");
        assertThat(s.requests()).hasSize(2);
        assertThat(s.requests().get(1)).contains("Your answer was rejected").contains("not valid JSON");
        assertThat(d.tokensIn()).isEqualTo(2400);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aStopOnTheWrongSideThreeTimesAbstainsAfterTwoReasks(Wire wire) throws Exception {
        LoopbackLlm s = server(wire).thenAnswer(WRONG_SIDE, WRONG_SIDE, WRONG_SIDE);
        Decision d = generator(s).decide(Inputs.btc());

        assertThat(s.requests()).hasSize(3);
        assertThat(s.requests().get(1)).contains("BUY needs stop_loss < entry < take_profit");
        assertThat(d.signal().action()).isEqualTo(Action.HOLD);
        assertThat(d.signal().abstained()).isTrue();
        assertThat(d.signal().stopLoss()).isEmpty();
        assertThat(d.signal().confidence()).isZero();
        assertThat(d.signal().reasoning()).contains("broke the rules 3 time(s)").contains("stop_loss < entry");
        assertThat(d.retries()).isEqualTo(2);
        assertThat(d.validation()).startsWith("rejected: answer 1:").contains("answer 3:");
        assertThat(d.rawResponse()).contains(WRONG_SIDE);
        assertThat(d.error()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aConfidenceOfSevenIsRejectedAndCorrected(Wire wire) throws Exception {
        LoopbackLlm s = server(wire).thenAnswer(Inputs.GOOD_BUY.replace("0.72", "7"), Inputs.GOOD_BUY);
        Decision d = generator(s).decide(Inputs.btc());

        assertThat(s.requests().get(1)).contains("confidence must be a number between 0 and 1, got 7");
        assertThat(d.signal().action()).isEqualTo(Action.BUY);
        assertThat(d.signal().confidence()).isEqualTo(0.72);
        assertThat(d.retries()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aTimeoutAbstainsWithTheErrorAndNoRetry(Wire wire) throws Exception {
        // the reply comes far later than the 300 ms timeout, so the client surely gives up first
        LoopbackLlm s = server(wire).then(Reply.slow(Inputs.GOOD_BUY, 10_000));
        Decision d = generator(s, DecisionStore.inMemory(), Map.of("AI_TIMEOUT", "300ms"))
                .decide(Inputs.btc());

        assertThat(d.signal().abstained()).isTrue();
        assertThat(d.signal().action()).isEqualTo(Action.HOLD);
        assertThat(d.error()).hasValueSatisfying(e -> assertThat(e).contains("did not answer in time"));
        assertThat(d.retries()).isZero();
        assertThat(d.validation()).isEqualTo("not checked");
        assertThat(s.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void a429IsRetriedAfterItsRetryAfter(Wire wire) throws Exception {
        LoopbackLlm s = server(wire)
                .then(Reply.status(429, Map.of("Retry-After", "7"), "{\"error\":{\"message\":\"slow down\"}}"))
                .thenAnswer(Inputs.GOOD_BUY);
        Decision d = generator(s).decide(Inputs.btc());

        assertThat(slept).containsExactly(Duration.ofSeconds(7));
        assertThat(d.signal().action()).isEqualTo(Action.BUY);
        assertThat(d.retries()).isEqualTo(1);
        assertThat(s.requests()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void a429WithALongRetryAfterAbstainsAndNoCallIsMadeUntilThen(Wire wire) throws Exception {
        LoopbackLlm s = server(wire)
                .then(Reply.status(429, Map.of("Retry-After", "120"), "{\"error\":{\"message\":\"quota\"}}"));
        LlmSignalGenerator g = generator(s);
        Decision d = g.decide(Inputs.btc());

        assertThat(slept).isEmpty();
        assertThat(d.signal().abstained()).isTrue();
        assertThat(d.error())
                .hasValueSatisfying(e -> assertThat(e)
                        .contains("rate limited")
                        .contains("HTTP 429")
                        .contains("120000 ms"));
        Decision next = g.decide(Inputs.btc(Instant.parse("2025-01-01T11:00:00Z")));
        assertThat(next.signal().abstained()).isTrue();
        assertThat(next.error()).hasValueSatisfying(e -> assertThat(e).contains("no call made"));
        assertThat(s.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aServerErrorIsRetriedWithBackoffThenAbstains(Wire wire) throws Exception {
        LoopbackLlm s = server(wire)
                .then(
                        Reply.status(503, Map.of(), "{\"error\":\"overloaded\"}"),
                        Reply.status(502, Map.of(), "{\"error\":\"bad gateway\"}"),
                        Reply.status(500, Map.of(), "{\"error\":\"boom\"}"));
        Decision d = generator(s).decide(Inputs.btc());

        assertThat(s.requests()).hasSize(3);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(d.signal().abstained()).isTrue();
        assertThat(d.retries()).isEqualTo(2);
        assertThat(d.error()).hasValueSatisfying(e -> assertThat(e).contains("HTTP 500"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anEmptyAnswerAbstainsWithTheErrorRecorded(Wire wire) throws Exception {
        LoopbackLlm s = server(wire).thenAnswer("");
        Decision d = generator(s).decide(Inputs.btc());

        assertThat(d.signal().abstained()).isTrue();
        assertThat(d.signal().reasoning()).contains("empty answer");
        assertThat(d.error()).hasValueSatisfying(e -> assertThat(e).contains("empty answer"));
        assertThat(d.retries()).isZero();
        assertThat(s.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theSameQuestionTwiceCostsOneCallAndTheReplayIsMarkedCached(Wire wire) throws Exception {
        LoopbackLlm s = server(wire).thenAnswer(Inputs.GOOD_BUY);
        try (var db = TestDatabases.h2("cache_" + wire)) {
            JdbcDecisionStore store = new JdbcDecisionStore(db.database());
            Decision first = generator(s, store, Map.of()).decide(Inputs.btc());
            // a fresh generator (a restart, a backtest rerun) on the same journal
            Decision second = generator(s, store, Map.of()).decide(Inputs.btc());

            assertThat(s.requests()).hasSize(1);
            assertThat(second.cached()).isTrue();
            assertThat(second.signal().action()).isEqualTo(first.signal().action());
            assertThat(second.signal().stopLoss()).isEqualTo(first.signal().stopLoss());
            assertThat(second.tokensIn()).isZero();
            assertThat(second.costUsd()).hasValueSatisfying(c -> assertThat(c).isZero());
            assertThat(second.cacheKey()).isEqualTo(first.cacheKey());
            assertThat(store.find(DecisionQuery.latest(10))).hasSize(2);
        }
    }

    @Test
    void theCacheIsSharedAcrossOriginsAndEachDecisionIsJournaledWithItsOwn() throws Exception {
        LoopbackLlm s = server(Wire.OPENAI).thenAnswer(Inputs.GOOD_BUY);
        try (var db = TestDatabases.h2("cache_origin")) {
            JdbcDecisionStore store = new JdbcDecisionStore(db.database());
            LlmSignalGenerator g = generator(s, store, Map.of());
            // a backtest asks first (the model is called), the live loop then asks the same prompt (cache hit)
            Decision backtest = Decision.Origin.backtest("run-1").call(() -> g.decide(Inputs.btc()));
            Decision live = g.decide(Inputs.btc());
            // and a later backtest reuses it again
            Decision again = Decision.Origin.backtest().call(() -> g.decide(Inputs.btc()));

            assertThat(s.requests()).hasSize(1);
            assertThat(backtest.cached()).isFalse();
            assertThat(live.cached()).isTrue();
            assertThat(again.cached()).isTrue();
            assertThat(backtest.origin()).isEqualTo(Decision.Origin.backtest("run-1"));
            assertThat(live.origin()).isEqualTo(Decision.Origin.LIVE);
            assertThat(again.origin()).isEqualTo(Decision.Origin.backtest());
            assertThat(Decision.Origin.current()).isEqualTo(Decision.Origin.LIVE);

            assertThat(store.find(backtest.id().orElseThrow()).orElseThrow().origin())
                    .isEqualTo(Decision.Origin.backtest("run-1"));
            assertThat(store.find(DecisionQuery.latest(10).origin(Decision.Origin.Kind.LIVE)))
                    .extracting(d -> d.id().orElseThrow())
                    .containsExactly(live.id().orElseThrow());
            assertThat(store.find(DecisionQuery.latest(10).origin(Decision.Origin.Kind.BACKTEST)))
                    .hasSize(2);
            assertThat(store.find(DecisionQuery.latest(10))).hasSize(3);
        }
    }

    @Test
    void aDifferentSnapshotIsNotServedFromTheCache() throws Exception {
        LoopbackLlm s = server(Wire.OPENAI).thenAnswer(Inputs.GOOD_BUY, Inputs.GOOD_BUY);
        LlmSignalGenerator g = generator(s);
        g.decide(Inputs.btc());
        Decision other = g.decide(Inputs.btc(Instant.parse("2025-01-01T11:00:00Z")));

        assertThat(s.requests()).hasSize(2);
        assertThat(other.cached()).isFalse();
    }

    @Test
    void openAiGetsTheJsonSchemaResponseFormatWhenEnabled() throws Exception {
        LoopbackLlm s = server(Wire.OPENAI).thenAnswer(Inputs.GOOD_BUY);
        Decision d = generator(s, DecisionStore.inMemory(), Map.of("AI_JSON_SCHEMA", "true"))
                .decide(Inputs.btc());

        assertThat(d.signal().action()).isEqualTo(Action.BUY);
        assertThat(s.requests().get(0))
                .contains("json_schema")
                .contains("trade_signal")
                .containsPattern("\"temperature\"\\s*:\\s*0");
    }

    @Test
    void theChineseSnapshotIsSentWhenAsked() throws Exception {
        LoopbackLlm s = server(Wire.OPENAI).thenAnswer(Inputs.GOOD_BUY);
        ChatModels.Configured m = ChatModels.fromConfig(s.config(Map.of())).orElseThrow();
        LlmSignalGenerator g = LlmSignalGenerator.fromConfig(
                s.config(Map.of("AI_PROMPT_LANGUAGE", "zh")), m, DecisionStore.inMemory());
        Decision d = g.decide(Inputs.btc());

        assertThat(d.prompt()).hasValueSatisfying(p -> assertThat(p).contains("当前指标"));
    }

    @Test
    void aRefusalByTheContentFilterAbstainsWithoutRetry() throws Exception {
        String filtered = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":\"content_filter\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":0}}";
        LoopbackLlm s = server(Wire.OPENAI).then(Reply.status(200, Map.of(), filtered));
        Decision d = generator(s).decide(Inputs.btc());

        assertThat(d.signal().abstained()).isTrue();
        assertThat(d.error()).hasValueSatisfying(e -> assertThat(e).contains("refused"));
        assertThat(d.retries()).isZero();
        assertThat(s.requests()).hasSize(1);
    }

    @Test
    void theApiKeyNeverReachesTheJournal() throws Exception {
        LoopbackLlm s = server(Wire.OPENAI)
                .then(Reply.status(
                        401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-secret\"}}"));
        Decision d = generator(s).decide(Inputs.btc());

        assertThat(d.signal().abstained()).isTrue();
        assertThat(d.error())
                .hasValueSatisfying(e -> assertThat(e).contains("API key").doesNotContain("sk-test-secret"));
        assertThat(d.retries()).isZero();
    }

    @Test
    void anAnswerOutsideTheAtrBandIsReaskedWithTheNumbers() throws Exception {
        String tight = "{\"action\":\"BUY\",\"confidence\":0.6,\"entry\":113472.5,\"stop_loss\":113400,"
                + "\"take_profit\":113600,\"reasoning\":\"r\"}";
        LoopbackLlm s = server(Wire.OPENAI).thenAnswer(tight, Inputs.GOOD_BUY);
        Decision d = generator(s).decide(Inputs.btc());

        assertThat(s.requests().get(1)).contains("ATR").contains("between 325 and 2600 away from the entry");
        assertThat(d.signal().action()).isEqualTo(Action.BUY);
        assertThat(d.signal().entry()).isEqualByComparingTo(new BigDecimal("113472.5"));
    }

    private static final String SELL = "{\"action\":\"SELL\",\"confidence\":0.66,\"entry\":113472.5,"
            + "\"stop_loss\":null,\"take_profit\":null,\"reasoning\":\"4h trend turned, take profit\"}";

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aSellClosesTheLongHeldAndThePromptSaysWhatIsHeld(Wire wire) throws Exception {
        LoopbackLlm s = server(wire).thenAnswer(SELL);
        Decision d = generator(s).decide(Inputs.btc().withHolding(Holding.of("0.02", "110000")));

        assertThat(s.requests()).hasSize(1);
        assertThat(s.requests().get(0))
                .contains("Position held: long 0.02 BTC (average entry 110000)")
                .contains("SELL: close or reduce the long position held");
        assertThat(d.signal().action()).isEqualTo(Action.SELL);
        assertThat(d.signal().stopLoss()).isEmpty();
        assertThat(d.signal().takeProfit()).isEmpty();
        assertThat(d.validation()).isEqualTo("ok");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aSellWithoutAPositionIsRecordedAsAHoldSayingThereIsNoPositionToSell(Wire wire) throws Exception {
        LoopbackLlm s = server(wire).thenAnswer(SELL);
        DecisionStore journal = DecisionStore.inMemory();
        Decision d = generator(s, journal, Map.of()).decide(Inputs.btc());

        assertThat(s.requests().get(0))
                .contains("Position held: none (flat): you hold no BTC, so SELL is not possible");
        assertThat(d.signal().action()).isEqualTo(Action.HOLD);
        assertThat(d.signal().abstained()).isFalse();
        assertThat(d.signal().reasoning()).startsWith("no position to sell").contains("take profit");
        assertThat(d.rawResponse()).contains(SELL);
        assertThat(d.error()).isEmpty();
        assertThat(journal.find(d.id().orElseThrow())).contains(d);
    }

    @Test
    void aSellCarryingAShortsLevelsIsReaskedWithTheSpotRule() throws Exception {
        String shortLevels = "{\"action\":\"SELL\",\"confidence\":0.6,\"entry\":113472.5,\"stop_loss\":114447.5,"
                + "\"take_profit\":111522.5,\"reasoning\":\"r\"}";
        LoopbackLlm s = server(Wire.OPENAI).thenAnswer(shortLevels, SELL);
        Decision d = generator(s).decide(Inputs.btc().withHolding(Holding.of(new BigDecimal("0.5"))));

        assertThat(s.requests().get(1)).contains("there is no short").contains("set stop_loss and take_profit to null");
        assertThat(d.signal().action()).isEqualTo(Action.SELL);
        assertThat(d.retries()).isEqualTo(1);
    }
}
