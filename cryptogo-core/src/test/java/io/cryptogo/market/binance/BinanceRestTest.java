package io.cryptogo.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.FakeBinanceServer.Fault;
import io.cryptogo.testing.FakeBinanceServer.Reply;
import io.cryptogo.testing.ManualClock;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one Binance REST client: signing, clock skew, the shared limiter, writes sent once, Retry-After. */
@Timeout(60)
class BinanceRestTest {
    static final String KEY = "rest-key-1";
    static final String SECRET = "rest-secret-2";
    static final String ACCOUNT = "{\"balances\":[{\"asset\":\"USDT\",\"free\":\"1\",\"locked\":\"0\"}]}";

    final ManualClock serverClock = ManualClock.at("2024-03-10T12:34:56.789Z");
    /** Our clock runs 30 s behind Binance's: without the offset, every signed request would be refused. */
    final ManualClock ourClock = ManualClock.at("2024-03-10T12:34:26.789Z");

    FakeBinanceServer server;
    BinanceRest rest;
    BinanceRest signed;

    @BeforeEach
    void start() {
        server = FakeBinanceServer.start(serverClock);
        server.signedRoute("/api/v3/account", KEY, SECRET, r -> Reply.json(ACCOUNT));
        server.signedRoute("/api/v3/order", KEY, SECRET, r -> Reply.json("{\"orderId\":1,\"status\":\"NEW\"}"));
        rest = BinanceRest.builder()
                .baseUrl(server.baseUrl())
                .clock(ourClock)
                .sleeper(new RecordingSleeper(ourClock))
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        signed = rest.withCredentials(KEY, SECRET);
    }

    @AfterEach
    void stop() {
        rest.close();
        server.close();
    }

    @Test
    void aSignedRequestCarriesTheKeyAValidSignatureAndTheServersTime() {
        assertThat(signed.signed("GET", "/api/v3/account", Map.of(), 20, BinanceRest::json)
                        .path("balances"))
                .hasSize(1);

        assertThat(server.requests("/api/v3/time")).hasSize(1);
        assertThat(signed.clockOffset()).isEqualTo(Duration.ofSeconds(30));
        FakeBinanceServer.Request sent = server.requests("/api/v3/account").get(0);
        assertThat(Long.parseLong(sent.param("timestamp"))).isEqualTo(serverClock.millis());
        assertThat(sent.param("recvWindow")).isEqualTo("5000");
        assertThat(sent.param("signature")).hasSize(64);
    }

    @Test
    void aTimestampOutsideTheWindowMeasuresTheServerTimeAgainAndIsResentOnce() {
        signed.signed("GET", "/api/v3/account", Map.of(), 20, BinanceRest::json);
        serverClock.advance(Duration.ofSeconds(45)); // Binance's clock jumps; ours does not

        assertThat(signed.signed("GET", "/api/v3/account", Map.of(), 20, BinanceRest::json))
                .isNotNull();

        assertThat(server.requests("/api/v3/time")).hasSize(2);
        assertThat(server.requests("/api/v3/account")).hasSize(3);
        assertThat(signed.clockOffset()).isEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void aTimestampStillRefusedAfterTheResendIsAnInvalidRequestNamingTheTimestamp() {
        server.route(
                "/api/v3/account",
                r -> Reply.error(400, -1021, "Timestamp for this request is outside of the recvWindow."));

        assertThatThrownBy(() -> signed.signed("GET", "/api/v3/account", Map.of(), 20, BinanceRest::json))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("timestamp"));
        assertThat(server.requests("/api/v3/account")).hasSize(2);
    }

    @Test
    void aWriteIsSentOnceWhileASignedReadIsRetried() {
        server.enqueue("/api/v3/order", Fault.serverError(503));
        assertThatThrownBy(
                        () -> signed.signed("POST", "/api/v3/order", Map.of("symbol", "BTCUSDT"), 1, BinanceRest::json))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(server.requests("/api/v3/order")).hasSize(1);

        server.enqueue("/api/v3/order", Fault.serverError(503));
        assertThat(signed.signed("GET", "/api/v3/order", Map.of("symbol", "BTCUSDT"), 4, BinanceRest::json)
                        .path("orderId")
                        .asInt())
                .isEqualTo(1);
        assertThat(server.requests("/api/v3/order")).hasSize(3);
    }

