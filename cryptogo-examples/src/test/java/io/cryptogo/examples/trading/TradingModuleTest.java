package io.cryptogo.examples.trading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.venue.binance.BinanceVenue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The manual-confirm flow end to end through the REST API, with the token checks. */
class TradingModuleTest {
    static final String TOKEN = "test-token-abc";
    AppMarket market = new AppMarket(Instant.now());
    TestDatabases.Handle db;
    Trader trader;
    TestApp app;

    @BeforeEach
    void start() {
        db = TestDatabases.h2("trading-module");
        trader = Trader.builder().market(market).database(db.database()).build();
        app = TestApp.start(market, AppSettings.ephemeral(), Map.of(), new TradingModule(trader, ApiToken.of(TOKEN)));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        trader.close();
        db.close();
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

    String signal() {
        double ask = market.ticker(AppMarket.BTC).ask().doubleValue();
        return "{\"symbol\":\"BTC/USDT\",\"action\":\"BUY\",\"confidence\":0.7,\"entry\":" + ask + ",\"stopLoss\":"
                + Math.round(ask * 0.98) + ",\"takeProfit\":" + Math.round(ask * 1.04)
                + ",\"reasoning\":\"test\",\"generator\":\"rules\"}";
    }

    @Test
    void aSignalBecomesAProposalThatIsApprovedIntoAFilledOrder() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/proposals", signal(), TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asText();

        JsonNode pending = json(app.get("/api/v1/proposals"));
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("status").asText()).isEqualTo("PENDING");

        HttpResponse<String> approved = send("POST", "/api/v1/proposals/" + id + "/approve", null, TOKEN);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode order = json(approved);
        assertThat(order.get("status").asText()).isEqualTo("FILLED");

