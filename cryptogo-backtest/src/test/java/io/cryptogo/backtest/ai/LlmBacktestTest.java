package io.cryptogo.backtest.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.ai.LlmSignalGenerator;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.journal.jdbc.JdbcDecisionStore;
import io.cryptogo.ai.provider.ChatModels;
import io.cryptogo.backtest.Backtest;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.cli.BacktestCommands;
import io.cryptogo.config.Config;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.testing.FakeOpenAi;
import io.cryptogo.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An LLM strategy through the real OpenAI client against a loopback OpenAI-compatible server: the first run calls
 * the model (counted at the server) and reports calls, tokens and cost; the same run again is answered by the
 * response cache ({@code ai_decisions}) with no call and the same trades; a budget of calls or of cost stops the
 * calls and the report says when.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LlmBacktestTest {
    /** gpt-4o-mini: 0.15 USD per million tokens in, 0.60 out; the fake reports 1200 in and 80 out per call. */
    private static final BigDecimal COST_PER_CALL = new BigDecimal("0.000228");

    @Test
    void modelCallsAreCountedPricedCachedAndCappedByTheBudget() throws Exception {
        try (FakeOpenAi server = FakeOpenAi.start();
                var h = TestDatabases.h2("bt_llm");
                CryptoGo cg = CryptoGo.builder()
                        .config(Config.of(Map.of()))
                        .market(SimulatedMarket.builder().seed(11).build())
                        .database(h.database())
                        .build()) {
            ChatModels.Configured m = ChatModels.fromConfig(server.config()).orElseThrow();
            DecisionStore journal = new JdbcDecisionStore(cg.database());
            LlmSignalGenerator llm = LlmSignalGenerator.builder(m.model(), m.provider(), m.modelName())
                    .store(journal)
                    .build();
            Backtest bt = Backtest.on(cg)
                    .from("2025-03-01")
                    .to("2025-03-10")
                    .strategy(SignalStrategy.of(llm).every(6));

            BacktestResult first = bt.run();
            int n = server.calls();
            assertThat(n).isEqualTo(40); // 240 bars, one decision every 6
            assertThat(first.fills()).isNotEmpty();
            String usage =
                    "decisions " + n + ", model calls " + n + ", cache hits 0, tokens " + 1200 * n + " in / " + 80 * n
                            + " out, cost "
                            + COST_PER_CALL
                                    .multiply(BigDecimal.valueOf(n))
                                    .stripTrailingZeros()
                                    .toPlainString()
                            + " USD";
            assertThat(first.strategy()).contains(usage).doesNotContain("budget");
            assertThat(first.summary().text()).contains(usage);

            // journaled as a backtest's decisions, not the app's live ones
            assertThat(journal.find(DecisionQuery.latest(1000).origin(Decision.Origin.Kind.BACKTEST)))
                    .hasSize(n)
                    .allMatch(d -> d.origin().equals(Decision.Origin.backtest()));
            assertThat(journal.find(DecisionQuery.latest(1000).origin(Decision.Origin.Kind.LIVE)))
                    .isEmpty();

            BacktestResult again = bt.run();
            assertThat(server.calls()).isEqualTo(n); // every answer from the cache
            assertThat(again.strategy())
                    .contains("decisions " + n + ", model calls 0, cache hits " + n
                            + ", tokens 0 in / 0 out, cost 0 USD");
            assertThat(again.fills()).isEqualTo(first.fills());
            assertThat(again.trades()).isEqualTo(first.trades());
            assertThat(again.equity()).isEqualTo(first.equity());

            // a run with an id: its cache hits are journaled under it
            Backtest.on(cg)
                    .from("2025-03-01")
                    .to("2025-03-02")
                    .strategy(SignalStrategy.of(llm).every(6).runId("bt-42"))
                    .run();
            assertThat(server.calls()).isEqualTo(n);
            assertThat(journal.find(DecisionQuery.latest(1000)))
                    .filteredOn(d -> d.origin().run().isPresent())
                    .isNotEmpty()
                    .allMatch(d -> d.origin().equals(Decision.Origin.backtest("bt-42")) && d.cached());

            // a budget of 3 calls on days the cache has not seen: 3 calls, then HOLDs without a call
            BacktestResult capped = Backtest.on(cg)
                    .from("2025-04-01")
                    .to("2025-04-10")
                    .strategy(SignalStrategy.of(llm).every(6).budget(3, new BigDecimal("10")))
                    .run();
            assertThat(server.calls()).isEqualTo(n + 3);
            assertThat(capped.strategy())
                    .contains("decisions 3, model calls 3,")
                    .contains("budget reached at 2025-04-01T18:00:00Z: 37 later decisions held without a call");
            assertThat(capped.summary().text()).contains("budget reached at");
            assertThat(capped.decisions())
                    .allMatch(d -> d.time().isBefore(java.time.Instant.parse("2025-04-01T18:00:00Z")));

            // a cost cap: the call that reaches 0.0005 USD (the third, 0.000684) is the last one
            BacktestResult costCapped = Backtest.on(cg)
                    .from("2025-05-01")
                    .to("2025-05-10")
                    .strategy(SignalStrategy.of(llm).every(6).budget(1000, new BigDecimal("0.0005")))
                    .run();
            assertThat(server.calls()).isEqualTo(n + 6);
            assertThat(costCapped.strategy()).contains("model calls 3,", "cost 0.000684 USD", "budget reached at");
        }
    }

    @Test
    void theCommandLineRunsTheConfiguredLlmWithItsBudget() throws Exception {
        try (FakeOpenAi server = FakeOpenAi.start();
                var h = TestDatabases.h2("bt_llm_cli");
                CryptoGo cg = CryptoGo.builder()
                        .config(server.config())
                        .market(SimulatedMarket.builder().seed(11).build())
                        .database(h.database())
                        .build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = BacktestCommands.backtest(
                    new String[] {
                        "--strategy",
                        "signals",
                        "--from",
                        "2025-03-01",
                        "--to",
                        "2025-03-03",
                        "--every",
                        "4",
                        "--budget-calls",
                        "5",
                        "--run-id",
                        "cli-1"
                    },
                    cg,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(server.calls()).isEqualTo(5);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains(
                            "signals(llm:openai/gpt-4o-mini) [decisions 5, model calls 5, cache hits 0, tokens 6000 in")
                    .contains("budget reached at 2025-03-01T20:00:00Z: 13 later decisions held without a call");
            assertThat(new JdbcDecisionStore(cg.database()).find(DecisionQuery.latest(1000)))
                    .hasSize(5)
                    .allMatch(d -> d.origin().equals(Decision.Origin.backtest("cli-1")));

            code = BacktestCommands.backtest(
                    new String[] {"--strategy", "ema-cross", "--from", "2025-03-01", "--every", "4"},
                    cg,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("go with --strategy signals");
        }
    }
}
