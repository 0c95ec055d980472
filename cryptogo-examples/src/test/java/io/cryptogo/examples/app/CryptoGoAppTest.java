package io.cryptogo.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CryptoGoAppTest {
    static final Instant NOW = Instant.parse("2025-01-15T12:34:56Z");
    static final ObjectMapper JSON = new ObjectMapper();

    record Echo(String symbol, int quantity) {}

    /** A module as another helper would write it: routes, a page, a nav entry, a script on /trading. */
    static final AppModule EXTRA = app -> {
        app.routes().get("/api/v1/extra/invalid", ctx -> {
            throw new InvalidRequestException("side", "side 'x' is not valid; accepted values: buy, sell");
        });
        app.routes().get("/api/v1/extra/down", ctx -> {
            throw new ExchangeUnavailableException("Binance answered 502");
        });
        app.routes().get("/api/v1/extra/limited", ctx -> {
            throw new RateLimitedException("slow down", Duration.ofMillis(1500), false);
        });
        app.routes().get("/api/v1/extra/risk", ctx -> {
            throw new RiskRejectedException(
                    "MAX_POSITION_SIZE", "1000", "1500", "order of 1500 USDT exceeds MAX_POSITION_SIZE 1000");
        });
        app.routes().get("/api/v1/extra/bug", ctx -> {
            throw new IllegalStateException("secret internals");
        });
        app.routes().post("/api/v1/extra/echo", ctx -> ctx.json(Params.body(ctx, Echo.class)));
        app.page("/extra", "Extra", "extra");
        app.nav("/extra", "Extra", 20);
        app.pageScript("/trading", "extra-panel");
    };

    static TestApp t;

    @BeforeAll
    static void start() {
        t = TestApp.start(new AppMarket(NOW), EXTRA);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
        return JSON.readTree(r.body());
    }

    @Test
    void healthNamesTheSourceAndTheVersion() throws Exception {
        HttpResponse<String> r = t.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode h = json(r);
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("source").asText()).isEqualTo("simulated");
        assertThat(h.get("reason").asText()).isEqualTo("fake market for tests");
        assertThat(h.get("version").asText()).isNotBlank();
    }

    @Test
    void aModulesInvalidRequestAnswers400NamingTheField() throws Exception {
        HttpResponse<String> r = t.get("/api/v1/extra/invalid");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = json(r);
        assertThat(e.get("error").asText()).isEqualTo("invalid_request");
        assertThat(e.get("field").asText()).isEqualTo("side");
        assertThat(e.get("detail").asText()).contains("accepted values: buy, sell");
    }

    @Test
    void exchangeTroubleAnswers502AndRateLimits503WithRetryAfter() throws Exception {
        HttpResponse<String> down = t.get("/api/v1/extra/down");
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(json(down).get("error").asText()).isEqualTo("exchange_unavailable");

        HttpResponse<String> limited = t.get("/api/v1/extra/limited");
        assertThat(limited.statusCode()).isEqualTo(503);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(json(limited).get("retryAfterSeconds").asLong()).isEqualTo(2);
    }

    @Test
    void riskRejectionsAnswer422() throws Exception {
        HttpResponse<String> r = t.get("/api/v1/extra/risk");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode e = json(r);
        assertThat(e.get("detail").asText()).contains("MAX_POSITION_SIZE");
        assertThat(e.get("rule").asText()).isEqualTo("MAX_POSITION_SIZE");
        assertThat(e.get("value").asText()).isEqualTo("1500");
    }

    @Test
    void anUnexpectedErrorAnswers500WithoutItsMessageOrStackTrace() throws Exception {
        HttpResponse<String> r = t.get("/api/v1/extra/bug");
        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode e = json(r);
        assertThat(e.get("error").asText()).isEqualTo("internal_error");
        assertThat(r.body()).doesNotContain("secret internals").doesNotContain("at io.cryptogo");
    }

    @Test
    void aMalformedBodyIs400NamingTheBody() throws Exception {
        HttpResponse<String> ok = t.post("/api/v1/extra/echo", "{\"symbol\":\"BTC/USDT\",\"quantity\":2}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("quantity").asInt()).isEqualTo(2);

        HttpResponse<String> bad = t.post("/api/v1/extra/echo", "{\"symbol\":");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("body");
    }

    @Test
    void unknownApiRoutesAnswerJson404() throws Exception {
        HttpResponse<String> r = t.get("/api/v1/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void theRootRedirectsToTheChartKeepingTheQuery() {
        HttpResponse<String> r = t.get("/?symbol=ETH-USDT&interval=5m");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/trading?symbol=ETH-USDT&interval=5m");
    }

    @Test
    void pagesShareTheHeaderWithEveryNavEntryInOrder() {
        String html = t.get("/extra").body();
        assertThat(html).contains("<title>Extra · CryptoGo</title>");
        assertThat(html).containsSubsequence("href=\"/trading\"", ">Chart<", "href=\"/extra\"", ">Extra<");
        assertThat(html).contains("<a href=\"/extra\" class=\"current\"");
        assertThat(html).contains("<script type=\"module\" src=\"/assets/extra.js\">");
        assertThat(html).contains("SIMULATED DATA");
        assertThat(html).contains("\"pollIntervalMs\":10000");
    }

    @Test
    void aModuleCanAddItsBundleToAnotherModulesPage() {
        String html = t.get("/trading").body();
        assertThat(html).containsSubsequence("/assets/trading.js", "/assets/extra-panel.js");
        assertThat(t.app().registry().pages())
                .filteredOn(p -> p.path().equals("/trading"))
                .singleElement()
                .satisfies(p -> assertThat(p.bundles()).containsExactly("trading", "extra-panel"));
    }

    @Test
    void theChartBundleIsServedFromTheJar() {
        HttpResponse<String> js = t.get("/assets/trading.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("addSeries");
        assertThat(t.get("/assets/app.css").statusCode()).isEqualTo(200);
    }

    @Test
    void registeringAfterStartIsRefused() {
        AppRegistry r = t.app().registry();
        assertThatThrownBy(() -> r.nav("/late", "Late", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPageScriptForAMissingPageFailsAtBuild() {
        AppModule broken = app -> app.pageScript("/missing", "x");
        assertThatThrownBy(() -> TestApp.start(new AppMarket(NOW), broken))
                .hasStackTraceContaining("no page is registered there");
    }

    @Test
    void corsHeadersFollowCorsOrigins() {
        try (TestApp c = TestApp.start(
                new AppMarket(NOW),
                AppSettings.ephemeral().withCorsOrigins(List.of("http://localhost:3000")),
                Map.of())) {
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.url() + "/health"))
                    .header("Origin", "http://localhost:3000")
                    .build();
            assertThat(c.send(req).headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue("http://localhost:3000");
            var other = java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.url() + "/health"))
                    .header("Origin", "http://evil.example")
                    .build();
            assertThat(c.send(other).headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
        assertThat(t.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.url() + "/health"))
                                .header("Origin", "http://localhost:3000")
                                .build())
                        .headers()
                        .firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }
}