    @Test
    void signedAndPublicRequestsShareOneWeightLimiterAndOneRateLimitPause() {
        int before = rest.usedWeight();
        signed.signed("GET", "/api/v3/account", Map.of(), 20, BinanceRest::json);
        rest.get("/api/v3/ping", Map.of(), 1, body -> body);
        assertThat(rest.usedWeight()).isEqualTo(signed.usedWeight()).isGreaterThanOrEqualTo(before + 22);

        // a 429 on a public read pauses the signed requests too: a write is not sent during the pause
        BinanceRest impatient = BinanceRest.builder()
                .baseUrl(server.baseUrl())
                .clock(ourClock)
                .sleeper(new RecordingSleeper(ourClock))
                .maxRetries(0)
                .maxWait(Duration.ZERO)
                .build();
        BinanceRest impatientSigned = impatient.withCredentials(KEY, SECRET);
        server.enqueue("/api/v3/ping", Fault.tooManyRequests(Duration.ofSeconds(9)));
        assertThatThrownBy(() -> impatient.get("/api/v3/ping", Map.of(), 1, body -> body))
                .isInstanceOf(RateLimitedException.class);
        int orders = server.requests("/api/v3/order").size();
        assertThatThrownBy(() -> impatientSigned.signed("POST", "/api/v3/order", Map.of(), 1, BinanceRest::json))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(9)));
        assertThat(server.requests("/api/v3/order")).hasSize(orders);
        impatient.close();
    }

    @Test
    void marketDataSharesItsClientWithSignedRequestsOnTheSameHost() {
        try (BinanceMarketData market = BinanceMarketData.builder()
                .baseUrl(server.baseUrl())
                .clock(serverClock)
                .sleeper(new RecordingSleeper(serverClock))
                .requestTimeout(Duration.ofSeconds(30))
                .build()) {
            BinanceRest trading = market.rest().withCredentials(KEY, SECRET);
            market.klines(Symbol.parse("BTC/USDT"), Interval.H1, 10);
            int afterKlines = market.usedWeight();
            trading.signed("GET", "/api/v3/account", Map.of(), 20, BinanceRest::json);
            assertThat(market.usedWeight()).isGreaterThanOrEqualTo(afterKlines + 20);
        }
    }

    @Test
    void messagesNeverCarryTheKeyTheSecretOrTheSignature() {
        BinanceRest wrong = rest.withCredentials(KEY, "not-the-secret");
        assertThatThrownBy(() -> wrong.signed("GET", "/api/v3/account", Map.of(), 20, BinanceRest::json))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(BinanceApiException.codeOf(e)).isEqualTo(-1022);
                    assertThat(e.getMessage())
                            .doesNotContain(KEY)
                            .doesNotContain("not-the-secret")
                            .doesNotContain("signature=");
                });
        assertThat(wrong.toString()).doesNotContain(KEY).doesNotContain("not-the-secret");
    }

    @Test
    void theOneRetryAfterParserReadsSecondsAndFallsBackPerStatus() {
        assertThat(BinanceRest.retryAfter(headers("Retry-After", "7"), 429)).isEqualTo(Duration.ofSeconds(7));
        assertThat(BinanceRest.retryAfter(headers("Retry-After", " 120 "), 418)).isEqualTo(Duration.ofSeconds(120));
        assertThat(BinanceRest.retryAfter(headers(), 429)).isEqualTo(Duration.ofSeconds(1));
        assertThat(BinanceRest.retryAfter(headers(), 418)).isEqualTo(Duration.ofMinutes(2));
        assertThat(BinanceRest.retryAfter(headers("Retry-After", "soon"), 429)).isEqualTo(Duration.ofSeconds(1));
        assertThat(BinanceRest.retryAfter(headers("Retry-After", "7"), 503)).isZero();
    }

    private static HttpHeaders headers(String... kv) {
        Map<String, List<String>> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], List.of(kv[i + 1]));
        }
        return HttpHeaders.of(m, (a, b) -> true);
    }
}