        assertThat(json(app.get("/api/v1/proposals"))).isEmpty();
        assertThat(json(app.get("/api/v1/orders?status=FILLED"))).hasSize(1);
        assertThat(json(app.get("/api/v1/orders/" + order.get("id").asLong()))
                        .get("clientOrderId")
                        .asText())
                .isEqualTo(order.get("clientOrderId").asText());
        JsonNode positions = json(app.get("/api/v1/positions"));
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0).has("unrealizedPnl")).isTrue();
        JsonNode account = json(app.get("/api/v1/account"));
        assertThat(account.get("venue").asText()).isEqualTo("paper");
        assertThat(account.get("live").asBoolean()).isFalse();
        assertThat(account.get("testnet").asBoolean()).isFalse();
        assertThat(account.get("tradesToday").asInt()).isEqualTo(1);
        assertThat(json(app.get("/api/v1/fills?symbol=BTC/USDT"))).hasSize(1);
    }

    @Test
    void onTheBinanceTestnetTheAccountSaysTestnetAndNotLive() throws Exception {
        try (FakeBinanceServer binance = FakeBinanceServer.start()) {
            binance.signedRoute(
                    "/api/v3/account",
                    "key",
                    "secret",
                    r -> FakeBinanceServer.Reply.json(
                            "{\"balances\":[{\"asset\":\"USDT\",\"free\":\"100\",\"locked\":\"0\"}]}"));
            try (BinanceVenue testnet = BinanceVenue.of(
                            "binance-testnet", binance.baseUrl().toString(), "key", "secret", Duration.ofSeconds(30));
                    var db2 = TestDatabases.h2("trading-module-testnet");
                    Trader t = Trader.builder()
                            .market(market)
                            .database(db2.database())
                            .venue(testnet)
                            .build();
                    TestApp a = TestApp.start(
                            market, AppSettings.ephemeral(), Map.of(), new TradingModule(t, ApiToken.of(TOKEN)))) {
                JsonNode account = json(a.get("/api/v1/account"));
                assertThat(account.get("venue").asText()).isEqualTo("binance-testnet");
                assertThat(account.get("live").asBoolean()).isFalse();
                assertThat(account.get("testnet").asBoolean()).isTrue();
                assertThat(account.get("balances").get(0).get("asset").asText()).isEqualTo("USDT");
            }
        }
    }

    @Test
    void everyStateChangingEndpointNeedsTheToken() throws Exception {
        String id = json(send("POST", "/api/v1/proposals", signal(), TOKEN))
                .get("id")
                .asText();
        String order = "{\"symbol\":\"BTC/USDT\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quantity\":\"0.001\"}";

        assertThat(send("POST", "/api/v1/orders", order, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/orders", order, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/proposals", signal(), null).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/v1/proposals/" + id + "/approve", null, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/v1/proposals/" + id + "/reject", null, "nope")
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/orders/1", null, null).statusCode()).isEqualTo(401);
        assertThat(trader.orders(java.util.List.of(), 10)).isEmpty();

        HttpResponse<String> rejected =
                send("POST", "/api/v1/proposals/" + id + "/reject", "{\"reason\":\"no\"}", TOKEN);
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(json(rejected).get("status").asText()).isEqualTo("REJECTED");
        assertThat(send("POST", "/api/v1/proposals/" + id + "/approve", null, TOKEN)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void ordersAreSubmittedIdempotentlyCanceledAndBadInputNamesTheField() throws Exception {
        String limit =
                "{\"symbol\":\"BTC/USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":0.001,\"limitPrice\":50000,\"clientOrderId\":\"web-1\"}";
        HttpResponse<String> first = send("POST", "/api/v1/orders", limit, TOKEN);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = send("POST", "/api/v1/orders", limit, TOKEN);
        assertThat(again.statusCode()).isEqualTo(200);
        long id = json(first).get("id").asLong();
        assertThat(json(again).get("id").asLong()).isEqualTo(id);
        assertThat(json(app.get("/api/v1/orders?status=open"))).hasSize(1);

        HttpResponse<String> canceled = send("DELETE", "/api/v1/orders/" + id, null, TOKEN);
        assertThat(json(canceled).get("status").asText()).isEqualTo("CANCELED");

        HttpResponse<String> badSide =
                send("POST", "/api/v1/orders", "{\"symbol\":\"BTC/USDT\",\"side\":\"HOLD\",\"quantity\":1}", TOKEN);
        assertThat(badSide.statusCode()).isEqualTo(400);
        assertThat(json(badSide).get("field").asText()).isEqualTo("side");
        HttpResponse<String> tiny = send(
                "POST", "/api/v1/orders", "{\"symbol\":\"BTC/USDT\",\"side\":\"BUY\",\"quantity\":0.000001}", TOKEN);
        assertThat(tiny.statusCode()).isEqualTo(400);
        assertThat(json(tiny).get("field").asText()).isEqualTo("quantity");
        assertThat(app.get("/api/v1/orders?status=DONE").statusCode()).isEqualTo(400);
        assertThat(app.get("/api/v1/orders/abc").statusCode()).isEqualTo(400);
        assertThat(app.get("/api/v1/orders/999").statusCode()).isEqualTo(404);
    }

    @Test
    void aRiskRejectionAnswers422WithTheRule() throws Exception {
        HttpResponse<String> r =
                send("POST", "/api/v1/orders", "{\"symbol\":\"BTC/USDT\",\"side\":\"BUY\",\"quantity\":1}", TOKEN);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).get("rule").asText()).isEqualTo("MAX_POSITION_SIZE");
    }

    @Test
    void thePagesAreServedWithTheSharedHeader() {
        HttpResponse<String> dash = app.get("/dashboard");
        assertThat(dash.statusCode()).isEqualTo(200);
        assertThat(dash.body()).contains("/assets/dashboard.js").contains("/history");
        assertThat(app.get("/history").body()).contains("/assets/history.js");
        assertThat(app.get("/trading").body()).contains("/assets/trade-marks.js");
    }

    @Test
    void ordersFillsPositionsAndTheAccountCarryTheirMarketSourceAndProtection() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/proposals", signal(), TOKEN);
        String id = json(created).get("id").asText();
        JsonNode order = json(send("POST", "/api/v1/proposals/" + id + "/approve", null, TOKEN));

        assertThat(order.get("source").asText()).isEqualTo("simulated");
        assertThat(json(app.get("/api/v1/orders")).get(0).get("source").asText())
                .isEqualTo("simulated");
        assertThat(json(app.get("/api/v1/fills")).get(0).get("source").asText()).isEqualTo("simulated");
        JsonNode position = json(app.get("/api/v1/positions")).get(0);
        assertThat(position.get("source").asText()).isEqualTo("simulated");
        assertThat(position.get("protection").get("mode").asText()).isEqualTo("resting");
        assertThat(position.get("protection").get("failedAttempts").asInt()).isZero();
        assertThat(json(app.get("/api/v1/protection"))
                        .get(0)
                        .get("protection")
                        .get("mode")
                        .asText())
                .isEqualTo("resting");
        assertThat(json(app.get("/api/v1/account")).get("source").asText()).isEqualTo("simulated");
    }

    @Test
    void aSellSignalWithoutAPositionIsSkippedWithItsReasonNotRefused() throws Exception {
        double bid = market.ticker(AppMarket.BTC).bid().doubleValue();
        // spot: a SELL closes or reduces the long and carries no levels
        String sell = "{\"symbol\":\"BTC/USDT\",\"action\":\"SELL\",\"confidence\":0.7,\"entry\":" + bid
                + ",\"reasoning\":\"test\",\"generator\":\"rules\"}";

        HttpResponse<String> r = send("POST", "/api/v1/proposals", sell, TOKEN);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("skipped").asText()).isEqualTo("no position to sell");
        assertThat(json(app.get("/api/v1/proposals"))).isEmpty();
    }
}
