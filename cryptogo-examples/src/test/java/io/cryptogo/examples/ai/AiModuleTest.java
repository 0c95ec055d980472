package io.cryptogo.examples.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.trading.ApiToken;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AiModuleTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:05Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestApp app(DecisionStore store, Map<String, String> config) {
        return TestApp.start(
                new AppMarket(NOW),
                AppSettings.ephemeral(),
                config,
                AiModule.with(
                        store, RuleSignalGenerator.builder().store(store).build(), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    /** The app's token: generated at start when CRYPTOGO_API_TOKEN is unset, and analyze always needs it. */
    private static String token(TestApp t) {
        return t.app().registry().service(ApiToken.class).orElseThrow().value();
    }

    private static HttpResponse<String> post(TestApp t, String path, String bearer) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(t.url() + path)).POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return t.send(b.build());
    }

    @Test
    void analyzeDecidesOnTheLastClosedCandleAndTheJournalListsIt() throws Exception {
        DecisionStore store = DecisionStore.inMemory();
        try (TestApp t = app(store, Map.of("AI_LOOP", "false"))) {
            HttpResponse<String> r = post(t, "/api/v1/ai/analyze?symbol=BTC/USDT", token(t));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode d = JSON.readTree(r.body());
            assertThat(d.get("symbol").asText()).isEqualTo("BTC/USDT");
            assertThat(d.get("generator").asText()).isEqualTo("rules");
            assertThat(d.get("source").asText()).isEqualTo("rules");
            assertThat(d.get("marketSource").asText()).isEqualTo("simulated");
            assertThat(d.get("candleTime").asLong())
                    .isEqualTo(Instant.parse("2025-03-01T09:00:00Z").toEpochMilli());
            assertThat(d.get("action").asText()).isIn("BUY", "SELL", "HOLD");
            long id = d.get("id").asLong();
            assertThat(id).isPositive();

            JsonNode list =
                    JSON.readTree(t.get("/api/v1/ai/decisions?symbol=BTC/USDT").body());
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("id").asLong()).isEqualTo(id);
            assertThat(list.get(0).path("snapshot").isTextual()).isFalse();
            assertThat(list.get(0).get("marketSource").asText()).isEqualTo("simulated");

            JsonNode one = JSON.readTree(t.get("/api/v1/ai/decisions/" + id).body());
            assertThat(one.get("snapshot").asText()).contains("BTC/USDT");
            assertThat(one.get("templateVersion").asText()).isEqualTo("rules/v1");
            assertThat(one.get("marketSource").asText()).isEqualTo("simulated");
        }
    }

    @Test
    void theJournalFiltersBySymbolAndCandleTime() throws Exception {
        DecisionStore store = DecisionStore.inMemory();
        try (TestApp t = app(store, Map.of("AI_LOOP", "false"))) {
            assertThat(post(t, "/api/v1/ai/analyze?symbol=BTC/USDT", token(t)).statusCode())
                    .isEqualTo(200);
            assertThat(post(t, "/api/v1/ai/analyze?symbol=ETH/USDT", token(t)).statusCode())
                    .isEqualTo(200);
            long candle = Instant.parse("2025-03-01T09:00:00Z").toEpochMilli();

            assertThat(JSON.readTree(t.get("/api/v1/ai/decisions").body())).hasSize(2);
            assertThat(JSON.readTree(
                            t.get("/api/v1/ai/decisions?symbol=ETH/USDT").body()))
                    .hasSize(1);
            assertThat(JSON.readTree(t.get("/api/v1/ai/decisions?from=" + candle + "&to=" + candle)
                            .body()))
                    .hasSize(2);
            assertThat(JSON.readTree(
                            t.get("/api/v1/ai/decisions?from=" + (candle + 1)).body()))
                    .isEmpty();
            assertThat(JSON.readTree(t.get("/api/v1/ai/decisions?limit=1").body()))
                    .hasSize(1);
        }
    }

    @Test
    void badInputAnswers400And404() throws Exception {
        try (TestApp t = app(DecisionStore.inMemory(), Map.of("AI_LOOP", "false"))) {
            assertThat(t.get("/api/v1/ai/decisions?limit=0").statusCode()).isEqualTo(400);
            assertThat(t.get("/api/v1/ai/decisions?from=yesterday").body()).contains("from");
            assertThat(t.get("/api/v1/ai/decisions/abc").statusCode()).isEqualTo(400);
            assertThat(t.get("/api/v1/ai/decisions/424242").statusCode()).isEqualTo(404);
            HttpResponse<String> unknown = post(t, "/api/v1/ai/analyze?symbol=FOO/USDT", token(t));
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("symbol");
        }
    }

    @Test
    void analyzeNeedsTheBearerTokenWhenOneIsSet() throws Exception {
        try (TestApp t = app(DecisionStore.inMemory(), Map.of("AI_LOOP", "false", "CRYPTOGO_API_TOKEN", "s3cret"))) {
            assertThat(post(t, "/api/v1/ai/analyze", null).statusCode()).isEqualTo(401);
            assertThat(post(t, "/api/v1/ai/analyze", "wrong").statusCode()).isEqualTo(401);
            assertThat(post(t, "/api/v1/ai/analyze", "s3cret").statusCode()).isEqualTo(200);
            assertThat(t.get("/api/v1/ai/decisions").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theTradingPageLoadsTheAiPanel() throws Exception {
        try (TestApp t = app(DecisionStore.inMemory(), Map.of("AI_LOOP", "false"))) {
            assertThat(t.get("/trading").body()).contains("/assets/ai-panel.js");
        }
    }
}
