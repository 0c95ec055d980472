package io.cryptogo.market.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where Binance's failures (HTTP status, Binance error code, network trouble, unreadable
 * bodies) become CryptoGo exceptions. The original is always kept as the cause; request descriptions never
 * contain a query string, so no signature or key can leak into a message.
 */
final class BinanceErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAMETER = Pattern.compile("parameter '([A-Za-z]+)'");
    private static final Pattern BANNED_UNTIL = Pattern.compile("banned until (\\d{12,14})");

    private BinanceErrors() {}

    /**
     * Translates a non-2xx response.
     *
     * @param request e.g. {@code GET /api/v3/klines} (no query string)
     * @param params the request's parameters, to name the offending value (never a signature)
     * @param retryAfter the wait Binance asked for (429/418), already resolved by the caller
     */
    static CryptoGoException fromResponse(
            int status, byte[] body, String request, Map<String, String> params, Duration retryAfter) {
        int code = 0;
        String msg = snippet(body);
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.isObject() && n.has("code")) {
                code = n.path("code").asInt();
                msg = n.path("msg").asText(msg);
            }
        } catch (IOException | RuntimeException notJson) {
            // an HTML error page from a proxy or CDN: keep the snippet
        }
        BinanceApiException cause = new BinanceApiException(status, code, msg, request);
        String symbol = params.getOrDefault("symbol", "?");
        CryptoGoException e = switch (status) {
            case 418 ->
                new RateLimitedException(
                        "Binance has banned this IP for " + human(retryAfter)
                                + " after too many requests; nothing is sent until the ban ends ("
                                + msg + ")",
                        retryAfter,
                        true);
            case 429 ->
                new RateLimitedException(
                        "Binance rate limit hit on " + request + "; retry after " + human(retryAfter) + " (" + msg
                                + ")",
                        retryAfter,
                        false);
            default -> {
                if (status >= 500) {
                    yield new ExchangeUnavailableException(
                            "Binance failed on " + request + " with HTTP " + status + " (" + msg + "); try again later",
                            cause);
                }
                yield byCode(status, code, msg, request, symbol, params, cause);
            }
        };
        if (e.getCause() == null) {
            e.initCause(cause);
        }
        return e;
    }

    private static CryptoGoException byCode(
            int status,
            int code,
            String msg,
            String request,
            String symbol,
            Map<String, String> params,
            BinanceApiException cause) {
        return switch (code) {
            case -1121 ->
                new InvalidRequestException(
                        "symbol", "Binance does not know symbol " + symbol + " (" + msg + ")", cause);
            case -1120 ->
                new InvalidRequestException(
                        "interval",
                        "Binance rejected interval " + params.getOrDefault("interval", "?") + " (" + msg + ")",
                        cause);
            case -1003 ->
                // -1003 with a status other than 429/418: a limit on a WebSocket/API key; wait a minute
                new RateLimitedException("Binance rate limit: " + msg, Duration.ofMinutes(1), false);
            case -1021 ->
                new InvalidRequestException(
                        "timestamp",
                        "Binance rejected the request timestamp (" + msg
                                + "); the local clock is off, sync it or widen recvWindow",
                        cause);
            case -1022, -2014, -2015 ->
                new InvalidRequestException("apiKey", "Binance rejected the API key or signature (" + msg + ")", cause);
            case -1013 ->
                new InvalidRequestException(
                        "filter", "Binance rejected the order by a symbol filter (" + msg + ")", cause);
            case -2010, -2011, -2013 -> new InvalidRequestException("order", "Binance: " + msg, cause);
            default -> {
                String field = "request";
                Matcher m = PARAMETER.matcher(msg);
                if (m.find()) {
                    field = m.group(1);
                }
                if (status == 401 || status == 403) {
                    yield new ExchangeUnavailableException(
                            "Binance refused " + request + " with HTTP " + status + " (" + msg + ")", cause);
                }
                yield new InvalidRequestException(
                        field, "Binance rejected " + request + " (HTTP " + status + ", " + msg + ")", cause);
            }
        };
    }

    /** A network failure: no answer, connection refused, timeout. */
    static ExchangeUnavailableException network(Exception e, String request, Duration timeout) {
        String what;
        if (e instanceof HttpTimeoutException) {
            what = "Binance did not answer " + request + " within " + human(timeout);
        } else if (e instanceof ConnectException) {
            what = "cannot connect to Binance for " + request;
        } else {
            what = "network failure on " + request;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ExchangeUnavailableException(what + ": " + detail, e);
    }

    /** A 2xx whose body could not be read as the expected JSON. */
    static ExchangeUnavailableException malformed(Exception e, String request) {
        return new ExchangeUnavailableException(
                "Binance sent an unreadable answer to " + request + ": " + e.getMessage(), e);
    }

    /** The ban end Binance wrote in a 418 body ("IP banned until 1700000000000"), in epoch ms, or -1. */
    static long bannedUntilMillis(byte[] body) {
        Matcher m = BANNED_UNTIL.matcher(snippet(body));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? "empty body" : s;
    }
}
