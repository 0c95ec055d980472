package io.cryptogo.market.binance;

import io.cryptogo.config.ConfigException;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.time.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way CryptoGo talks to a Binance REST API: public reads (market data, futures data) and SIGNED
 * requests (orders, account) go through the same client, so they share
 *
 * <ul>
 *   <li>one request-weight limiter per host ({@code X-MBX-USED-WEIGHT-1M} of every answer is the truth; a
 *       429 pauses every request for its {@code Retry-After}; a 418 stops everything until the ban ends);
 *   <li>one error translation ({@code BinanceErrors}) and one {@code Retry-After} parser;
 *   <li>one clock-skew handling for signed requests: {@code timestamp} is the local clock plus the offset to
 *       Binance's server time (read from {@code GET /api/v3/time} before the first signed request),
 *       {@code recvWindow} is a setting, and a {@code -1021} (timestamp outside the window) re-reads the
 *       server time and resends once.
 * </ul>
 *
 * Reads ({@code GET}) are retried with exponential backoff after a timeout, a network failure, a 5xx, an
 * unreadable body or a 429 whose wait fits {@code maxWait}. Writes ({@code POST}, {@code DELETE}) are sent
 * once: an unknown outcome is for the caller to settle by a query (orders carry a client order id).
 *
 * <pre>{@code
 * BinanceRest rest = BinanceRest.builder().baseUrl(URI.create("https://testnet.binance.vision")).build();
 * BinanceRest trading = rest.withCredentials(apiKey, secret);     // same limiter, same clock offset
 * JsonNode account = trading.signed("GET", "/api/v3/account", Map.of(), 20, BinanceRest::json);
 * }</pre>
 *
 * Request descriptions in messages never contain the query string, the key or the signature. Thread-safe.
 */
