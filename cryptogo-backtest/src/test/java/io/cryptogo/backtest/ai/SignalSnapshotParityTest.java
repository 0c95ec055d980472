package io.cryptogo.backtest.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.cryptogo.CryptoGo;
import io.cryptogo.ai.DecisionLoop;
import io.cryptogo.ai.LlmSignalGenerator;
import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.SignalInput;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.backtest.Backtest;
import io.cryptogo.config.Config;
import io.cryptogo.model.Interval;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * For the same candles and decision time, a backtest's signal strategy hands the generator the same input as the
 * live {@link DecisionLoop}: the same snapshot (1h decisions, 4h context, 500 candles closed by T) and so the same
 * LLM prompt, byte for byte.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalSnapshotParityTest {
    /** Every candle of the run has closed by now. */
    private static final Instant NOW = Instant.parse("2025-03-01T10:30:05Z");

    /** Records what it is asked and decides with the rules (here: flat, so SELL reads HOLD). */
    private static final class Recording implements SignalGenerator {
        final Map<Instant, SignalInput> seen = new TreeMap<>();
        final SignalGenerator rules = RuleSignalGenerator.builder().build();

        @Override
        public String label() {
            return "recording";
        }

        @Override
        public Decision decide(SignalInput in) {
            seen.put(in.asOf(), in);
            return rules.decide(in);
        }
    }

    /** Renders prompts only; never called. */
    private static final LlmSignalGenerator PROMPTS = LlmSignalGenerator.builder(
                    new ChatModel() {
                        @Override
                        public ChatResponse doChat(ChatRequest request) {
                            throw new AssertionError("no model call expected");
                        }
                    },
                    "openai",
                    "gpt-4o-mini")
            .build();

    @Test
    void theBacktestSendsTheLiveLoopsPromptForTheSameCandlesAndDecisionTime() throws Exception {
        Recording backtest = new Recording();
        try (var h = TestDatabases.h2("bt_parity");
                CryptoGo cg = CryptoGo.builder()
                        .config(Config.of(Map.of()))
                        .market(new FakeMarket(NOW))
                        .database(h.database())
                        .build()) {
            // a strategy that never trades keeps the run flat, as the live loop's default holdings
            var r = Backtest.on(cg)
                    .interval(Interval.H1)
                    .from("2025-02-27T00:00:00Z")
                    .to("2025-03-01T09:00:00Z")
                    .strategy(SignalStrategy.of(backtest))
                    .run();
            assertThat(r.bars()).isEqualTo(58);
            assertThat(r.fills()).isEmpty();
        }
        assertThat(backtest.seen).hasSize(58); // the market gives the history: no warm-up bar is skipped

        for (String t : List.of(
                "2025-02-27T01:00:00Z", // the first bar's close
                "2025-02-28T12:00:00Z", // a 4h candle has just closed
                "2025-02-28T13:00:00Z",
                "2025-03-01T10:00:00Z")) { // the last bar
            Instant decisionTime = Instant.parse(t);
            Recording live = new Recording();
            FakeMarket market = new FakeMarket(decisionTime.plusSeconds(5)); // live, just after the close
            try (DecisionLoop loop = DecisionLoop.builder(market, live)
                    .symbols(List.of(FakeMarket.BTC))
                    .clock(Clock.fixed(decisionTime.plusSeconds(5), ZoneOffset.UTC))
                    .build()) {
                loop.analyze(FakeMarket.BTC);
            }
            SignalInput a = live.seen.get(decisionTime);
            SignalInput b = backtest.seen.get(decisionTime);
            assertThat(a).as("live decision at %s", t).isNotNull();
            assertThat(b).as("backtest decision at %s", t).isNotNull();
            assertThat(b.contextInterval()).isEqualTo(Interval.H4);
            assertThat(b.json()).as(t).isEqualTo(a.json());
            assertThat(b.text(Locale.ENGLISH)).as(t).isEqualTo(a.text(Locale.ENGLISH));
            assertThat(PROMPTS.prompt(b).text())
                    .as(t)
                    .isEqualTo(PROMPTS.prompt(a).text());
        }
    }
}
