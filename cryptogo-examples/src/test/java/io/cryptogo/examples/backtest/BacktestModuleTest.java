package io.cryptogo.examples.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.CryptoGo;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Backtest jobs (on the durable job queue) through the REST API: token, job id, progress and result, per-client bound, cancel. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BacktestModuleTest {
    static final String TOKEN = "bt-token-123";
    CryptoGo demo;
    TestApp app;

    @BeforeEach
    void start() {
        demo = CryptoGo.demo();
        app = TestApp.start(
                new AppMarket(Instant.now()),
                AppSettings.ephemeral(),
                Map.of("CRYPTOGO_API_TOKEN", TOKEN, "DATABASE_URL", memoryDatabase()),
                new BacktestModule(demo));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        app.app().cryptoGo().close(); // its job queue's database
        demo.close();
    }

    /** A fresh in-memory H2 for the app's job queue: no job of an earlier run is picked up. */
    static String memoryDatabase() {
        return "jdbc:h2:mem:bt-" + java.util.UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return app.send(b.build());
    }

    /** Waits until the condition holds (a positive event), at most 3 minutes. */
    static void until(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50))
                .until(condition);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    static final String JOB = "{\"strategy\":\"ema-cross\",\"symbol\":\"BTC/USDT\",\"interval\":\"1h\","
            + "\"from\":\"2025-01-01\",\"to\":\"2025-02-28\"}";

    @Test
    void aJobNeedsTheTokenRunsAndAnswersItsResultAsJson() throws Exception {
        assertThat(send("POST", "/api/v1/backtests", JOB, null).statusCode()).isEqualTo(401);
        HttpResponse<String> created = send("POST", "/api/v1/backtests", JOB, TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = json(created).get("id").asText();
        until(() ->
                json(app.get("/api/v1/backtests/" + id)).get("status").asText().equals("done"));
        JsonNode done = json(app.get("/api/v1/backtests/" + id));
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        JsonNode result = done.get("result");
        assertThat(result.get("strategy").asText()).isEqualTo("ema-cross(12,26)");
        assertThat(result.get("summary").asText()).contains("Total return");
        assertThat(result.get("metrics").has("sharpe")).isTrue();
        assertThat(result.get("trades").size()).isPositive();
        assertThat(result.get("equity").size()).isEqualTo(59 * 24);
        assertThat(send("POST", "/api/v1/backtests", "{\"strategy\":\"nope\",\"from\":\"2025-01-01\"}", TOKEN)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void jobsAreBoundedPerClientAndCancellable() throws Exception {
        String longJob =
                "{\"strategy\":\"ema-cross\",\"interval\":\"1m\",\"from\":\"2025-01-01\",\"to\":\"2025-03-31\"}";
        String a = json(send("POST", "/api/v1/backtests", longJob, TOKEN))
                .get("id")
                .asText();
        String b = json(send("POST", "/api/v1/backtests", longJob, TOKEN))
                .get("id")
                .asText();
        HttpResponse<String> third = send("POST", "/api/v1/backtests", longJob, TOKEN);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(json(third).get("detail").asText()).contains("at most 2");
        assertThat(send("DELETE", "/api/v1/backtests/" + a, null, null).statusCode())
                .isEqualTo(401);
        for (String id : new String[] {a, b}) {
            assertThat(send("DELETE", "/api/v1/backtests/" + id, null, TOKEN).statusCode())
                    .isEqualTo(200);
        }
        for (String id : new String[] {a, b}) {
            until(() -> json(app.get("/api/v1/backtests/" + id))
                    .get("status")
                    .asText()
                    .equals("canceled"));
        }
        assertThat(send("POST", "/api/v1/backtests", JOB, TOKEN).statusCode()).isEqualTo(202);
        assertThat(app.get("/api/v1/backtests/999").statusCode()).isEqualTo(404);
    }
}
