package io.cryptogo.examples.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.CryptoGo;
import io.cryptogo.config.Config;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.CryptoGoApp;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.examples.trading.TradingModule;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A Prometheus scrape of {@code /metrics} after real traffic, and the token in front of it. */
@Timeout(60)
class MetricsModuleTest {
    static final String TOKEN = "metrics-token-123456";
    final AppMarket market = new AppMarket(Instant.now());
    final HttpClient http = HttpClient.newHttpClient();
    TestDatabases.Handle db;
    Trader trader;
    CryptoGo cg;
    CryptoGoApp app;

    @BeforeEach
    void start() {
        db = TestDatabases.h2("metrics");
        cg = CryptoGo.builder()
                .config(Config.of(Map.of("COLLECT_INTERVALS", "1m", "COLLECT_HISTORY_BARS", "5")))
                .market(market)
                .database(db.database())
                .build();
        trader = Trader.builder().market(market).database(db.database()).build();
        app = CryptoGoApp.builder(cg)
                .settings(AppSettings.ephemeral())
                .requestLog(false)
                .module(new TradingModule(trader, ApiToken.of(TOKEN)))
                .module(new io.cryptogo.examples.app.collect.CollectorModule())
                .module(new MetricsModule(
                        new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT),
                        java.time.Clock.systemUTC(),
                        java.time.Duration.ZERO))
                .build()
                .start();
    }

    /** Metric names ({@code cryptogo_…}) that the alert rules and the dashboard in docs/ops use. */
    static java.util.Set<String> documentedMetrics() throws Exception {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String f : java.util.List.of("prometheus-alerts.yml", "grafana-dashboard.json")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("cryptogo_[a-z_]+")
                    .matcher(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "ops", f)));
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardUseIsScraped() throws Exception {
        CountDownLatch subscribed = new CountDownLatch(1);
        WebSocket ws = http.newWebSocketBuilder()
                .buildAsync(
                        URI.create(app.url().replace("http", "ws") + "/ws?symbol=BTC/USDT&interval=1m"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                if (data.toString().contains("subscribed")) {
                                    subscribed.countDown();
                                }
                                w.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
        long minute = io.cryptogo.model.Interval.M1.alignMillis(System.currentTimeMillis()) - 60_000;
        market.emit(io.cryptogo.testing.FakeMarket.candle(AppMarket.BTC, io.cryptogo.model.Interval.M1, minute, true));
        assertThatThrownBy(() -> trader.submit(OrderRequest.market(AppMarket.BTC, Side.BUY, new BigDecimal("5"))))
                .isInstanceOf(RiskRejectedException.class);
        try (Connection c = db.database().connection();
                Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ai_decisions (symbol, timeframe, candle_time, decided_at, generator, action,"
                    + " confidence, entry, error) VALUES ('BTC/USDT', '1h', 0, 0, 'llm:x/y', 'HOLD', 0, 1, 'e')");
        }
        trader.submit(OrderRequest.market(AppMarket.BTC, Side.BUY, new BigDecimal("0.001")));
        java.util.Set<String> expected = documentedMetrics();
        // Binance's weight exists only on Binance (this app runs on a fake market)
        expected.removeIf(n -> n.startsWith("cryptogo_binance_weight"));
        assertThat(expected).hasSizeGreaterThan(10);
        java.util.concurrent.atomic.AtomicReference<java.util.List<String>> missing =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.List.copyOf(expected));
        try {
            io.cryptogo.examples.app.testing.Eventually.holds(
                    java.time.Duration.ofSeconds(20), "every metric scraped", () -> {
                        try {
                            String m = get("/metrics", TOKEN).body();
                            missing.set(expected.stream()
                                    .filter(n -> !m.contains("\n" + n + "{") && !m.contains("\n" + n + " "))
                                    .toList());
                            return missing.get().isEmpty();
                        } catch (Exception e) {
                            return false;
                        }
                    });
        } catch (AssertionError e) {
            throw new AssertionError("not scraped: " + missing.get(), e);
        }
        ws.abort();
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        trader.close();
        cg.close();
        db.close();
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScrapeShowsRequestsWebSocketClientsOrdersDecisionsRiskAndPoolMetrics() throws Exception {
        assertThat(get("/api/v1/market/klines?symbol=BTC/USDT&interval=1m&limit=10", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/market/ticker/BTC-USDT", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/market/klines?interval=7m", null).statusCode()).isEqualTo(400);
        // off loopback an unknown path answers 401 without the token (routes are not revealed), 404 with it
        assertThat(get("/nowhere/42", TOKEN).statusCode()).isEqualTo(404);

        CountDownLatch subscribed = new CountDownLatch(1);
        WebSocket ws = http.newWebSocketBuilder()
                .buildAsync(
                        URI.create(app.url().replace("http", "ws") + "/ws?symbol=BTC/USDT&interval=1m"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                if (data.toString().contains("subscribed")) {
                                    subscribed.countDown();
                                }
                                w.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> trader.submit(OrderRequest.market(AppMarket.BTC, Side.BUY, new BigDecimal("5"))))
                .isInstanceOf(RiskRejectedException.class);
        try (Connection c = db.database().connection();
                Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ai_decisions (symbol, timeframe, candle_time, decided_at, generator, action,"
                    + " confidence, entry, tokens_in, tokens_out, cost_usd) VALUES ('BTC/USDT', '1h', 0, 0,"
                    + " 'llm:openai/gpt-test', 'BUY', 0.7, 97000, 1200, 300, 0.0125)");
            st.executeUpdate("INSERT INTO ai_decisions (symbol, timeframe, candle_time, decided_at, generator, action,"
                    + " confidence, entry, error) VALUES ('BTC/USDT', '1h', 0, 0, 'llm:openai/gpt-test', 'HOLD',"
                    + " 0, 97000, 'timeout')");
            // a backtest's decision shares the journal but is not counted: the counters are the live decisions'
            st.executeUpdate("INSERT INTO ai_decisions (symbol, timeframe, candle_time, decided_at, generator, action,"
                    + " confidence, entry, tokens_in, tokens_out, cost_usd, origin, origin_run) VALUES ('BTC/USDT',"
                    + " '1h', 0, 0, 'llm:openai/gpt-test', 'BUY', 0.7, 97000, 1200, 300, 0.0125, 'backtest', 'bt-1')");
        }

        HttpResponse<String> r = get("/metrics", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String m = r.body();
        assertThat(m)
                .contains(
                        "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/market/klines\",status=\"200\"} 1")
                .contains(
                        "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/market/ticker/{symbol}\",status=\"200\"} 1")
                .contains(
                        "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/market/klines\",status=\"400\"} 1")
                .contains("route=\"UNMATCHED\",status=\"404\"")
                .contains(
                        "http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/v1/market/klines\",status=\"200\",le=\"0.02\"}")
                .contains("cryptogo_ws_clients 1")
                .contains("cryptogo_ws_upstreams 1")
                .contains("cryptogo_ws_messages_total")
                .contains("cryptogo_ws_updates_coalesced_total")
                .contains("cryptogo_risk_rejections_total{rule=\"MAX_POSITION_SIZE\"} 1")
                .contains("cryptogo_risk_daily_loss_stop 0")
                .contains(
                        "cryptogo_decisions_total{generator=\"llm:openai/gpt-test\",outcome=\"BUY\",source=\"llm\"} 1")
                .contains(
                        "cryptogo_decisions_total{generator=\"llm:openai/gpt-test\",outcome=\"error\",source=\"llm\"} 1")
                .contains(
                        "cryptogo_llm_tokens_total{direction=\"in\",generator=\"llm:openai/gpt-test\",outcome=\"BUY\",source=\"llm\"} 1200")
                .contains(
                        "cryptogo_llm_cost_usd_total{generator=\"llm:openai/gpt-test\",outcome=\"BUY\",source=\"llm\"} 0.0125")
                .contains("hikaricp_connections_max")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_threads_live_threads");
        ws.abort();
    }

    @Test
    void metricsNeedTheTokenWhenTheAppListensBeyondLoopback() throws Exception {
        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "wrong-token").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void onALoopbackOnlyAppMetricsNeedNoToken() throws Exception {
        try (CryptoGoApp local = CryptoGoApp.builder(cg)
                .settings(AppSettings.ephemeral())
                .requestLog(false)
                .module(a -> a.javalin().jetty.host = "127.0.0.1")
                .module(new MetricsModule())
                .build()
                .start()) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.port() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("jvm_memory_used_bytes");
        }
    }
}
