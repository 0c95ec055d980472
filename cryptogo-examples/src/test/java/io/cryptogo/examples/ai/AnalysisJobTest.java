package io.cryptogo.examples.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.jobs.JobsModule;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code analysis} job: the AI module's decision, off the request path, recorded in the journal. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AnalysisJobTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:05Z");

    @Test
    void anAnalysisJobRecordsADecisionAndAnswersItAsTheJournalShowsIt() throws Exception {
        DecisionStore store = DecisionStore.inMemory();
        TestApp t = TestApp.start(
                new AppMarket(NOW),
                AppSettings.ephemeral(),
                Map.of(
                        "AI_LOOP", "false",
                        "CRYPTOGO_API_TOKEN", "analysis-token",
                        "DATABASE_URL",
                                "jdbc:h2:mem:analysis-" + java.util.UUID.randomUUID()
                                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "JOBS_POLL_INTERVAL", "100ms"),
                AiModule.with(
                        store, RuleSignalGenerator.builder().store(store).build(), Clock.fixed(NOW, ZoneOffset.UTC)),
                new JobsModule());
        try {
            HttpResponse<String> bad = post(t, "{\"kind\":\"analysis\",\"params\":{\"symbol\":\"DOGE/XYZ\"}}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Json.mapper().readTree(bad.body()).get("field").asText()).isEqualTo("symbol");

            HttpResponse<String> r = post(t, "{\"kind\":\"analysis\",\"params\":{\"symbol\":\"BTC/USDT\"}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            String id = Json.mapper().readTree(r.body()).get("id").asText();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> Json.mapper()
                            .readTree(t.get("/api/v1/jobs/" + id).body())
                            .get("status")
                            .asText()
                            .equals("SUCCEEDED"));
            JsonNode d =
                    Json.mapper().readTree(t.get("/api/v1/jobs/" + id).body()).get("result");
            assertThat(d.get("symbol").asText()).isEqualTo("BTC/USDT");
            assertThat(d.get("generator").asText()).isEqualTo("rules");
            assertThat(d.get("action").asText()).isIn("BUY", "SELL", "HOLD");
            JsonNode journal =
                    Json.mapper().readTree(t.get("/api/v1/ai/decisions").body());
            assertThat(journal).hasSize(1);
            assertThat(journal.get(0).get("id").asLong()).isEqualTo(d.get("id").asLong());
        } finally {
            t.close();
            t.app().cryptoGo().close(); // its job queue's database
        }
    }

    private static HttpResponse<String> post(TestApp t, String body) {
        return t.send(HttpRequest.newBuilder(URI.create(t.url() + "/api/v1/jobs"))
                .header("Authorization", "Bearer analysis-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
