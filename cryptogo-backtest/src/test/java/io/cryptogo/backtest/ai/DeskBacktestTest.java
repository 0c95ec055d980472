package io.cryptogo.backtest.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.cryptogo.ai.LlmSignalGenerator;
import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.SignalInput;
import io.cryptogo.ai.desk.DeskRisk;
import io.cryptogo.ai.desk.DeskRiskRules;
import io.cryptogo.ai.desk.TradingDesk;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.Bar;
import io.cryptogo.backtest.Intent;
import io.cryptogo.backtest.Metrics;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategies;
import io.cryptogo.backtest.Strategy;
import io.cryptogo.backtest.TestBars;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.model.TradeSignal.Action;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desk evaluation through the backtester: rules, the single LLM and the multi-agent desk as {@link
 * SignalStrategy} over the same simulated BTC/USDT hours (seed 42), against buy-and-hold, on return, Sortino,
 * max drawdown and cost per decision. The models are an in-process fake that mirrors the rules (the trader
 * and the single LLM answer with the rule signal, the technical analyst with the trend), priced as
 * gpt-4o-mini on the tokens of the prompts they receive; the desk's risk check sees the backtest's position.
 * Writes {@code target/desk-backtest.md} (the table in docs/ai.md).
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class DeskBacktestTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final Instant END = Instant.parse("2025-07-01T00:00:00Z");
    static final int EVERY = 3;
    static final RuleSignalGenerator RULES = RuleSignalGenerator.builder().build();

    static volatile SignalInput current;
    static volatile double held;
    static volatile double equity = 10_000;

    /** Answers by the ROLE line like the rules would; tokens in from the prompt's length, 80 out. */
    static final ChatModel MIRROR = new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            String system = "";
            long chars = 0;
            for (ChatMessage m : request.messages()) {
                if (m instanceof SystemMessage s) {
                    system = s.text();
                    chars += s.text().length();
                } else if (m instanceof UserMessage u) {
                    chars += u.singleText().length();
                }
            }
            SignalInput in = current;
            String bias = in.contextEma20() > in.contextEma50() ? "bullish" : "bearish";
            String text;
            if (system.startsWith("ROLE: technical")) {
                text = "{\"bias\":\"" + bias + "\",\"confidence\":0.6,\"key_levels\":[],\"reasons\":[\"trend\"]}";
            } else if (system.startsWith("ROLE: bull")) {
                text = "{\"bias\":\"bullish\",\"conviction\":0.5,\"points\":[\"p\"]}";
            } else if (system.startsWith("ROLE: bear")) {
                text = "{\"bias\":\"bearish\",\"conviction\":0.5,\"points\":[\"p\"]}";
            } else if (system.startsWith("ROLE: research_manager")) {
                text = "{\"bias\":\"" + bias + "\",\"conviction\":0.5,\"points\":[\"trend\"]}";
            } else if (system.startsWith("ROLE: risk_commentary")) {
                text = "{\"verdict\":\"approve\",\"comment\":\"ok\"}";
            } else {
                TradeSignal s = RULES.generate(in);
                text = s.action() == Action.HOLD
                        ? "{\"action\":\"HOLD\",\"confidence\":0.5,\"entry\":null,\"stop_loss\":null,"
                                + "\"take_profit\":null,\"reasoning\":\"rules\"}"
                        : "{\"action\":\"" + s.action() + "\",\"confidence\":" + s.confidence() + ",\"entry\":"
                                + s.entry().toPlainString() + ",\"stop_loss\":"
                                + s.stopLoss().orElseThrow().toPlainString() + ",\"take_profit\":"
                                + s.takeProfit().orElseThrow().toPlainString() + ",\"reasoning\":\"rules\"}";
            }
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(text))
                    .tokenUsage(new TokenUsage((int) (chars / 4), 80))
                    .build();
        }
    };

    /** The generator, telling the fake model what it decides on. */
    static SignalGenerator seen(SignalGenerator g) {
        return new SignalGenerator() {
            @Override
            public String label() {
                return g.label();
            }

            @Override
            public Decision decide(SignalInput in) {
                current = in;
                return g.decide(in);
            }
        };
    }

    /** The strategy, keeping the position for the desk's risk check. */
    static Strategy tracking(SignalStrategy s) {
        return new Strategy() {
            @Override
            public Intent onBar(Bar bar) {
                held = bar.position();
                equity = bar.equity();
                return s.onBar(bar);
            }

            @Override
            public void prepare(PriceSeries series) {
                s.prepare(series);
            }

            @Override
            public String name() {
                return s.name();
            }
        };
    }

    record Row(String name, Metrics m, int decisions, BigDecimal cost) {}

    @Test
    void rulesSingleLlmAndDeskThroughTheBacktesterAgainstBuyAndHold() throws Exception {
        SimulatedMarket market = SimulatedMarket.builder()
                .seed(42)
                .symbols("BTC/USDT")
                .clock(Clock.fixed(END, ZoneOffset.UTC))
                .build();
        List<Candle> h1 =
                market.klines(KlineQuery.range(BTC, Interval.H1, Instant.parse("2025-04-01T00:00:00Z"), END)).stream()
                        .filter(c -> !c.closeTime().isAfter(END))
                        .toList();

        LlmSignalGenerator single = LlmSignalGenerator.builder(MIRROR, "openai", "gpt-4o-mini")
                .cache(false)
                .build();
        List<Row> rows = new ArrayList<>();
        rows.add(run("rules", RULES, h1));
        rows.add(run("single LLM", single, h1));
        try (TradingDesk desk = TradingDesk.builder(MIRROR, "openai", "gpt-4o-mini")
                .single(single)
                .cache(false)
                .risk(new DeskRiskRules(new BigDecimal("1000000"), 1000, new BigDecimal("0.02")))
                .accounts(sym ->
                        new DeskRisk.Account(BigDecimal.valueOf(held), BigDecimal.valueOf(Math.max(0, equity)), 0))
                .build()) {
            rows.add(run("desk", desk, h1));
        }
        BacktestResult bh = TestBars.offline(h1, Strategies.buyAndHold()).run();
        rows.add(new Row("buy and hold", bh.metrics(), 0, BigDecimal.ZERO));

        StringBuilder md = new StringBuilder(
                "| strategy | return | Sortino | max drawdown | trades | decisions | cost/decision (USD) |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %+.2f%% | %.2f | %.2f%% | %d | %d | %s |%n",
                    r.name(),
                    100 * r.m().totalReturn(),
                    r.m().sortino(),
                    100 * Math.abs(r.m().maxDrawdown()),
                    r.m().tradeCount(),
                    r.decisions(),
                    r.decisions() == 0
                            ? "–"
                            : r.cost()
                                    .divide(BigDecimal.valueOf(r.decisions()), 6, RoundingMode.HALF_UP)
                                    .toPlainString()));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nBTC/USDT simulated (seed 42), %d 1h bars to %s, a decision every %d bars, fee 0.1%%, slippage 5 bps.%n",
                h1.size(),
                END,
                EVERY));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "desk-backtest.md"), md);
        System.out.println(md);

        Row rules = rows.get(0);
        Row llm = rows.get(1);
        Row desk = rows.get(2);
        assertThat(rules.cost()).isZero();
        assertThat(llm.cost()).isPositive();
        assertThat(desk.cost()).isGreaterThan(llm.cost().multiply(BigDecimal.TWO));
        assertThat(llm.m().totalReturn()).isCloseTo(rules.m().totalReturn(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(desk.m().tradeCount()).isLessThanOrEqualTo(rules.m().tradeCount());
        assertThat(rules.decisions()).isEqualTo(desk.decisions()).isPositive();
    }

    private static Row run(String name, SignalGenerator g, List<Candle> h1) {
        held = 0;
        equity = 10_000;
        SignalStrategy s = SignalStrategy.of(seen(g)).every(EVERY);
        BacktestResult r = TestBars.offline(h1, tracking(s)).run();
        SignalStrategy.Usage u = s.modelUsage();
        int decisions = u.decisions();
        return new Row(name, r.metrics(), decisions, u.costUsd());
    }
}
