package io.cryptogo.ai.desk;

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
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.model.TradeSignal.Action;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The evaluation harness: rules, the single LLM and the desk replayed over the same closed candles of the
 * simulated market (seed 42, BTC/USDT, 1h decisions on a 4h context), each on the same spot long-only
 * simulation (all-in on a BUY at the next bar's open, out at the stop or target within a bar, stop first, or
 * at the next open after a SELL; 0.1% fee a side), against buy-and-hold. The models are an in-process fake
 * that mirrors the rules (the trader and the single LLM answer with the rule signal, the technical analyst
 * with the 4h trend), priced as gpt-4o-mini by the tokens of the prompts they get: differences in return
 * come from the desk's code guards only, and the cost column is what the extra roles cost. Writes {@code
 * target/desk-evaluation.md}; docs/ai.md holds the table.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class DeskEvaluationTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final Instant END = Instant.parse("2025-07-01T00:00:00Z");
    static final int STEP = 3;
    static final double FEE = 0.001;

    /** The input being decided, for the fake model. */
    static volatile SignalInput current;

    /** The simulated account, for the desk's risk check (spot: a SELL needs a position). */
    static volatile double held;

    static volatile double equityNow;

    static final RuleSignalGenerator RULES = RuleSignalGenerator.builder().build();

    /** Answers by role like the rules would; input tokens from the prompt's length, 80 out. */
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
            boolean up = in.contextEma20() > in.contextEma50();
            String bias = up ? "bullish" : "bearish";
            String text;
            if (system.startsWith("ROLE: technical")) {
                text = "{\"bias\":\"" + bias + "\",\"confidence\":0.6,\"key_levels\":[],\"reasons\":[\"4h trend\"]}";
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
                        ? "{\"action\":\"HOLD\",\"confidence\":0.5,\"entry\":null,\"stop_loss\":null,\"take_profit\":null,\"reasoning\":\"rules\"}"
                        : "{\"action\":\"" + s.action() + "\",\"confidence\":" + s.confidence() + ",\"entry\":"
                                + s.entry().toPlainString() + ",\"stop_loss\":"
                                + s.stopLoss().orElseThrow().toPlainString()
                                + ",\"take_profit\":"
                                + s.takeProfit().orElseThrow().toPlainString() + ",\"reasoning\":\"rules\"}";
            }
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(text))
                    .tokenUsage(new TokenUsage((int) (chars / 4), 80))
                    .build();
        }
    };

    record Row(
            String name,
            double totalReturn,
            double sortino,
            double maxDrawdown,
            int decisions,
            int trades,
            double costPerDecision) {}

    @Test
    void rulesSingleLlmAndDeskAgainstBuyAndHold() throws Exception {
        SimulatedMarket market = SimulatedMarket.builder()
                .seed(42)
                .symbols("BTC/USDT")
                .clock(Clock.fixed(END, ZoneOffset.UTC))
                .build();
        List<Candle> h1 = market.klines(KlineQuery.range(BTC, Interval.H1, Instant.parse("2025-04-01T00:00:00Z"), END));
        List<Candle> h4 = market.klines(KlineQuery.range(BTC, Interval.H4, Instant.parse("2025-01-01T00:00:00Z"), END));
        h1 = h1.stream().filter(c -> !c.closeTime().isAfter(END)).toList();
        h4 = h4.stream().filter(c -> !c.closeTime().isAfter(END)).toList();

        LlmSignalGenerator single = LlmSignalGenerator.builder(MIRROR, "openai", "gpt-4o-mini")
                .cache(false)
                .build();
        List<Row> rows = new ArrayList<>();
        rows.add(run("rules", RULES, h1, h4));
        rows.add(run("single LLM", single, h1, h4));
        try (TradingDesk desk = TradingDesk.builder(MIRROR, "openai", "gpt-4o-mini")
                .single(single)
                .cache(false)
                .accounts(sym -> new DeskRisk.Account(BigDecimal.valueOf(held), BigDecimal.valueOf(equityNow), 0))
                .risk(new DeskRiskRules(new BigDecimal("1000000"), 1000, new BigDecimal("0.02")))
                .build()) {
            rows.add(run("desk", desk, h1, h4));
        }
        rows.add(buyAndHold(h1));

        StringBuilder md = new StringBuilder(
                "| strategy | return | Sortino | max drawdown | decisions | trades | cost/decision (USD) |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %+.2f%% | %.2f | %.2f%% | %d | %d | %s |%n",
                    r.name(),
                    100 * r.totalReturn(),
                    r.sortino(),
                    100 * r.maxDrawdown(),
                    r.decisions(),
                    r.trades(),
                    r.name().equals("buy and hold") ? "–" : String.format(Locale.ROOT, "%.6f", r.costPerDecision())));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nBTC/USDT simulated (seed 42), 1h decisions every %d bars, %s to %s, fee %.1f%% a side.%n",
                STEP,
                h1.get(300).closeTime(),
                END,
                100 * FEE));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "desk-evaluation.md"), md);
        System.out.println(md);

        Row rules = rows.get(0);
        Row llm = rows.get(1);
        Row desk = rows.get(2);
        assertThat(rules.costPerDecision()).isZero();
        assertThat(llm.costPerDecision()).isPositive();
        assertThat(desk.costPerDecision()).isGreaterThan(2 * llm.costPerDecision());
        // the fake single LLM answers as the rules do: the same trades, the same return
        assertThat(llm.trades()).isEqualTo(rules.trades());
        assertThat(llm.totalReturn()).isCloseTo(rules.totalReturn(), org.assertj.core.data.Offset.offset(1e-9));
        // the desk only removes trades (spot: SELL without a position, sizing limits), never adds
        assertThat(desk.trades()).isLessThanOrEqualTo(rules.trades());
        assertThat(rows).allSatisfy(r -> assertThat(r.maxDrawdown()).isBetween(0.0, 1.0));
    }

    private static Row run(String name, SignalGenerator g, List<Candle> h1, List<Candle> h4) {
        double cash = 10_000;
        double qty = 0;
        double stop = 0;
        double target = 0;
        boolean exitNext = false;
        boolean enterNext = false;
        double pendingStop = 0;
        double pendingTarget = 0;
        int decisions = 0;
        int trades = 0;
        BigDecimal cost = BigDecimal.ZERO;
        List<Double> equity = new ArrayList<>();
        int ctxEnd = 0;
        for (int i = 300; i < h1.size(); i++) {
            Candle bar = h1.get(i);
            double open = bar.open().doubleValue();
            // orders decided on the previous bar fill at this bar's open
            if (exitNext && qty > 0) {
                cash = qty * open * (1 - FEE);
                qty = 0;
            }
            if (enterNext && qty == 0) {
                qty = cash * (1 - FEE) / open;
                cash = 0;
                stop = pendingStop;
                target = pendingTarget;
                trades++;
            }
            exitNext = false;
            enterNext = false;
            // protective exits within the bar, the stop first
            if (qty > 0) {
                if (bar.low().doubleValue() <= stop) {
                    cash = qty * Math.min(open, stop) * (1 - FEE);
                    qty = 0;
                } else if (bar.high().doubleValue() >= target) {
                    cash = qty * Math.max(open, target) * (1 - FEE);
                    qty = 0;
                }
            }
            double close = bar.close().doubleValue();
            equity.add(cash + qty * close);
            held = qty;
            equityNow = cash + qty * close;
            if ((i - 300) % STEP != 0) {
                continue;
            }
            Instant asOf = bar.closeTime();
            while (ctxEnd < h4.size() && !h4.get(ctxEnd).closeTime().isAfter(asOf)) {
                ctxEnd++;
            }
            SignalInput in = SignalInput.of(MarketSnapshot.fromCandles(
                    BTC,
                    h1.subList(i - 299, i + 1),
                    h4.subList(Math.max(0, ctxEnd - 300), ctxEnd),
                    Optional.empty(),
                    10,
                    asOf));
            current = in;
            Decision d = g.decide(in);
            decisions++;
            cost = cost.add(d.costUsd().orElse(BigDecimal.ZERO));
            TradeSignal s = d.signal();
            if (s.action() == Action.BUY && qty == 0) {
                enterNext = true;
                pendingStop = s.stopLoss().orElseThrow().doubleValue();
                pendingTarget = s.takeProfit().orElseThrow().doubleValue();
            } else if (s.action() == Action.SELL && qty > 0) {
                exitNext = true;
            }
        }
        return row(name, equity, decisions, trades, decisions == 0 ? 0 : cost.doubleValue() / decisions);
    }

    private static Row buyAndHold(List<Candle> h1) {
        double qty = 10_000 * (1 - FEE) / h1.get(301).open().doubleValue();
        List<Double> equity = new ArrayList<>();
        equity.add(10_000.0);
        for (int i = 301; i < h1.size(); i++) {
            equity.add(qty * h1.get(i).close().doubleValue());
        }
        return row("buy and hold", equity, 0, 1, 0);
    }

    private static Row row(String name, List<Double> equity, int decisions, int trades, double costPerDecision) {
        double peak = equity.get(0);
        double maxDd = 0;
        double sum = 0;
        double downside = 0;
        int n = 0;
        for (int i = 1; i < equity.size(); i++) {
            double r = equity.get(i) / equity.get(i - 1) - 1;
            sum += r;
            downside += r < 0 ? r * r : 0;
            n++;
            peak = Math.max(peak, equity.get(i));
            maxDd = Math.max(maxDd, 1 - equity.get(i) / peak);
        }
        double mean = n == 0 ? 0 : sum / n;
        double dd = n == 0 ? 0 : Math.sqrt(downside / n);
        double sortino = dd == 0 ? 0 : mean / dd * Math.sqrt(24 * 365);
        double ret = equity.get(equity.size() - 1) / 10_000 - 1;
        return new Row(name, ret, sortino, maxDd, decisions, trades, costPerDecision);
    }
}