public final class BinanceRest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceRest.class);
    /** The header in which Binance reports the request weight used by this IP in the current minute. */
    public static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";

    private static final Duration DEFAULT_429_WAIT = Duration.ofSeconds(1);
    private static final Duration DEFAULT_BAN = Duration.ofMinutes(2);
    private static final int WEIGHT_TIME = 1;
    private static final String TIME_PATH = "/api/v3/time";

    /** Reads a 2xx body; any exception it throws counts as an unreadable answer. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(byte[] body) throws IOException;
    }

    /** What every view of one client shares: the HTTP client, the limiter and the server clock offset. */
    private static final class Core {
        final HttpClient client;
        final boolean ownsClient;
        final URI baseUrl;
        final Clock clock;
        final Sleeper sleeper;
        final WeightLimiter limiter;
        final int maxRetries;
        final Duration retryBackoff;
        final Duration maxWait;
        final Duration recvWindow;
        volatile long offsetMillis;
        volatile boolean timeSynced;

        Core(Builder b, HttpClient client, boolean ownsClient) {
            this.client = client;
            this.ownsClient = ownsClient;
            String u = b.baseUrl.toString();
            this.baseUrl = URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
            this.clock = b.clock;
            this.sleeper = b.sleeper;
            this.limiter = new WeightLimiter(
                    b.clock, b.sleeper, b.maxWait, b.weightBudget, b.weightBudgetPercent, b.weightLimit);
            this.maxRetries = b.maxRetries;
            this.retryBackoff = b.retryBackoff;
            this.maxWait = b.maxWait;
            this.recvWindow = b.recvWindow;
        }
    }

    private record Keys(String apiKey, String secret) {
        @Override
        public String toString() {
            return "Keys[***]";
        }
    }

    private final Core core;
    private final Duration requestTimeout;
    private final Optional<Keys> keys;

    private BinanceRest(Core core, Duration requestTimeout, Optional<Keys> keys) {
        this.core = core;
        this.requestTimeout = requestTimeout;
        this.keys = keys;
    }

    /** A builder with Binance's public spot API and the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A view of this client that signs requests with these keys: it shares the HTTP client, the weight
     * limiter and the server clock offset, and closing it closes nothing.
     */
    public BinanceRest withCredentials(String apiKey, String secret) {
        return withCredentials(apiKey, secret, requestTimeout);
    }

    /** As {@link #withCredentials(String, String)}, with its own time allowed per answer. */
    public BinanceRest withCredentials(String apiKey, String secret, Duration requestTimeout) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new ConfigException("BINANCE_API_KEY", "signed Binance requests need BINANCE_API_KEY");
        }
        if (secret == null || secret.isBlank()) {
            throw new ConfigException("BINANCE_SECRET", "signed Binance requests need BINANCE_SECRET");
        }
        positive("requestTimeout", requestTimeout);
        return new BinanceRest(core, requestTimeout, Optional.of(new Keys(apiKey, secret)));
    }

    /** The REST base URL (no trailing slash). */
    public URI baseUrl() {
        return core.baseUrl;
    }

    /** Whether this client signs requests (it was made by {@link #withCredentials}). */
    public boolean hasCredentials() {
        return keys.isPresent();
    }

    /** The per-minute weight budget in force for this host. */
    public int weightBudget() {
        return core.limiter.budget();
    }

    /** Request weight counted in the current minute (the larger of our count and Binance's header). */
    public int usedWeight() {
        return core.limiter.used();
    }

    /** Binance's REQUEST_WEIGHT per-minute limit (from exchangeInfo's {@code rateLimits}). */
    void exchangeLimit(int limit) {
        core.limiter.exchangeLimit(limit);
    }

    /** Server time minus local time, as last measured (zero before the first signed request). */
    public Duration clockOffset() {
        return Duration.ofMillis(core.offsetMillis);
    }

    /** The {@code recvWindow} sent with every signed request. */
    public Duration recvWindow() {
        return core.recvWindow;
    }

    /**
     * Measures the offset between Binance's clock and ours with {@code GET /api/v3/time} (weight 1; the
     * midpoint of the round trip is taken as the moment the server read its clock).
     */
    public Duration syncTime() {
        long t0 = core.clock.millis();
        long server = exchange(
                "GET",
                TIME_PATH,
                Map.of(),
                false,
                WEIGHT_TIME,
                body -> BinanceJson.integer(BinanceJson.object(body), "serverTime"),
                0,
                requestTimeout,
                core.maxWait);
        long t1 = core.clock.millis();
        long offset = server - (t0 + t1) / 2;
        if (Math.abs(offset - core.offsetMillis) > 1000) {
            LOG.info("Binance server clock is {} ms {} ours", Math.abs(offset), offset >= 0 ? "ahead of" : "behind");
        }
        core.offsetMillis = offset;
        core.timeSynced = true;
        return Duration.ofMillis(offset);
    }

    /** A public read, retried on transient failures. */
    public <T> T get(String path, Map<String, String> params, int weight, BodyReader<T> reader) {
        return exchange("GET", path, params, false, weight, reader, core.maxRetries, requestTimeout, core.maxWait);
    }

    /** A public read with its own retry count, timeout and longest rate-limit wait (a probe: 0, short, ZERO). */
    <T> T send(
            String path,
            Map<String, String> params,
            int weight,
            BodyReader<T> reader,
            int retries,
            Duration timeout,
            Duration allowedWait) {
        return exchange("GET", path, params, false, weight, reader, retries, timeout, allowedWait);
    }

    /**
     * A SIGNED request ({@code timestamp}, {@code recvWindow}, {@code signature} = HMAC-SHA256 of the query
     * string, header {@code X-MBX-APIKEY}). A {@code GET} is retried like a read; a {@code POST} or {@code
     * DELETE} is sent once (plus one resend after a {@code -1021}, which Binance refused before acting).
     *
     * @throws io.cryptogo.error.InvalidRequestException for Binance's definite refusals (cause: {@link
     *     BinanceApiException} with the code)
     * @throws io.cryptogo.error.RateLimitedException on 429/418 or while a pause or ban lasts
     * @throws ExchangeUnavailableException when no answer came, or a 5xx or unreadable one
     */
    public <T> T signed(String method, String path, Map<String, String> params, int weight, BodyReader<T> reader) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("this BinanceRest has no credentials; use withCredentials(key, secret)");
        }
        if (!core.timeSynced) {
            try {
                syncTime();
            } catch (CryptoGoException e) {
                core.timeSynced = true; // a -1021 will ask again
                LOG.warn("could not read Binance's server time, signing with the local clock: {}", e.getMessage());
            }
        }
        boolean read = method.equals("GET");
        return exchange(
                method, path, params, true, weight, reader, read ? core.maxRetries : 0, requestTimeout, core.maxWait);
    }

    private <T> T exchange(
            String method,
            String path,
            Map<String, String> params,
            boolean signed,
            int weight,
            BodyReader<T> reader,
            int retries,
            Duration timeout,
            Duration allowedWait) {
        String request = method + " " + path;
        boolean resent = false;
        for (int attempt = 0; ; attempt++) {
            core.limiter.acquire(weight, allowedWait);
            CryptoGoException failure;
            HttpResponse<byte[]> r;
            try {
                HttpRequest.Builder req = HttpRequest.newBuilder(uri(path, params, signed))
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.noBody());
                keys.filter(k -> signed).ifPresent(k -> req.header("X-MBX-APIKEY", k.apiKey()));
                r = core.client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
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
            core.limiter.onResponse(status, usedWeight(r.headers()), retryAfter, bannedUntil);
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
                retryAfter = core.limiter.banLeft();
            }
            failure = BinanceErrors.fromResponse(status, r.body(), request, params, retryAfter);
            if (signed && !resent && BinanceApiException.codeOf(failure) == -1021) {
                // refused before anything happened: measure the clock again and resend once
                resent = true;
                LOG.warn("Binance refused the timestamp of {}; re-reading the server time and resending once", request);
                syncTime();
                attempt--;
                continue;
            }
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
        Duration wait = core.retryBackoff.multipliedBy(1L << Math.min(attempt, 16));
        LOG.warn("{}; retry {}/{} in {}", failure.getMessage(), attempt + 1, retries, BinanceErrors.human(wait));
        try {
            core.sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
        return true;
    }

    private URI uri(String path, Map<String, String> params, boolean signed) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        if (signed) {
            q.add("recvWindow=" + core.recvWindow.toMillis());
            q.add("timestamp=" + (core.clock.millis() + core.offsetMillis));
            String payload = q.toString();
            q.add("signature=" + hmac(keys.orElseThrow().secret(), payload));
        }
        String query = q.toString();
        return URI.create(core.baseUrl + path + (query.isEmpty() ? "" : "?" + query));
    }

    /** HMAC-SHA256 of {@code payload} under {@code secret}, in lower-case hex (Binance's signature). */
    static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The weight Binance reports in {@value #USED_WEIGHT}, when present and readable. */
    static OptionalInt usedWeight(HttpHeaders h) {
        Optional<String> v = h.firstValue(USED_WEIGHT);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The one {@code Retry-After} parser: the wait a 429 or 418 asks for, in seconds; when the header is
     * missing or unreadable, 1 s for a 429 and 2 min (Binance's shortest ban) for a 418. Zero for other
     * statuses.
     */
    public static Duration retryAfter(HttpHeaders h, int status) {
        if (status != 429 && status != 418) {
            return Duration.ZERO;
        }
        Duration fallback = status == 418 ? DEFAULT_BAN : DEFAULT_429_WAIT;
        Optional<String> v = h.firstValue("Retry-After");
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long s = Long.parseLong(v.get().strip());
            return s >= 0 ? Duration.ofSeconds(s) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * One symbol's filters (tick size, step size, minimum quantity and notional) from this host's {@code GET
     * /api/v3/exchangeInfo?symbol=} (weight 20; callers cache it).
     *
     * @throws io.cryptogo.error.InvalidRequestException when this host does not list the symbol
     */
    public io.cryptogo.model.SymbolInfo symbolInfo(io.cryptogo.model.Symbol symbol) {
        BinanceJson.ExchangeInfo info = get(
                "/api/v3/exchangeInfo",
                Map.of("symbol", symbol.exchangeCode()),
                BinanceMarketData.WEIGHT_EXCHANGE_INFO,
                BinanceJson::exchangeInfo);
        info.weightPerMinute().ifPresent(this::exchangeLimit);
        io.cryptogo.model.SymbolInfo s = info.symbols().get(symbol.exchangeCode());
        if (s == null) {
            throw new io.cryptogo.error.InvalidRequestException(
                    "symbol", "Binance at " + core.baseUrl + " does not list " + symbol);
        }
        return s;
    }

    /**
     * A reader for a JSON object or array body (for callers that walk the tree themselves).
     *
     * @throws IOException when the body is not JSON
     */
    public static com.fasterxml.jackson.databind.JsonNode json(byte[] body) throws IOException {
        com.fasterxml.jackson.databind.JsonNode n = BinanceJson.MAPPER.readTree(body);
        if (n == null || n.isMissingNode() || n.isNull() || !(n.isObject() || n.isArray())) {
            throw new IOException("expected a JSON object or array");
        }
        return n;
    }

    /** Closes the HTTP client when this client created it; views and shared clients are left alone. */
    @Override
    public void close() {
        if (core.ownsClient && keys.isEmpty()) {
            core.client.close();
        }
    }

    @Override
    public String toString() {
        return "BinanceRest[" + core.baseUrl + (keys.isPresent() ? ", signed" : "") + "]";
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(name, name + " must be positive, got " + d);
        }
    }

    /** Settings for {@link BinanceRest}; {@link #build()} validates them. */
    public static final class Builder {
        private URI baseUrl = BinanceMarketData.DEFAULT_BASE_URL;
        private HttpClient client;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxRetries = 3;
        private Duration retryBackoff = Duration.ofMillis(250);
        private Duration maxWait = Duration.ofSeconds(60);
        private int weightBudget;
        private int weightBudgetPercent = 90;
        private int weightLimit = 6000;
        private Duration recvWindow = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {}

        /** REST base URL (default {@code https://api.binance.com}). */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** An HTTP client to use and leave open at {@link BinanceRest#close()} (default: a new one, owned). */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /** TCP/TLS connect timeout of the client this builder creates (default 5 s). */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Objects.requireNonNull(d, "connectTimeout");
            return this;
        }

        /** Time allowed for one answer (default 10 s). */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = Objects.requireNonNull(d, "requestTimeout");
            return this;
        }

        /** Retries of a read, 0..10 (default 3). Writes are never retried. */
        public Builder maxRetries(int n) {
            this.maxRetries = n;
            return this;
        }

        /** First retry delay, doubled on each further retry (default 250 ms). */
        public Builder retryBackoff(Duration d) {
            this.retryBackoff = Objects.requireNonNull(d, "retryBackoff");
            return this;
        }

        /** Longest wait for the weight budget or a 429's Retry-After before failing (default 60 s; 0 = never). */
        public Builder maxWait(Duration d) {
            this.maxWait = Objects.requireNonNull(d, "maxWait");
            return this;
        }

        /** A fixed weight budget per minute (default: {@link #weightBudgetPercent} of the exchange limit). */
        public Builder weightBudget(int perMinute) {
            this.weightBudget = perMinute;
            return this;
        }

        /** Share of Binance's published weight limit to use, 1..100 (default 90). */
        public Builder weightBudgetPercent(int percent) {
            this.weightBudgetPercent = percent;
            return this;
        }

        /** The host's weight limit per minute until exchangeInfo says otherwise (spot 6000, futures 2400). */
        public Builder weightLimit(int perMinute) {
            this.weightLimit = perMinute;
            return this;
        }

        /** {@code recvWindow} of signed requests, 1 ms..60 s (default 5 s). */
        public Builder recvWindow(Duration d) {
            this.recvWindow = Objects.requireNonNull(d, "recvWindow");
            return this;
        }

        /** Clock for timestamps and rate-limit windows (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How the client waits (tests record waits instead of sleeping). */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Validates and freezes the settings.
         *
         * @throws ConfigException naming the setting and its accepted range
         */
        public BinanceRest build() {
            if (baseUrl.getScheme() == null
                    || baseUrl.getHost() == null
                    || !List.of("http", "https").contains(baseUrl.getScheme())) {
                throw new ConfigException(
                        "BINANCE_BASE_URL",
                        "the Binance REST base URL must be an absolute http(s) URL, got " + baseUrl);
            }
            positive("BINANCE_CONNECT_TIMEOUT", connectTimeout);
            positive("BINANCE_REQUEST_TIMEOUT", requestTimeout);
            positive("BINANCE_RETRY_BACKOFF", retryBackoff);
            if (maxWait.isNegative()) {
                throw new ConfigException("BINANCE_MAX_WAIT", "BINANCE_MAX_WAIT must be >= 0, got " + maxWait);
            }
            if (maxRetries < 0 || maxRetries > 10) {
                throw new ConfigException(
                        "BINANCE_MAX_RETRIES", "BINANCE_MAX_RETRIES=" + maxRetries + " is out of range 0..10");
            }
            if (weightBudgetPercent < 1 || weightBudgetPercent > 100) {
                throw new ConfigException(
                        "BINANCE_WEIGHT_BUDGET_PERCENT",
                        "BINANCE_WEIGHT_BUDGET_PERCENT=" + weightBudgetPercent + " is out of range 1..100");
            }
            if (weightBudget < 0 || weightLimit < 1) {
                throw new ConfigException(
                        "BINANCE_WEIGHT_BUDGET", "BINANCE_WEIGHT_BUDGET=" + weightBudget + " must be at least 1");
            }
            if (recvWindow.isNegative() || recvWindow.isZero() || recvWindow.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new ConfigException(
                        "BINANCE_RECV_WINDOW", "BINANCE_RECV_WINDOW must be within 1ms..60s, got " + recvWindow);
            }
            boolean owns = client == null;
            HttpClient c = owns
                    ? HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build()
                    : client;
            return new BinanceRest(new Core(this, c, owns), requestTimeout, Optional.empty());
        }
    }
}
