package io.cryptogo.market.binance;

import io.cryptogo.CryptoGoException;
import io.cryptogo.ExchangeUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw REST layer: one GET to Binance with its weight counted before sending, the response's weight and
 * {@code Retry-After} headers fed back to the {@link WeightLimiter}, and retries with exponential backoff
 * for timeouts, network failures, 5xx and unreadable bodies (reads only: this class sends no orders).
 * Failures leave through {@link BinanceErrors}.
 *
 * <p>Shared within the package (the futures data uses its own instance with its own base URL and limiter).
 */
final class BinanceHttp {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceHttp.class);
    static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";
    private static final Duration DEFAULT_429_WAIT = Duration.ofSeconds(1);
    private static final Duration DEFAULT_BAN = Duration.ofMinutes(2);

    /** Reads a 2xx body; any exception it throws counts as an unreadable answer. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(byte[] body) throws IOException;
    }

    private final HttpClient client;
    private final URI baseUrl;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final Duration maxWait;
    private final WeightLimiter limiter;
    private final Sleeper sleeper;

    BinanceHttp(
            HttpClient client,
            URI baseUrl,
            Duration requestTimeout,
            int maxRetries,
            Duration retryBackoff,
            Duration maxWait,
            WeightLimiter limiter,
            Sleeper sleeper) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        this.retryBackoff = retryBackoff;
        this.maxWait = maxWait;
        this.limiter = limiter;
        this.sleeper = sleeper;
    }

    URI baseUrl() {
        return baseUrl;
    }

    WeightLimiter limiter() {
        return limiter;
    }

    /** A read, retried on transient failures. */
    <T> T get(String path, Map<String, String> params, int weight, BodyReader<T> reader) {
        return send(path, params, weight, reader, maxRetries, requestTimeout, maxWait);
    }

    /** A read with its own timeout, retry count and longest rate-limit wait (the probe: one try, no wait). */
    <T> T send(
            String path,
            Map<String, String> params,
            int weight,
            BodyReader<T> reader,
            int retries,
            Duration timeout,
            Duration allowedWait) {
        String request = "GET " + path;
        URI uri = uri(path, params);
        for (int attempt = 0; ; attempt++) {
            limiter.acquire(weight, allowedWait);
            CryptoGoException failure;
            HttpResponse<byte[]> r;
            try {
                HttpRequest req = HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .GET()
                        .build();
                r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                failure = BinanceErrors.network(e, request, timeout);
                if (retry(attempt, retries, failure)) {
                    continue;
                }
                throw failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeUnavailableException("interrupted during " + request, e);
            }
            int status = r.statusCode();
            Duration retryAfter = retryAfter(r.headers(), status);
            long bannedUntil = status == 418 ? BinanceErrors.bannedUntilMillis(r.body()) : -1;
            limiter.onResponse(status, usedWeight(r.headers()), retryAfter, bannedUntil);
            if (status / 100 == 2) {
                try {
                    return reader.read(r.body());
                } catch (IOException | RuntimeException e) {
                    failure = BinanceErrors.malformed(e, request);
                    if (retry(attempt, retries, failure)) {
                        continue;
                    }
                    throw failure;
                }
            }
            if (status == 418) {
                retryAfter = limiter.banLeft();
            }
            failure = BinanceErrors.fromResponse(status, r.body(), request, params, retryAfter);
            if (status == 429 && attempt < retries && retryAfter.compareTo(allowedWait) <= 0) {
                // the limiter holds every request (this one included) until Retry-After has passed
                LOG.warn("Binance answered 429 to {}: retrying after {}", request, BinanceErrors.human(retryAfter));
                continue;
            }
            if (status >= 500 && retry(attempt, retries, failure)) {
                continue;
            }
            throw failure;
        }
    }

    private boolean retry(int attempt, int retries, CryptoGoException failure) {
        if (attempt >= retries) {
            return false;
        }
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(attempt, 16));
        LOG.warn("{}; retry {}/{} in {}", failure.getMessage(), attempt + 1, retries, BinanceErrors.human(wait));
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
        return true;
    }

    private URI uri(String path, Map<String, String> params) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path + (params.isEmpty() ? "" : "?" + q));
    }

    static OptionalInt usedWeight(HttpHeaders h) {
        return h.firstValue(USED_WEIGHT)
                .flatMap(v -> {
                    try {
                        return java.util.Optional.of(Integer.parseInt(v.strip()));
                    } catch (NumberFormatException e) {
                        return java.util.Optional.empty();
                    }
                })
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    static Duration retryAfter(HttpHeaders h, int status) {
        if (status != 429 && status != 418) {
            return Duration.ZERO;
        }
        return h.firstValue("Retry-After")
                .flatMap(v -> {
                    try {
                        return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.strip())));
                    } catch (NumberFormatException e) {
                        return java.util.Optional.empty();
                    }
                })
                .orElse(status == 418 ? DEFAULT_BAN : DEFAULT_429_WAIT);
    }
}
