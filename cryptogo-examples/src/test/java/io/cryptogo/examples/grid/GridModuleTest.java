package io.cryptogo.examples.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.examples.trading.TradingModule;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.grid.jdbc.JdbcGridStore;
import io.cryptogo.trading.risk.RiskLimits;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The grids REST API end to end on the paper venue: create, list, show with levels, stop, and its errors. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GridModuleTest {
    static final String TOKEN = "grid-token-abc";
    AppMarket market = new AppMarket(Instant.now());
    TestDatabases.Handle db;
    Trader trader;
    TestApp app;

    @BeforeEach
    void start() {
        db = TestDatabases.h2("grid-module");
        trader = Trader.builder()
                .market(market)
                .database(db.database())
                .risk(RiskLimits.defaults()
                        .withMaxPositionSize(new BigDecimal("5000"))
                        .withMaxDailyTrades(10_000))
                .build();
        app = TestApp.start(
                market,
                AppSettings.ephemeral(),
                Map.of(),
                new TradingModule(trader, ApiToken.of(TOKEN)),
                new GridModule(new JdbcGridStore(db.database())));
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

    String grid() {
        double p = market.ticker(AppMarket.BTC).price().doubleValue();
        return "{\"symbol\":\"BTC/USDT\",\"lower\":\"" + Math.round(p * 0.9) + "\",\"upper\":\"" + Math.round(p * 1.1)
                + "\",\"levels\":10,\"spacing\":\"geometric\",\"investment\":\"1000\",\"maxOpenOrders\":4}";
    }

    @Test
    void aGridIsCreatedListedShownWithItsLevelsAndStopped() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/grids", grid(), TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode g = json(created);
        String id = g.get("id").asText();
        assertThat(g.get("status").asText()).isEqualTo("RUNNING");
        assertThat(g.get("levels")).hasSize(10);
        assertThat(g.get("settings").get("spacing").asText()).isEqualTo("geometric");
        assertThat(trader.openOrders()).hasSizeBetween(1, 4);

        JsonNode list = json(app.get("/api/v1/grids"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).has("levels")).isFalse();
        assertThat(list.get(0).get("metrics").has("gridProfit")).isTrue();

        JsonNode shown = json(app.get("/api/v1/grids/" + id));
        assertThat(shown.get("levels").get(0).get("plan").get("buyPrice").asDouble())
                .isPositive();

        HttpResponse<String> stopped = send("POST", "/api/v1/grids/" + id + "/stop", null, TOKEN);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        assertThat(json(stopped).get("status").asText()).isEqualTo("STOPPED");
        assertThat(json(stopped).get("stopReason").asText()).isEqualTo("MANUAL");
        assertThat(trader.openOrders()).isEmpty();
    }

    @Test
    void changingGridsNeedsTheToken() {
        assertThat(send("POST", "/api/v1/grids", grid(), null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/grids", grid(), "wrong").statusCode()).isEqualTo(401);
        assertThat(trader.openOrders()).isEmpty();
    }

    @Test
    void badSettingsAnswer400NamingTheField() throws Exception {
        record Case(String body, String field) {}
        for (Case c : new Case[] {
            new Case(
                    "{\"symbol\":\"BTC/USDT\",\"lower\":\"1\",\"upper\":\"2\",\"levels\":1,\"investment\":\"10\"}",
                    "levels"),
            new Case(
                    "{\"symbol\":\"BTC/USDT\",\"lower\":\"3\",\"upper\":\"2\",\"levels\":5,\"investment\":\"10\"}",
                    "upper"),
            new Case(
                    "{\"symbol\":\"BTC/USDT\",\"lower\":\"1e999999999\",\"upper\":\"2\",\"levels\":5,\"investment\":\"10\"}",
                    "lower"),
            new Case(
                    "{\"symbol\":\"BTC/USDT\",\"lower\":\"1\",\"upper\":\"2\",\"levels\":5,\"investment\":\"-10\"}",
                    "investment"),
            new Case(
                    "{\"symbol\":\"BTC/USDT\",\"lower\":\"1\",\"upper\":\"2\",\"levels\":\"5\",\"investment\":\"10\"}",
                    "levels"),
            new Case(
                    "{\"symbol\":\"BTC/USDT\",\"lower\":\"1\",\"upper\":\"2\",\"levels\":5,\"investment\":\"10\",\"spacing\":\"log\"}",
                    "spacing"),
            new Case(
                    "{\"symbol\":\"BTC/USDT\",\"lower\":\"1\",\"upper\":\"2\",\"levels\":5,\"investment\":\"10\",\"x\":1}",
                    "x"),
            new Case("{\"lower\":\"1\"}", "symbol"),
            new Case("[1]", "body"),
            new Case(grid().replace("\"investment\":\"1000\"", "\"investment\":\"4\""), "investment"),
            new Case(grid().replace("\"investment\":\"1000\"", "\"investment\":\"9000\""), "investment"),
        }) {
            HttpResponse<String> r = send("POST", "/api/v1/grids", c.body(), TOKEN);
            assertThat(r.statusCode()).as(c.body() + " -> " + r.body()).isEqualTo(400);
            assertThat(json(r).get("field").asText()).as(r.body()).isEqualTo(c.field());
        }
        assertThat(trader.openOrders()).isEmpty();
        assertThat(send("GET", "/api/v1/grids/nope!", null, TOKEN).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/grids/abc", null, TOKEN).statusCode()).isEqualTo(404);
    }
}
