package io.cryptogo.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cryptogo.config.Config;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.model.FundingRate;
import io.cryptogo.model.OpenInterest;
import io.cryptogo.model.Symbol;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a loopback server speaking Binance's USDⓈ-M wire format (layouts from Binance's API docs). */
class BinanceFuturesDataTest {
    private static final Symbol BTC = Symbol.parse("BTC/USDT");

    /** What the loopback server answers for a path: status, body, extra headers, delay. */
    record Reply(int status, String body, Map<String, String> headers, long delayMillis) {
        static Reply ok(String body) {
            return new Reply(200, body, Map.of(), 0);
        }
    }

    private HttpServer server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T00:00:00Z"));
    private BinanceFuturesData data;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        data = BinanceFuturesData.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .timeout(Duration.ofSeconds(30)) // generous: a loopback answer on a loaded CI machine
                .clock(clock)
                .build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path + "?" + ex.getRequestURI().getRawQuery());
        Reply r = replies.getOrDefault(path, new Reply(404, "{\"code\":-1,\"msg\":\"no route\"}", Map.of(), 0));
        try {
            if (r.delayMillis() > 0) {
                Thread.sleep(r.delayMillis());
            }
            byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(r.status(), b.length);
            ex.getResponseBody().write(b);
        } catch (InterruptedException | IOException e) {
            // the client gave up (timeout test)
        } finally {
            ex.close();
        }
    }

    @Test
    void readsTheLatestOpenInterestOfTheBaseAssetsPerpetual() {
        replies.put(
                "/fapi/v1/openInterest",
                Reply.ok("{\"openInterest\":\"10659.509\",\"symbol\":\"BTCUSDT\",\"time\":1589437530011}"));
        OpenInterest oi = data.openInterest(Symbol.parse("BTC/FDUSD"));
        assertThat(oi.amount()).isEqualByComparingTo("10659.509");
        assertThat(oi.time()).isEqualTo(Instant.ofEpochMilli(1589437530011L));
        assertThat(oi.symbol()).isEqualTo(Symbol.parse("BTC/FDUSD"));
        assertThat(requests).containsExactly("/fapi/v1/openInterest?symbol=BTCUSDT");
    }

    @Test
    void readsOpenInterestHistoryOldestFirstWithThePeriodCode() {
        replies.put("/futures/data/openInterestHist", Reply.ok("""
                        [{"symbol":"BTCUSDT","sumOpenInterest":"20403.63700000","sumOpenInterestValue":"150570784.07809979","timestamp":"1583128200000"},
                         {"symbol":"BTCUSDT","sumOpenInterest":"20401.36700000","sumOpenInterestValue":"149940752.14464448","timestamp":1583127900000}]
                        """));
        List<OpenInterest> h = data.openInterestHistory(BTC, Duration.ofMinutes(5), 30);
        assertThat(requests).containsExactly("/futures/data/openInterestHist?symbol=BTCUSDT&period=5m&limit=30");
        assertThat(h)
                .extracting(OpenInterest::amount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("20401.367"), new BigDecimal("20403.637"));
        assertThat(h.get(0).time()).isEqualTo(Instant.ofEpochMilli(1583127900000L));

        data.openInterestHistory(BTC, Duration.ofHours(4), 500);
        assertThat(requests.get(1)).endsWith("period=4h&limit=500");
    }

    @Test
    void rejectsPeriodsAndLimitsBinanceDoesNotServeWithoutSendingAnything() {
        assertThatThrownBy(() -> data.openInterestHistory(BTC, Duration.ofMinutes(3), 30))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("accepted: 5m, 15m");
        assertThatThrownBy(() -> data.openInterestHistory(BTC, Duration.ofMinutes(5), 501))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1..500");
        assertThat(requests).isEmpty();
    }

    @Test
    void readsTheFundingRateWithItsEightHourIntervalFromThePremiumIndex() {
        replies.put("/fapi/v1/premiumIndex", Reply.ok("""
                        {"symbol":"BTCUSDT","markPrice":"11793.63104562","indexPrice":"11781.80495970",
                         "estimatedSettlePrice":"11781.16138815","lastFundingRate":"0.00038246",
                         "interestRate":"0.00010000","nextFundingTime":1597392000000,"time":1597370495002}
                        """));
        FundingRate f = data.fundingRate(BTC);
        assertThat(f.rate()).isEqualByComparingTo("0.00038246");
        assertThat(f.interval()).isEqualTo(Duration.ofHours(8));
        assertThat(f.nextFundingTime()).isEqualTo(Instant.ofEpochMilli(1597392000000L));
        assertThat(f.markPrice()).isEqualByComparingTo("11793.63104562");
        assertThat(f.time()).isEqualTo(Instant.ofEpochMilli(1597370495002L));
        assertThat(requests).containsExactly("/fapi/v1/premiumIndex?symbol=BTCUSDT");
    }

    @Test
    void anInvalidSymbolBecomesAnInvalidRequestNamingTheSymbol() {
        replies.put(
                "/fapi/v1/openInterest", new Reply(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", Map.of(), 0));
        assertThatThrownBy(() -> data.openInterest(Symbol.parse("NOPE/USDT")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("symbol"))
                .hasMessageContaining("Invalid symbol.")
                .hasMessageContaining("NOPEUSDT");
    }

    @Test
    void a429StopsAllRequestsUntilItsRetryAfterHasPassed() {
        replies.put(
                "/fapi/v1/premiumIndex",
                new Reply(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", Map.of("Retry-After", "7"), 0));
        assertThatThrownBy(() -> data.fundingRate(BTC)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(e.banned()).isFalse();
            assertThat(e.retriable()).isTrue();
        });
        assertThat(requests).hasSize(1);

        replies.put("/fapi/v1/openInterest", Reply.ok("{\"openInterest\":\"1\",\"symbol\":\"BTCUSDT\",\"time\":1}"));
        clock.advance(Duration.ofSeconds(6));
        assertThatThrownBy(() -> data.openInterest(BTC))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(requests).as("nothing sent while blocked").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(data.openInterest(BTC).amount()).isEqualByComparingTo("1");
        assertThat(requests).hasSize(2);
    }

    @Test
    void a418IsAnIpBan() {
        replies.put(
                "/fapi/v1/openInterest",
                new Reply(418, "{\"code\":-1003,\"msg\":\"banned\"}", Map.of("Retry-After", "120"), 0));
        assertThatThrownBy(() -> data.openInterest(BTC))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.banned()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                })
                .hasMessageContaining("banned");
    }

    @Test
    void serverErrorsAndGarbageAreExchangeUnavailable() {
        replies.put("/fapi/v1/openInterest", new Reply(503, "<html>maintenance</html>", Map.of(), 0));
        assertThatThrownBy(() -> data.openInterest(BTC))
                .isInstanceOf(ExchangeUnavailableException.class)
                .isNotInstanceOf(RateLimitedException.class)
                .hasMessageContaining("HTTP 503");

        replies.put("/fapi/v1/openInterest", Reply.ok("not json"));
        assertThatThrownBy(() -> data.openInterest(BTC))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("unreadable");

        replies.put("/fapi/v1/openInterest", Reply.ok("{\"symbol\":\"BTCUSDT\",\"time\":1}"));
        assertThatThrownBy(() -> data.openInterest(BTC))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("lacks 'openInterest'");

        replies.put("/futures/data/openInterestHist", Reply.ok("{\"code\":0}"));
        assertThatThrownBy(() -> data.openInterestHistory(BTC, Duration.ofMinutes(5), 30))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("array");
    }

    @Test
    void aSlowServerTimesOut() {
        replies.put("/fapi/v1/premiumIndex", new Reply(200, "{}", Map.of(), 1_500));
        BinanceFuturesData impatient = BinanceFuturesData.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .timeout(Duration.ofMillis(200))
                .build();
        assertThatThrownBy(() -> impatient.fundingRate(BTC))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("did not answer GET /fapi/v1/premiumIndex within 200 ms");
    }

    @Test
    void anUnreachableServerIsExchangeUnavailable() throws IOException {
        // a bound socket that does not listen: connections are refused, and no one else can take the port
        try (var s = new java.net.Socket()) {
            s.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            BinanceFuturesData dead = BinanceFuturesData.builder()
                    .baseUrl(URI.create("http://127.0.0.1:" + s.getLocalPort()))
                    .timeout(Duration.ofMillis(500))
                    .build();
            assertThatThrownBy(() -> dead.openInterest(BTC))
                    .isInstanceOf(ExchangeUnavailableException.class)
                    .hasMessageContaining("cannot connect to Binance for GET /fapi/v1/openInterest");
        }
    }

    @Test
    void theBaseUrlComesFromTheSettingOrDefaultsToBinance() {
        assertThat(BinanceFuturesData.fromConfig(Config.of(Map.of())).baseUrl())
                .isEqualTo(URI.create("https://fapi.binance.com"));
        assertThat(BinanceFuturesData.fromConfig(Config.of(Map.of("BINANCE_FUTURES_BASE_URL", "http://127.0.0.1:9/x/")))
                        .baseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:9/x"));
        assertThatThrownBy(() -> BinanceFuturesData.builder()
                        .baseUrl(URI.create("ftp://h"))
                        .build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("BINANCE_FUTURES_BASE_URL");
        assertThatThrownBy(() ->
                        BinanceFuturesData.builder().timeout(Duration.ZERO).build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("timeout");
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
