package io.cryptogo.examples.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.CryptoGo;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.ops.MetricsModule;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.backtest.BacktestModule;
import io.cryptogo.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /api/v1/jobs} through the app on the real PostgreSQL (own schema): kinds, validation, results, cancel, metrics. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JobsModuleTest {
    static final String TOKEN = "jobs-token-123";
    CryptoGo demo;
    TestApp app;
    String schema;

    /** A job that runs until it is cancelled: its progress call throws once DELETE asked. */
    static final JobKind BLOCK = new JobKind() {
        @Override
        public void validate(JsonNode params) {}

        @Override
        public JsonNode run(JobContext job) throws Exception {
            while (true) {
                job.progress(0.1);
                Thread.sleep(20);
            }
        }
    };

    @BeforeEach
    void start() {
        demo = CryptoGo.demo();
        schema = TestDatabases.schemaName("jobs_module");
        app = TestApp.start(
                new AppMarket(Instant.now()),
                AppSettings.ephemeral(),
                Map.of(
                        "CRYPTOGO_API_TOKEN",
                        TOKEN,
                        "DATABASE_URL",
                        TestDatabases.PG_URL,
                        "DATABASE_SCHEMA",
                        schema,
                        "JOBS_POLL_INTERVAL",
                        "100ms",
                        "JOBS_THREADS",
                        "1"),
                registry -> JobsModule.offer(registry, "block", BLOCK),
                new BacktestModule(demo),
                new JobsModule(),
                new MetricsModule());
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        app.app().cryptoGo().close();
        demo.close();
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
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

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    String submit(String body) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/jobs", body, TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode j = json(r);
        assertThat(j.get("status").asText()).isIn("QUEUED", "RUNNING");
        return j.get("id").asText();
    }

    JsonNode awaitFinished(String id) throws Exception {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> json(app.get("/api/v1/jobs/" + id)).get("status").asText(),
                        s -> s.equals("SUCCEEDED") || s.equals("FAILED") || s.equals("CANCELLED"));
        return json(app.get("/api/v1/jobs/" + id));
    }

    static final String BACKTEST = "{\"kind\":\"backtest\",\"params\":{\"strategy\":\"ema-cross\","
            + "\"symbol\":\"BTC/USDT\",\"interval\":\"1h\",\"from\":\"2025-01-01\",\"to\":\"2025-02-28\"}}";

    @Test
    void writesNeedTheTokenAndBadInputAnswers400NamingTheField() throws Exception {
        assertThat(send("POST", "/api/v1/jobs", BACKTEST, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/jobs/1", null, null).statusCode()).isEqualTo(401);

        JsonNode unknown = json(send("POST", "/api/v1/jobs", "{\"kind\":\"mine\"}", TOKEN));
        assertThat(unknown.get("field").asText()).isEqualTo("kind");
        assertThat(unknown.get("detail").asText()).contains("accepted values: backfill, backtest, block, sweep");
        HttpResponse<String> missing = send("POST", "/api/v1/jobs", "{}", TOKEN);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("field").asText()).isEqualTo("kind");
        HttpResponse<String> interval =
                send("POST", "/api/v1/jobs", "{\"kind\":\"backfill\",\"params\":{\"days\":1}}", TOKEN);
        assertThat(interval.statusCode()).isEqualTo(400);
        assertThat(json(interval).get("field").asText()).isEqualTo("interval");
        assertThat(json(interval).get("detail").asText()).contains("1m, 5m, 15m, 1h, 4h, 1d");
        HttpResponse<String> days = send(
                "POST", "/api/v1/jobs", "{\"kind\":\"backfill\",\"params\":{\"interval\":\"1h\",\"days\":0}}", TOKEN);
        assertThat(json(days).get("field").asText()).isEqualTo("days");
        HttpResponse<String> strategy =
                send("POST", "/api/v1/jobs", "{\"kind\":\"backtest\",\"params\":{\"strategy\":\"nope\"}}", TOKEN);
        assertThat(json(strategy).get("field").asText()).isEqualTo("strategy");
        HttpResponse<String> grid = send(
                "POST",
                "/api/v1/jobs",
                "{\"kind\":\"sweep\",\"params\":{\"from\":\"2025-01-01\",\"to\":\"2025-02-01\",\"grid\":{\"speed\":[1]}}}",
                TOKEN);
        assertThat(json(grid).get("field").asText()).isEqualTo("grid");
        assertThat(json(grid).get("detail").asText()).contains("accepted names: fast, slow");
        HttpResponse<String> analysis = send("POST", "/api/v1/jobs", "{\"kind\":\"analysis\"}", TOKEN);
        assertThat(analysis.statusCode()).isEqualTo(400);
        // without the AI module nobody offers the analysis kind
        assertThat(json(analysis).get("field").asText()).isEqualTo("kind");
        assertThat(json(analysis).get("detail").asText()).contains("unknown job kind 'analysis'");
        HttpResponse<String> params = send("POST", "/api/v1/jobs", "{\"kind\":\"backfill\",\"params\":[1]}", TOKEN);
        assertThat(json(params).get("field").asText()).isEqualTo("params");

        assertThat(json(app.get("/api/v1/jobs?status=DONE")).get("field").asText())
                .isEqualTo("status");
        assertThat(json(app.get("/api/v1/jobs?kind=mine")).get("field").asText())
                .isEqualTo("kind");
        assertThat(app.get("/api/v1/jobs/424242").statusCode()).isEqualTo(404);
        assertThat(app.get("/api/v1/jobs/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void backtestSweepAndBackfillJobsRunToTheirResultsAndShowInTheListAndMetrics() throws Exception {
        String bt = submit(BACKTEST);
        String sweep = submit("{\"kind\":\"sweep\",\"params\":{\"symbol\":\"BTC/USDT\",\"interval\":\"1h\","
                + "\"from\":\"2025-01-01\",\"to\":\"2025-02-28\",\"grid\":{\"fast\":[5,12],\"slow\":[21,26]},"
                + "\"sortBy\":\"totalReturn\",\"top\":3}}");
        String backfill = submit(
                "{\"kind\":\"backfill\",\"params\":{\"symbol\":\"BTC/USDT\",\"interval\":\"1h\"," + "\"days\":2}}");

        JsonNode b = awaitFinished(bt);
        assertThat(b.get("status").asText()).as(b.toString()).isEqualTo("SUCCEEDED");
        assertThat(b.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(b.get("attempts").asInt()).isEqualTo(1);
        assertThat(b.get("result").get("strategy").asText()).isEqualTo("ema-cross(12,26)");
        assertThat(b.get("result").get("equity").size()).isEqualTo(59 * 24);
        // the same job through the backtest API, in its shape
        JsonNode same = json(app.get("/api/v1/backtests/" + bt));
        assertThat(same.get("status").asText()).isEqualTo("done");
        assertThat(same.get("result")).isEqualTo(b.get("result"));

        JsonNode s = awaitFinished(sweep);
        assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("SUCCEEDED");
        JsonNode best = s.get("result").get("best");
        assertThat(s.get("result").get("points").asInt()).isEqualTo(4);
        assertThat(best).hasSize(3);
        assertThat(best.get(0).get("metrics").get("totalReturn").asDouble())
                .isGreaterThanOrEqualTo(
                        best.get(1).get("metrics").get("totalReturn").asDouble());
        assertThat(best.get(0).get("params").has("fast")).isTrue();

        JsonNode f = awaitFinished(backfill);
        assertThat(f.get("status").asText()).as(f.toString()).isEqualTo("SUCCEEDED");
        assertThat(f.get("result").get("fetched").asLong()).isPositive();
        assertThat(f.get("result").get("stored").asLong()).isPositive();

        JsonNode sweeps = json(app.get("/api/v1/jobs?kind=sweep&status=succeeded"));
        assertThat(sweeps).hasSize(1);
        assertThat(sweeps.get(0).get("id").asText()).isEqualTo(sweep);
        assertThat(sweeps.get(0).has("result")).isFalse();
        assertThat(json(app.get("/api/v1/jobs"))).hasSize(3);

        String metrics = app.get("/metrics").body();
        assertThat(metrics)
                .contains("cryptogo_jobs{kind=\"backtest\",status=\"SUCCEEDED\"} 1.0")
                .contains("cryptogo_jobs{kind=\"sweep\",status=\"SUCCEEDED\"} 1.0")
                .contains("cryptogo_jobs{kind=\"backfill\",status=\"SUCCEEDED\"} 1.0")
                .contains("cryptogo_jobs{kind=\"backtest\",status=\"QUEUED\"} 0.0");
    }

    @Test
    void deleteCancelsARunningJobCooperatively() throws Exception {
        // one worker thread: the blocking job runs, the backtest waits behind it in the queue
        String running = submit("{\"kind\":\"block\"}");
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        json(app.get("/api/v1/jobs/" + running)).get("progress").asDouble() > 0);
        String queued = submit(BACKTEST);

        HttpResponse<String> askedQueued = send("DELETE", "/api/v1/jobs/" + queued, null, TOKEN);
        assertThat(askedQueued.statusCode()).isEqualTo(200);
        JsonNode q = awaitFinished(queued);
        assertThat(q.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(q.has("result")).isFalse();
        assertThat(json(app.get("/api/v1/backtests/" + queued)).get("status").asText())
                .isEqualTo("canceled");

        HttpResponse<String> asked = send("DELETE", "/api/v1/jobs/" + running, null, TOKEN);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(json(asked).get("cancelRequested").asBoolean()).isTrue();
        JsonNode j = awaitFinished(running);
        assertThat(j.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(j.get("progress").asDouble()).isLessThan(1.0);
        assertThat(j.has("result")).isFalse();
    }
}
