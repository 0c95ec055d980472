package io.cryptogo.examples.app.guard;

import static io.cryptogo.examples.app.guard.FullApp.TOKEN;
import static io.cryptogo.examples.app.guard.FullApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.config.ConfigException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Who may read what off loopback, and the per-client limits. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AccessAndLimitsTest {

    static final List<String> PRIVATE_READS = List.of(
            "/api/v1/account",
            "/api/v1/account/equity",
            "/api/v1/orders",
            "/api/v1/orders/1",
            "/api/v1/fills",
            "/api/v1/positions",
            "/api/v1/proposals",
            "/api/v1/proposals?status=all",
            "/api/v1/ai/decisions",
            "/api/v1/ai/decisions/1");

    @Test
    void servingOtherMachinesEveryAccountAndDecisionReadNeedsTheToken() {
        try (FullApp app = new FullApp(Map.of("HOST", "0.0.0.0"))) {
            for (String path : PRIVATE_READS) {
                HttpResponse<String> anon = app.send("GET", path, null, null);
                assertThat(anon.statusCode()).as(path).isEqualTo(401);
                assertThat(json(anon.body()).path("error").asText()).isEqualTo("unauthorized");
                assertThat(app.send("GET", path, null, "wrong").statusCode())
                        .as(path)
                        .isEqualTo(401);
                assertThat(app.send("GET", path, null, TOKEN).statusCode())
                        .as(path)
                        .isIn(200, 404);
            }
            // no spelling of a private path slips through a public prefix or past the router
            for (String variant : List.of(
                    "//api/v1/account",
                    "/api//v1/account",
                    "/api/v1/%61ccount",
                    "/api/v1/market/../account",
                    "/api/v1/market/..;/account",
                    "/api/v1/market/%2e%2e/account",
                    "/api/v1/market/%252e%252e/account",
                    "/API/v1/account",
                    "/api/v1/account/",
                    "/api/v1/account;x=1",
                    "/api/v1/ai/snapshot/../decisions",
                    "/assets/../api/v1/orders",
                    "/api/v1/orders?limit=1&token=" + TOKEN)) {
                io.cryptogo.examples.app.testing.RawHttp.Answer a = io.cryptogo.examples.app.testing.RawHttp.send(
                        app.port(), "GET " + variant + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                assertThat(a.status()).as(variant + " -> " + a.body()).isBetween(400, 499);
                assertThat(a.body()).as(variant).doesNotContain("\"balances\"").doesNotContain("clientOrderId");
            }
            // market data and pages stay public; a forged Host is no matter when serving every interface
            assertThat(app.send("GET", "/api/v1/market/symbols", null, null).statusCode())
                    .isEqualTo(200);
            assertThat(app.send("GET", "/api/v1/ai/snapshot?format=en", null, null)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(app.send("GET", "/dashboard", null, null).statusCode()).isEqualTo(200);
            assertThat(app.send("GET", "/health", null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void servingOtherMachinesWithoutATokenFailsAtStart() {
        assertThat(io.cryptogo.examples.app.CryptoGoAppAccess.bindHost(
                        GuardSettings.from(io.cryptogo.config.Config.of(Map.of("HOST", "0.0.0.0"))), false))
                .isEqualTo("0.0.0.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.cryptogo.examples.app.CryptoGoAppAccess.bindHost(
                        GuardSettings.from(io.cryptogo.config.Config.of(Map.of("HOST", "0.0.0.0"))), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CRYPTOGO_API_TOKEN");
    }

    @Test
    void stateChangingRequestsAreRateLimitedPerClientWith429AndRetryAfter() {
        try (FullApp app = new FullApp(Map.of("RATE_LIMIT_WRITES", "3", "RATE_LIMIT_ANALYZE", "1"))) {
            String before = app.state();
            for (int i = 0; i < 3; i++) {
                assertThat(app.send("DELETE", "/api/v1/orders/424242", null, "wrong")
                                .statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> limited = app.send("DELETE", "/api/v1/orders/424242", null, TOKEN);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers()
                            .firstValue("Retry-After")
                            .map(Long::parseLong)
                            .orElse(0L))
                    .isBetween(1L, 60L);
            assertThat(json(limited.body()).path("error").asText()).isEqualTo("rate_limited");
            assertThat(json(limited.body()).path("retryAfterSeconds").asLong()).isPositive();
            // reads are not limited
            assertThat(app.send("GET", "/api/v1/orders", null, null).statusCode())
                    .isEqualTo(200);

            assertThat(app.send("POST", "/api/v1/ai/analyze?symbol=BTC/USDT", null, TOKEN)
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> again = app.send("POST", "/api/v1/ai/analyze?symbol=BTC/USDT", null, TOKEN);
            assertThat(again.statusCode()).isEqualTo(429);
            assertThat(again.headers().firstValue("Retry-After")).isPresent();
            assertThat(app.decisions.find(io.cryptogo.ai.journal.DecisionQuery.latest(10)))
                    .hasSize(1);
            assertThat(app.state()).isNotEqualTo(before); // the one analysis
        }
    }

    @Test
    void webSocketConnectionsPerClientAreBounded() throws Exception {
        try (FullApp app = new FullApp(Map.of("WS_MAX_CONNECTIONS_PER_CLIENT", "2"))) {
            String ws = app.app.url().replace("http", "ws") + "/ws";
            List<WebSocket> open = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                open.add(app.app
                        .http()
                        .newWebSocketBuilder()
                        .buildAsync(URI.create(ws), new WebSocket.Listener() {})
                        .get(10, TimeUnit.SECONDS));
            }
            CompletableFuture<WebSocket> third =
                    app.app.http().newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {});
            assertThat(third).failsWithin(Duration.ofSeconds(10));
            open.get(0).sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            // once one closed, a new one may open
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            WebSocket again = null;
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = app.app
                            .http()
                            .newWebSocketBuilder()
                            .buildAsync(URI.create(ws), new WebSocket.Listener() {})
                            .get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    Thread.onSpinWait(); // the server has not seen the close yet
                }
            }
            assertThat(again).as("a socket opens once one of the two closed").isNotNull();
        }
    }
}
