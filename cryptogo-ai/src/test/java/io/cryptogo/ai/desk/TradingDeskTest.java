package io.cryptogo.ai.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.ai.desk.jdbc.JdbcAgentCallStore;
import io.cryptogo.ai.desk.news.NewsItem;
import io.cryptogo.ai.desk.news.NewsSource;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.journal.jdbc.JdbcDecisionStore;
import io.cryptogo.ai.provider.ChatModels;
import io.cryptogo.ai.testing.Inputs;
import io.cryptogo.ai.testing.LoopbackLlm.Wire;
import io.cryptogo.model.TradeSignal.Action;
import io.cryptogo.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The desk against loopback OpenAI, Anthropic and Ollama servers, through langchain4j's real clients. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TradingDeskTest {
    static final String TECH_BULL = "{\"bias\":\"bullish\",\"confidence\":0.7,\"key_levels\":[112500,115400],"
            + "\"reasons\":[\"4h EMA20 above EMA50\",\"MACD rising\"]}";
    static final String TECH_NEUTRAL =
            "{\"bias\":\"neutral\",\"confidence\":0.5,\"key_levels\":[],\"reasons\":[\"no edge\"]}";
    static final String BULL = "{\"bias\":\"bullish\",\"conviction\":0.6,\"points\":[\"trend up\"]}";
    static final String BEAR = "{\"bias\":\"bearish\",\"conviction\":0.4,\"points\":[\"RSI high\"]}";
    static final String MANAGER = "{\"bias\":\"bullish\",\"conviction\":0.6,\"points\":[\"trend wins\"]}";
    static final String APPROVE = "{\"verdict\":\"approve\",\"comment\":\"fine\"}";
    static final String HOLD = "{\"action\":\"HOLD\",\"confidence\":0.5,\"entry\":113472.5,\"stop_loss\":null,"
            + "\"take_profit\":null,\"reasoning\":\"no edge\"}";
    static final Instant T = Instant.parse("2025-01-01T10:00:00Z");

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    static Map<String, String> answers() {
        Map<String, String> m = new HashMap<>();
        m.put("technical", TECH_BULL);
        m.put("bull", BULL);
        m.put("bear", BEAR);
        m.put("research_manager", MANAGER);
        m.put("trader", Inputs.GOOD_BUY);
        m.put("risk_commentary", APPROVE);
        m.put("single", Inputs.GOOD_BUY);
        return m;
    }

    static NewsItem item(String title, String text) {
        return NewsItem.of("test", title, text, Optional.of(T.minusSeconds(600)), 400);
    }

    static Map<String, String> withSentiment(Map<String, String> m, double score, List<NewsItem> items) {
        m.put(
                "sentiment",
                "{\"score\":" + score + ",\"items_used\":[\"" + items.get(0).id() + "\"],\"summary\":\"calm\"}");
        return m;
    }

    private DeskLoopback server(Wire wire, Map<String, String> answers) throws Exception {
        DeskLoopback s = new DeskLoopback(wire, DeskLoopback.byRole(answers));
        open.add(s);
        return s;
    }

    private TradingDesk.Builder desk(DeskLoopback s) {
        ChatModels.Configured m = s.model();
        return TradingDesk.builder(m.model(), m.provider(), m.modelName()).maxTokensOut(100);
    }

    private TradingDesk build(TradingDesk.Builder b) {
        TradingDesk d = b.build();
        open.add(d);
        return d;
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void everyRoleAnswersAndTheTranscriptIsJournaledWithItsDecision(Wire wire) throws Exception {
        List<NewsItem> news = List.of(item("ETF inflows rise", "Spot ETF inflows rose for a third day."));
        DeskLoopback s = server(wire, withSentiment(answers(), 0.3, news));
        try (var db = TestDatabases.h2("desk_" + wire)) {
            TradingDesk desk = build(desk(s).news(NewsSource.of(news))
                    .store(new JdbcDecisionStore(db.database()))
                    .calls(new JdbcAgentCallStore(db.database())));

            Decision d = desk.decide(Inputs.btc());

            assertThat(d.signal().action()).isEqualTo(Action.BUY);
            assertThat(d.signal().abstained()).isFalse();
            assertThat(d.generator())
                    .isEqualTo(desk.label())
                    .startsWith("desk:" + wire.name().toLowerCase());
            assertThat(d.templateVersion()).isEqualTo(TradingDesk.VERSION);
            assertThat(d.signal().reasoning()).contains("size by the risk check");
            List<AgentCall> t = desk.transcript(d);
            assertThat(t)
                    .extracting(AgentCall::role)
                    .containsSubsequence(
                            DeskRole.BULL,
                            DeskRole.BEAR,
                            DeskRole.RESEARCH_MANAGER,
                            DeskRole.TRADER,
                            DeskRole.RISK_CHECK,
                            DeskRole.RISK_COMMENTARY);
            assertThat(t.subList(0, 2))
                    .extracting(AgentCall::role)
                    .containsExactlyInAnyOrder(DeskRole.TECHNICAL, DeskRole.SENTIMENT);
            assertThat(t).allSatisfy(c -> assertThat(c.error()).isEmpty());
            AgentCall tech = t.stream()
                    .filter(c -> c.role() == DeskRole.TECHNICAL)
                    .findFirst()
                    .orElseThrow();
            assertThat(tech.prompt()).hasValueSatisfying(p -> assertThat(p).contains(Inputs.MARKER));
            assertThat(tech.promptHash()).isPresent();
            assertThat(tech.rawAnswer()).contains(TECH_BULL);
            assertThat(tech.view()).contains("\"bias\":\"bullish\"");
            assertThat(tech.usage().tokensIn()).isEqualTo(1200);
            assertThat(d.tokensIn()).isEqualTo(7 * 1200);
            AgentCall check = t.stream()
                    .filter(c -> c.role() == DeskRole.RISK_CHECK)
                    .findFirst()
                    .orElseThrow();
            assertThat(check.model()).isEqualTo("code");
            assertThat(check.view()).contains("\"approved\":true").contains("\"quantity\":\"0.00881270\"");
            if (wire == Wire.OLLAMA) {
                assertThat(d.costUsd()).contains(BigDecimal.ZERO.setScale(6));
            } else {
                assertThat(d.costUsd()).hasValueSatisfying(c -> assertThat(c).isPositive());
            }
            assertThat(desk.decisions().find(d.id().orElseThrow())).isPresent();
        }
    }

    @Test
    void withoutNewsTheDeskDecidesOnTheTechnicalViewAloneAndSaysSo() throws Exception {
        DeskLoopback s = server(Wire.OPENAI, answers());
        Decision d = build(desk(s).debateRounds(0)).decide(Inputs.btc());

        assertThat(d.signal().action()).isEqualTo(Action.BUY);
        assertThat(d.signal().reasoning()).contains("no news: technical view only");
        assertThat(s.count("sentiment")).isZero();
        assertThat(s.count("bull")).isZero();
        assertThat(s.count("research_manager")).isZero();
    }

    @Test
    void twoDebateRoundsMakeTwoBullAndTwoBearTurns() throws Exception {
        DeskLoopback s = server(Wire.OPENAI, answers());
        TradingDesk desk = build(desk(s).debateRounds(2));
        Decision d = desk.decide(Inputs.btc());

        assertThat(s.count("bull")).isEqualTo(2);
        assertThat(s.count("bear")).isEqualTo(2);
        assertThat(desk.transcript(d))
                .filteredOn(c -> c.role() == DeskRole.BEAR)
                .extracting(AgentCall::round)
                .containsExactly(1, 2);
        assertThat(s.requests().stream()
                        .filter(r -> r.role().equals("bear"))
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .user())
                .contains("Bull's last case");
    }

    @Test
    void aSlowAnalystTimesOutAloneAndADeadTechnicalAnalystMeansAnAbstainedHold() throws Exception {
        List<NewsItem> news = List.of(item("quiet day", "nothing happens"));
        Map<String, String> a = withSentiment(answers(), 0.2, news);
        DeskLoopback s = server(Wire.OPENAI, a);
        s.respond((role, req) -> new DeskLoopback.Reply(a.get(role), role.equals("sentiment") ? 3000 : 0));
        TradingDesk desk = build(desk(s).news(NewsSource.of(news)).agentTimeout(Duration.ofMillis(700)));

        Decision d = desk.decide(Inputs.btc());

        assertThat(d.signal().action()).isEqualTo(Action.BUY);
        assertThat(d.signal().reasoning()).contains("sentiment unavailable: technical view only");
        assertThat(desk.transcript(d))
                .filteredOn(c -> c.role() == DeskRole.SENTIMENT)
                .singleElement()
                .satisfies(c -> assertThat(c.error())
                        .hasValueSatisfying(e -> assertThat(e).contains("timed out after 700 ms")));

        s.respond((role, req) -> new DeskLoopback.Reply(a.get(role), role.equals("technical") ? 3000 : 0));
        Decision dead = desk.decide(Inputs.btc(T.plusSeconds(3600)));
        assertThat(dead.signal().action()).isEqualTo(Action.HOLD);
        assertThat(dead.abstained()).isTrue();
        assertThat(dead.signal().reasoning()).contains("technical analyst failed");
    }

    @Test
    void aTraderWhoseAnswersBreakTheRulesIsReaskedThenAbstains() throws Exception {
        Map<String, String> a = answers();
        a.put(
                "trader",
                "{\"action\":\"BUY\",\"confidence\":7,\"entry\":113472.5,\"stop_loss\":114500,\"take_profit\":115422.5}");
        DeskLoopback s = server(Wire.OPENAI, a);
        TradingDesk desk = build(desk(s).debateRounds(0));
        Decision d = desk.decide(Inputs.btc());

        assertThat(s.count("trader")).isEqualTo(3);
        assertThat(d.signal().action()).isEqualTo(Action.HOLD);
        assertThat(d.abstained()).isTrue();
        assertThat(d.signal().reasoning()).contains("the trader failed");
        assertThat(d.validation()).startsWith("rejected: answer 1: confidence must be");
        assertThat(d.retries()).isEqualTo(2);
    }

    @Test
    void theCodeVetoOverridesTheLlmRiskApproval() throws Exception {
        DeskLoopback s = server(Wire.OPENAI, answers());
        // 0.01 BTC held is worth 1134.7 USDT: above MAX_POSITION_SIZE=1000, so no BUY
        TradingDesk desk = build(desk(s).debateRounds(0)
                .accounts(sym -> new DeskRisk.Account(new BigDecimal("0.01"), new BigDecimal("10000"), 0)));

        Decision d = desk.decide(Inputs.btc());

        assertThat(d.signal().action()).isEqualTo(Action.HOLD);
        assertThat(d.signal().stopLoss()).isEmpty();
        assertThat(d.signal().reasoning()).contains("risk veto (final): MAX_POSITION_SIZE");
        assertThat(s.count("risk_commentary"))
                .as("an approval cannot undo a veto: it is not even asked")
                .isZero();
        assertThat(desk.transcript(d))
                .filteredOn(c -> c.role() == DeskRole.RISK_CHECK)
                .singleElement()
                .satisfies(c -> assertThat(c.view()).contains("\"approved\":false"));
    }

    @Test
    void spotOnlyASellWithNothingHeldIsVetoed() throws Exception {
        Map<String, String> a = answers();
        a.put("technical", "{\"bias\":\"bearish\",\"confidence\":0.7,\"key_levels\":[],\"reasons\":[\"down\"]}");
        a.put(
                "trader",
                "{\"action\":\"SELL\",\"confidence\":0.7,\"entry\":113472.5,\"stop_loss\":null,"
                        + "\"take_profit\":null,\"reasoning\":\"down\"}");
        DeskLoopback s = server(Wire.OPENAI, a);
        Decision d = build(desk(s).debateRounds(0)).decide(Inputs.btc());

        // spot: a SELL (which carries no levels) with nothing held is a HOLD, never a short
        assertThat(d.signal().action()).isEqualTo(Action.HOLD);
        assertThat(d.signal().abstained()).isFalse();
        assertThat(d.signal().reasoning())
                .containsAnyOf("spot only: SELL closes or reduces a long", "no position to sell");
    }

    @Test
    void theRiskCommentaryCanLowerButNeverRaise() throws Exception {
        Map<String, String> a = answers();
        a.put("risk_commentary", "{\"verdict\":\"approve\",\"confidence\":0.99,\"comment\":\"raise it, buy 10 BTC\"}");
        DeskLoopback s = server(Wire.OPENAI, a);
        // no response cache: the same risk question gets a new scripted answer each time
        TradingDesk desk = build(desk(s).debateRounds(0).cache(false));
        Decision up = desk.decide(Inputs.btc());
        assertThat(up.signal().action()).isEqualTo(Action.BUY);
        assertThat(up.signal().confidence()).isEqualTo(0.72);

        a.put("risk_commentary", "{\"verdict\":\"reduce\",\"confidence\":0.4,\"comment\":\"volatile\"}");
        Decision down = desk.decide(Inputs.btc(T.plusSeconds(3600)));
        assertThat(down.signal().confidence()).isEqualTo(0.4);

        a.put("risk_commentary", "{\"verdict\":\"hold\",\"comment\":\"event risk\"}");
        Decision hold = desk.decide(Inputs.btc(T.plusSeconds(7200)));
        assertThat(hold.signal().action()).isEqualTo(Action.HOLD);
        assertThat(hold.signal().reasoning()).contains("turned the trade into a HOLD");
    }

    @Test
    void aPerDecisionBudgetFallsBackToTheSingleLlmAndADayBudgetToTheRules() throws Exception {
        List<NewsItem> news = List.of(item("quiet day", "nothing happens"));
        DeskLoopback s = server(Wire.OPENAI, withSentiment(answers(), 0.2, news));
        // one loopback call costs 1200 × 0.15 + 80 × 0.60 per million = 0.000228 USD
        TradingDesk perDecision = build(desk(s).news(NewsSource.of(news))
                .budget(new DeskBudget.Limits(
                        Optional.of(new BigDecimal("0.0005")), Optional.empty(), Optional.empty(), Optional.empty())));
        Decision d = perDecision.decide(Inputs.btc());

        assertThat(d.generator()).isEqualTo("desk->llm:openai/gpt-4o-mini");
        assertThat(d.signal().action()).isEqualTo(Action.BUY);
        assertThat(d.signal().reasoning()).startsWith("desk budget exhausted (DESK_MAX_COST_PER_DECISION=0.0005 USD");
        assertThat(s.count("single")).isEqualTo(1);
        assertThat(s.count("trader")).isZero();
        assertThat(perDecision.transcript(d)).extracting(AgentCall::role).contains(DeskRole.FALLBACK);

        TradingDesk perDay = build(desk(s).news(NewsSource.of(news))
                .budget(new DeskBudget.Limits(
                        Optional.empty(), Optional.of(new BigDecimal("0.0003")), Optional.empty(), Optional.empty())));
        Decision r = perDay.decide(Inputs.btc());
        assertThat(r.generator()).isEqualTo("desk->rules");
        assertThat(r.signal().reasoning()).contains("DESK_MAX_COST_PER_DAY=0.0003 USD");
        long before = s.requests().size();
        Decision next = perDay.decide(Inputs.btc(T.plusSeconds(3600)));
        assertThat(next.generator()).isEqualTo("desk->rules");
        assertThat(s.requests()).hasSize((int) before);
    }

    @Test
    void aReplayOfADeskDecisionMakesNoModelCall() throws Exception {
        List<NewsItem> news = List.of(item("ETF inflows rise", "Spot ETF inflows rose for a third day."));
        DeskLoopback s = server(Wire.OPENAI, withSentiment(answers(), 0.3, news));
        try (var db = TestDatabases.h2("desk_replay")) {
            DecisionStore store = new JdbcDecisionStore(db.database());
            AgentCallStore calls = new JdbcAgentCallStore(db.database());
            Decision first = build(
                            desk(s).news(NewsSource.of(news)).store(store).calls(calls))
                    .decide(Inputs.btc());
            int made = s.requests().size();
            assertThat(made).isEqualTo(7);

            // a new desk on the same journal (another process, a backtest rerun)
            TradingDesk again =
                    build(desk(s).news(NewsSource.of(news)).store(store).calls(calls));
            Decision replay = again.decide(Inputs.btc());

            assertThat(s.requests()).hasSize(made);
            assertThat(replay.signal().action()).isEqualTo(first.signal().action());
            assertThat(replay.signal().stopLoss()).isEqualTo(first.signal().stopLoss());
            assertThat(replay.cached()).isTrue();
            assertThat(replay.costUsd()).contains(BigDecimal.ZERO);
            assertThat(again.transcript(replay))
                    .filteredOn(c -> c.prompt().isPresent())
                    .allSatisfy(c -> assertThat(c.usage().cached()).isTrue());
        }
    }
}
