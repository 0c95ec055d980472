package io.cryptogo.examples.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.CryptoGo;
import io.cryptogo.ai.LlmSignalGenerator;
import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.journal.jdbc.JdbcDecisionStore;
import io.cryptogo.ai.provider.ChatModels;
import io.cryptogo.backtest.Backtest;
import io.cryptogo.backtest.ai.SignalStrategy;
import io.cryptogo.config.Config;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.testing.FakeOpenAi;
import io.cryptogo.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backtest of an LLM strategy (the real OpenAI client against a loopback server) journals into the app's
 * journal; the app's decision list shows the live decisions unless asked for the backtest's ({@code
 * ?origin=backtest}) or every one ({@code ?origin=all}).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BacktestOriginTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:05Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAppListsLiveDecisionsUnlessAskedForTheBacktestOnes() throws Exception {
        try (FakeOpenAi server = FakeOpenAi.start();
                var h = TestDatabases.h2("ai_origin");
                CryptoGo cg = CryptoGo.builder()
                        .config(Config.of(Map.of()))
                        .market(SimulatedMarket.builder().seed(11).build())
                        .database(h.database())
                        .build()) {
            DecisionStore store = new JdbcDecisionStore(cg.database());
            ChatModels.Configured m = ChatModels.fromConfig(server.config()).orElseThrow();
            LlmSignalGenerator llm = LlmSignalGenerator.builder(m.model(), m.provider(), m.modelName())
                    .store(store)
                    .build();
            Backtest.on(cg)
                    .from("2025-02-01")
                    .to("2025-02-03")
                    .strategy(SignalStrategy.of(llm).every(6).runId("bt-7"))
                    .run();
            int backtest = store.find(DecisionQuery.latest(1000)).size();
            assertThat(backtest).isEqualTo(server.calls()).isPositive();

            try (TestApp t = TestApp.start(
                    new AppMarket(NOW),
                    AppSettings.ephemeral(),
                    Map.of("AI_LOOP", "false"),
                    AiModule.with(
                            store,
                            RuleSignalGenerator.builder().store(store).build(),
                            Clock.fixed(NOW, ZoneOffset.UTC)))) {
                String token =
                        t.app().registry().service(ApiToken.class).orElseThrow().value();
                HttpResponse<String> analyzed =
                        t.send(HttpRequest.newBuilder(URI.create(t.url() + "/api/v1/ai/analyze?symbol=BTC/USDT"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
                assertThat(analyzed.statusCode()).as(analyzed.body()).isEqualTo(200);
                assertThat(JSON.readTree(analyzed.body()).get("origin").asText())
                        .isEqualTo("live");

                JsonNode live = JSON.readTree(t.get("/api/v1/ai/decisions").body());
                assertThat(live).hasSize(1);
                assertThat(live.get(0).get("origin").asText()).isEqualTo("live");
                assertThat(live.get(0).get("generator").asText()).isEqualTo("rules");
                assertThat(live.get(0).path("runId").isNull()).isTrue();
                assertThat(JSON.readTree(
                                t.get("/api/v1/ai/decisions?origin=LIVE").body()))
                        .hasSize(1);

                JsonNode bt = JSON.readTree(
                        t.get("/api/v1/ai/decisions?origin=backtest&limit=1000").body());
                assertThat(bt).hasSize(backtest);
                for (JsonNode d : bt) {
                    assertThat(d.get("origin").asText()).isEqualTo("backtest");
                    assertThat(d.get("runId").asText()).isEqualTo("bt-7");
                    assertThat(d.get("generator").asText()).isEqualTo("llm:openai/gpt-4o-mini");
                }
                long id = bt.get(0).get("id").asLong();
                assertThat(JSON.readTree(t.get("/api/v1/ai/decisions/" + id).body())
                                .get("origin")
                                .asText())
                        .isEqualTo("backtest");

                assertThat(JSON.readTree(t.get("/api/v1/ai/decisions?origin=all&limit=1000")
                                .body()))
                        .hasSize(backtest + 1);

                HttpResponse<String> bad = t.get("/api/v1/ai/decisions?origin=paper");
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("origin").contains("live, backtest, all");
            }
        }
    }
}
