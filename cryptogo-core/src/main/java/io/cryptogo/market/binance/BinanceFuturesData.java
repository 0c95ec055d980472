package io.cryptogo.market.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.config.Config;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.market.DerivativesData;
import io.cryptogo.model.FundingRate;
import io.cryptogo.model.OpenInterest;
import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open interest and funding from Binance's USDⓈ-M perpetual futures public endpoints ({@code
 * /fapi/v1/openInterest}, {@code /futures/data/openInterestHist}, {@code /fapi/v1/premiumIndex}), for the
 * base asset of a spot symbol: {@code BTC/USDT}, {@code BTC/FDUSD} and {@code BTC/BTC}-like pairs all read
 * the {@code BTCUSDT} perpetual. No key is needed.
 *
 * <pre>{@code
 * DerivativesData d = BinanceFuturesData.fromConfig(Config.fromEnv());   // BINANCE_FUTURES_BASE_URL
 * OpenInterest oi = d.openInterest(Symbol.parse("BTC/USDT"));
 * }</pre>
 *
 * Requests go through the one Binance REST client ({@link BinanceRest}, its own instance and weight limiter:
 * futures are limited apart from spot), one try each and no waiting. Failures are translated by the
 * package's one translator ({@code BinanceErrors}), as for spot: a
 * timeout, a connection error, a 5xx or an unreadable body is an {@link ExchangeUnavailableException};
 * HTTP 429/418 a {@link RateLimitedException}, after which nothing is sent until its retry-after has passed
 * (a repeat would earn an IP ban); a 4xx with Binance's {@code {"code": -1121, "msg": "Invalid symbol."}}
 * an {@link InvalidRequestException} naming the field.
 */
public final class BinanceFuturesData implements DerivativesData {
    /** The setting that overrides the base URL. */
    public static final String BASE_URL_SETTING = "BINANCE_FUTURES_BASE_URL";
    /** Binance's USDⓈ-M futures REST base. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://fapi.binance.com");
    /** Binance's funding interval for most perpetuals. */
    public static final Duration FUNDING_INTERVAL = Duration.ofHours(8);

