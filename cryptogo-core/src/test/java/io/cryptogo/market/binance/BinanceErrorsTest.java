package io.cryptogo.market.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RateLimitedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceErrorsTest {
    static CryptoGoException translate(int status, String body, Map<String, String> params) {
        return BinanceErrors.fromResponse(
                status, body.getBytes(StandardCharsets.UTF_8), "GET /api/v3/klines", params, Duration.ofSeconds(7));
    }

    @Test
    void invalidSymbolNamesTheSymbolField() {
        CryptoGoException e = translate(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", Map.of("symbol", "XYZ"));

        assertThat(e).isInstanceOfSatisfying(InvalidRequestException.class, i -> {
            assertThat(i.field()).isEqualTo("symbol");
            assertThat(i.getMessage()).contains("XYZ").contains("Invalid symbol.");
            assertThat(i.retriable()).isFalse();
        });
        assertThat(e.getCause()).isInstanceOfSatisfying(BinanceApiException.class, c -> {
            assertThat(c.status()).isEqualTo(400);
            assertThat(c.code()).isEqualTo(-1121);
            assertThat(c.binanceMessage()).isEqualTo("Invalid symbol.");
        });
    }

    @Test
    void invalidIntervalNamesTheIntervalField() {
        CryptoGoException e =
                translate(400, "{\"code\":-1120,\"msg\":\"Invalid interval.\"}", Map.of("interval", "7m"));

        assertThat(e)
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        i -> assertThat(i.field()).isEqualTo("interval"));
        assertThat(e.getMessage()).contains("7m");
    }

    @Test
    void aBadParameterIsNamedFromBinancesMessage() {
        CryptoGoException e =
                translate(400, "{\"code\":-1130,\"msg\":\"Data sent for parameter 'limit' is not valid.\"}", Map.of());

        assertThat(e)
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        i -> assertThat(i.field()).isEqualTo("limit"));
    }

    @Test
    void statuses429And418AreRateLimitsCarryingTheWait() {
        String body = "{\"code\":-1003,\"msg\":\"Too much request weight used\"}";

        assertThat(translate(429, body, Map.of())).isInstanceOfSatisfying(RateLimitedException.class, r -> {
            assertThat(r.banned()).isFalse();
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(r.getCause()).isInstanceOf(BinanceApiException.class);
        });
        assertThat(translate(418, body, Map.of()))
                .isInstanceOfSatisfying(
                        RateLimitedException.class, r -> assertThat(r.banned()).isTrue());
    }

    @Test
    void aServerErrorWithAnHtmlBodyIsExchangeUnavailable() {
        CryptoGoException e = translate(502, "<html><body>Bad Gateway</body></html>", Map.of());

        assertThat(e).isExactlyInstanceOf(ExchangeUnavailableException.class);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("HTTP 502").contains("Bad Gateway");
        assertThat(((BinanceApiException) e.getCause()).code()).isZero();
    }

    @Test
    void theBanEndIsReadFromThe418Body() {
        byte[] body = "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1700000000000.\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(BinanceErrors.bannedUntilMillis(body)).isEqualTo(1_700_000_000_000L);
        assertThat(BinanceErrors.bannedUntilMillis("{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
    }

    @Test
    void networkFailuresSayWhatHappenedAndKeepTheCause() {
        var timeout = BinanceErrors.network(
                new HttpTimeoutException("request timed out"), "GET /api/v3/ping", Duration.ofSeconds(3));
        var refused = BinanceErrors.network(new ConnectException(), "GET /api/v3/ping", Duration.ofSeconds(3));
        var other = BinanceErrors.network(new IOException("reset"), "GET /api/v3/ping", Duration.ofSeconds(3));

        assertThat(timeout.getMessage()).contains("did not answer GET /api/v3/ping within 3 s");
        assertThat(refused.getMessage()).contains("cannot connect");
        assertThat(other.getMessage()).contains("reset");
        assertThat(timeout.getCause()).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void messagesNeverCarryTheQueryString() {
        CryptoGoException e = translate(
                400,
                "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}",
                Map.of("signature", "deadbeefsecret", "symbol", "BTCUSDT"));

        assertThat(e.getMessage()).doesNotContain("deadbeefsecret");
        assertThat(e.getCause().getMessage()).doesNotContain("deadbeefsecret");
    }
}
