package io.cryptogo.examples.app.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.examples.ai.AiModule;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.examples.trading.TradingModule;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Trader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The served app as the main assembles it (market, live, trading, AI) on an H2 schema, for hostile tests. */
final class FullApp implements AutoCloseable {
    static final String TOKEN = "hostile-test-token-0123456789";
    static final Instant NOW = Instant.parse("2025-03-01T09:30:00Z");

    final AppMarket market = new AppMarket(NOW);
    final TestDatabases.Handle db;
    final Trader trader;
    final DecisionStore decisions = DecisionStore.inMemory();
    final TestApp app;

    FullApp(Map<String, String> config) {
        db = TestDatabases.h2("hostile");
        trader = Trader.builder().market(market).database(db.database()).build();
        Map<String, String> c = new HashMap<>(Map.of("AI_LOOP", "false", "CRYPTOGO_API_TOKEN", TOKEN));
        c.putAll(config);
        app = TestApp.start(
                market,
                AppSettings.ephemeral(),
                c,
                new TradingModule(trader, ApiToken.of(TOKEN)),
                AiModule.with(
                        decisions,
                        RuleSignalGenerator.builder().store(decisions).build(),
                        Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    int port() {
        return app.app().port();
    }

    HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path))
                .timeout(java.time.Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return app.send(b.build());
    }

    static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Everything a request could change: orders, balances, proposals (all statuses), decisions. */
    String state() {
        return String.join(
                "\n",
                List.of(
                        String.valueOf(trader.orders(List.of(), 1000)),
                        String.valueOf(trader.balances()),
                        String.valueOf(trader.proposals().all(1000)),
                        String.valueOf(decisions.find(io.cryptogo.ai.journal.DecisionQuery.latest(1000)))));
    }

    @Override
    public void close() {
        app.close();
        trader.close();
        try {
            db.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