    private static final Logger LOG = LoggerFactory.getLogger(BinanceFuturesData.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Duration, String> PERIODS = Map.of(
            Duration.ofMinutes(5), "5m",
            Duration.ofMinutes(15), "15m",
            Duration.ofMinutes(30), "30m",
            Duration.ofHours(1), "1h",
            Duration.ofHours(2), "2h",
            Duration.ofHours(4), "4h",
            Duration.ofHours(6), "6h",
            Duration.ofHours(12), "12h",
            Duration.ofDays(1), "1d");
    /** USDⓈ-M futures' REQUEST_WEIGHT limit per minute and IP (its own, separate from spot's). */
    private static final int FUTURES_WEIGHT_LIMIT = 2400;
    /** The weight of each endpoint used here (openInterest, premiumIndex: 1; openInterestHist: 0, counted as 1). */
    private static final int WEIGHT = 1;

    private final URI baseUrl;
    private final BinanceRest rest;

    private BinanceFuturesData(Builder b) {
        BinanceRest.Builder r = BinanceRest.builder()
                .baseUrl(b.baseUrl)
                .connectTimeout(b.timeout)
                .requestTimeout(b.timeout)
                // one try, and no waiting: a snapshot line may be missing, a decision must not stall
                .maxRetries(0)
                .maxWait(Duration.ZERO)
                .weightLimit(FUTURES_WEIGHT_LIMIT)
                .clock(b.clock);
        if (b.http != null) {
            r.httpClient(b.http);
        }
        this.rest = r.build();
        this.baseUrl = rest.baseUrl();
    }

    /** Binance's public endpoint, or {@value #BASE_URL_SETTING} when set. */
    public static BinanceFuturesData fromConfig(Config config) {
        return builder()
                .baseUrl(config.url(BASE_URL_SETTING).orElse(DEFAULT_BASE_URL))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL requests go to. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The perpetual read for a spot symbol: its base asset against USDT ({@code BTC/FDUSD → BTCUSDT}). */
    public static String futuresSymbol(Symbol symbol) {
        return symbol.base() + "USDT";
    }

    @Override
    public OpenInterest openInterest(Symbol symbol) {
        JsonNode n = get("/fapi/v1/openInterest", Map.of("symbol", futuresSymbol(symbol)));
        return new OpenInterest(symbol, decimal(n, "openInterest"), time(n, "time"));
    }

    /**
     * @param period 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h or 1d
     * @param limit 1..500 points, the latest ones
     */
    @Override
    public List<OpenInterest> openInterestHistory(Symbol symbol, Duration period, int limit) {
        String p = PERIODS.get(Objects.requireNonNull(period, "period"));
        if (p == null) {
            throw new InvalidRequestException(
                    "period",
                    "open-interest period " + period
                            + " is not served; accepted: 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d");
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidRequestException("limit", "open-interest history limit must be 1..500, got " + limit);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", futuresSymbol(symbol));
        params.put("period", p);
        params.put("limit", Integer.toString(limit));
        JsonNode n = get("/futures/data/openInterestHist", params);
        if (!n.isArray()) {
            throw new ExchangeUnavailableException(
                    "Binance futures: openInterestHist did not answer an array: " + abbreviate(n.toString()));
        }
        List<OpenInterest> out = new ArrayList<>(n.size());
        for (JsonNode row : n) {
            out.add(new OpenInterest(symbol, decimal(row, "sumOpenInterest"), time(row, "timestamp")));
        }
        out.sort((a, b) -> a.time().compareTo(b.time()));
        return List.copyOf(out);
    }

    /** The last funding rate, per {@link #FUNDING_INTERVAL}, with the next funding time and mark price. */
    @Override
    public FundingRate fundingRate(Symbol symbol) {
        JsonNode n = get("/fapi/v1/premiumIndex", Map.of("symbol", futuresSymbol(symbol)));
        return new FundingRate(
                symbol,
                decimal(n, "lastFundingRate"),
                FUNDING_INTERVAL,
                time(n, "nextFundingTime"),
                decimal(n, "markPrice"),
                time(n, "time"));
    }

    private JsonNode get(String path, Map<String, String> params) {
        return rest.get(path, params, WEIGHT, BinanceRest::json);
    }

    private static BigDecimal decimal(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new ExchangeUnavailableException(
                    "Binance futures answer lacks '" + name + "': " + abbreviate(n.toString()));
        }
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            throw new ExchangeUnavailableException("Binance futures answer has a bad '" + name + "': " + v, e);
        }
    }

    private static Instant time(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new ExchangeUnavailableException(
                    "Binance futures answer lacks '" + name + "': " + abbreviate(n.toString()));
        }
        try {
            return Instant.ofEpochMilli(
                    v.isNumber() ? v.asLong() : Long.parseLong(v.asText().trim()));
        } catch (NumberFormatException e) {
            throw new ExchangeUnavailableException("Binance futures answer has a bad '" + name + "': " + v, e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /** Settings for {@link BinanceFuturesData}; defaults: Binance's base URL, 10 s timeout, UTC clock. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private HttpClient http;
        private Duration timeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** An absolute http(s) URL, e.g. a mirror or a local test server. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** The HTTP client to share (default: a new one). */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "httpClient");
            return this;
        }

        /** Connect and request timeout, 1 ms..5 min; default 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Clock for honouring retry-after; default UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public BinanceFuturesData build() {
            String scheme = baseUrl.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
                throw new InvalidRequestException(
                        BASE_URL_SETTING, BASE_URL_SETTING + " must be an absolute http(s) URL, got '" + baseUrl + "'");
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new InvalidRequestException("timeout", "timeout must be between 1 ms and 5 min, got " + timeout);
            }
            return new BinanceFuturesData(this);
        }
    }
}
