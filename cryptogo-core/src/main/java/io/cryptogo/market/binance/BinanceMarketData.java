package io.cryptogo.market.binance;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.CandleListener;
import io.cryptogo.market.DerivativesData;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import io.cryptogo.time.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance spot market data (no API key needed): klines of the six intervals (paged transparently beyond
 * 1000 bars), ticker, 24-hour statistics, symbols with their filters, and live kline streams that fill any
 * gap over REST after a reconnect.
 *
 * <pre>{@code
 * try (BinanceMarketData binance = BinanceMarketData.fromConfig(Config.fromEnv())) {
 *     if (binance.probe().isEmpty()) {
 *         List<Candle> c = binance.klines("BTC/USDT", Interval.H1, 100);   // oldest first, last may be open
 *     }
 * }
 * }</pre>
 *
 * <p>Every request's weight is counted against a per-minute budget (by default 90% of the limit Binance
 * publishes in {@code exchangeInfo}, 6000 until known), with the {@code X-MBX-USED-WEIGHT-1M} header of
 * each response as the truth; a 429 pauses all requests for its {@code Retry-After}; a 418 (IP ban) makes
 * every call fail at once, without sending anything, until the ban ends. Reads are retried with exponential
 * backoff on timeouts, network failures, 5xx and unreadable answers. Thread-safe.
 */
public final class BinanceMarketData implements MarketDataSource {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceMarketData.class);

    /** Binance's public REST API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.binance.com");
    /** Binance's public WebSocket streams. */
    public static final URI DEFAULT_STREAM_URL = URI.create("wss://stream.binance.com:9443");

    static final int PAGE = 1000;
    static final int WEIGHT_KLINES = 2;
    static final int WEIGHT_TICKER_24H = 2;
    static final int WEIGHT_EXCHANGE_INFO = 20;
    static final int WEIGHT_PING = 1;

    private final Settings settings;
    private final Clock clock;
    private final DerivativesData derivatives;
    private final HttpClient client;
    private final BinanceRest http;
    private final Set<BinanceKlineStream> streams = ConcurrentHashMap.newKeySet();
    private final Object infoLock = new Object();
    private volatile CachedInfo info;
    private volatile boolean closed;

    private record CachedInfo(BinanceJson.ExchangeInfo info, Instant fetched) {}

    /** The frozen settings of one adapter. */
    record Settings(
            URI baseUrl,
            URI streamUrl,
            Duration connectTimeout,
            Duration requestTimeout,
            Duration probeTimeout,
            int maxRetries,
            Duration retryBackoff,
            Duration maxWait,
            int weightBudget,
            int weightBudgetPercent,
            Duration exchangeInfoTtl,
            Duration streamSilenceTimeout,
            Duration streamReconnectDelay) {}

    private BinanceMarketData(Builder b) {
        this.settings = new Settings(
                b.baseUrl,
                b.streamUrl,
                b.connectTimeout,
                b.requestTimeout,
                b.probeTimeout,
                b.maxRetries,
                b.retryBackoff,
                b.maxWait,
                b.weightBudget,
                b.weightBudgetPercent,
                b.exchangeInfoTtl,
                b.streamSilenceTimeout,
                b.streamReconnectDelay);
        this.clock = b.clock;
        this.derivatives = b.derivatives;
        this.client = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.http = BinanceRest.builder()
                .baseUrl(b.baseUrl)
                .httpClient(client)
                .requestTimeout(b.requestTimeout)
                .maxRetries(b.maxRetries)
                .retryBackoff(b.retryBackoff)
                .maxWait(b.maxWait)
                .weightBudget(b.weightBudget)
                .weightBudgetPercent(b.weightBudgetPercent)
                .recvWindow(b.recvWindow)
                .clock(clock)
                .sleeper(b.sleeper)
                .build();
        LOG.info(
                "Binance market data: REST {}, streams {}, weight budget {}",
                Config.mask("BINANCE_BASE_URL", b.baseUrl.toString()),
                Config.mask("BINANCE_STREAM_URL", b.streamUrl.toString()),
                b.weightBudget > 0 ? b.weightBudget + "/min" : b.weightBudgetPercent + "% of the exchange limit");
    }

    /** A builder with Binance's public endpoints and the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An adapter configured from settings ({@code BINANCE_BASE_URL}, {@code BINANCE_STREAM_URL}, the timeouts
     * and the weight budget; see docs/market-data.md for every name and default).
     *
     * @throws ConfigException naming the setting when one is invalid
     */
    public static BinanceMarketData fromConfig(Config config) {
        Builder b = builder();
        config.url("BINANCE_BASE_URL").ifPresent(b::baseUrl);
        config.url("BINANCE_STREAM_URL").ifPresent(b::streamUrl);
        b.connectTimeout(config.duration("BINANCE_CONNECT_TIMEOUT", b.connectTimeout));
        b.requestTimeout(config.duration("BINANCE_REQUEST_TIMEOUT", b.requestTimeout));
        b.probeTimeout(config.duration("BINANCE_PROBE_TIMEOUT", b.probeTimeout));
        b.maxRetries(config.integer("BINANCE_MAX_RETRIES", b.maxRetries, 0, 10));
        b.retryBackoff(config.duration("BINANCE_RETRY_BACKOFF", b.retryBackoff));
        b.maxWait(config.duration("BINANCE_MAX_WAIT", b.maxWait));
        b.weightBudgetPercent(config.integer("BINANCE_WEIGHT_BUDGET_PERCENT", b.weightBudgetPercent, 1, 100));
        if (config.get("BINANCE_WEIGHT_BUDGET").isPresent()) {
            b.weightBudget(config.integer("BINANCE_WEIGHT_BUDGET", 0, 1, 1_000_000));
        }
        b.exchangeInfoTtl(config.duration("BINANCE_EXCHANGE_INFO_TTL", b.exchangeInfoTtl));
        b.recvWindow(config.duration("BINANCE_RECV_WINDOW", b.recvWindow));
        b.streamSilenceTimeout(config.duration("BINANCE_STREAM_SILENCE_TIMEOUT", b.streamSilenceTimeout));
        b.streamReconnectDelay(config.duration("BINANCE_STREAM_RECONNECT_DELAY", b.streamReconnectDelay));
        b.derivatives(BinanceFuturesData.fromConfig(config));
        return b.build();
    }

    /**
     * Checks that Binance answers {@code /api/v3/ping} within the probe timeout: one try, no retry, and no
     * waiting for a rate-limit pause or ban (reported as the reason instead).
     *
     * @return why Binance is unreachable, or empty when it answered
     */
    public Optional<String> probe() {
        try {
            http.send("/api/v3/ping", Map.of(), WEIGHT_PING, body -> body, 0, settings.probeTimeout(), Duration.ZERO);
            return Optional.empty();
        } catch (CryptoGoException e) {
            return Optional.of("Binance unreachable at "
                    + Config.mask("BINANCE_BASE_URL", settings.baseUrl().toString()) + ": " + e.getMessage());
        }
    }

    /** The USDⓈ-M futures data ({@code fromConfig} sets it from {@code BINANCE_FUTURES_BASE_URL}). */
    @Override
    public Optional<DerivativesData> derivatives() {
        return Optional.ofNullable(derivatives);
    }

    @Override
    public SourceInfo source() {
        return new SourceInfo(
                SourceInfo.Kind.BINANCE,
                "Binance public API at "
                        + Config.mask("BINANCE_BASE_URL", settings.baseUrl().toString()));
    }

    /**
     * The REST client of this adapter: a venue on the same host signs its requests through {@code
     * rest().withCredentials(key, secret)} and so shares this adapter's weight limiter and server clock offset.
     */
    public BinanceRest rest() {
        return http;
    }

    /** The REST base URL in use. */
    public URI baseUrl() {
        return settings.baseUrl();
    }

    /** The WebSocket base URL in use. */
    public URI streamUrl() {
        return settings.streamUrl();
    }

    @Override
    public List<Candle> klines(KlineQuery q) {
        ensureOpen();
        return q.start().isPresent() ? forward(q) : backward(q);
    }

    /** From start onwards, paged by startTime. */
    private List<Candle> forward(KlineQuery q) {
        long cursor = q.start().orElseThrow().toEpochMilli();
        Long end = q.end().map(Instant::toEpochMilli).orElse(null);
        int remaining = q.limit();
        List<Candle> out = new ArrayList<>(Math.min(remaining, 16 * PAGE));
        while (remaining > 0) {
            int n = Math.min(PAGE, remaining);
            Map<String, String> p = params(q, n);
            p.put("startTime", Long.toString(cursor));
            if (end != null) {
                p.put("endTime", Long.toString(end));
            }
            List<Candle> page = fetch(q, p);
            for (Candle c : page) {
                if (c.openTime().toEpochMilli() >= cursor && out.size() < q.limit()) {
                    out.add(c);
                }
            }
            remaining = q.limit() - out.size();
            if (page.isEmpty() || out.isEmpty()) {
                break;
            }
            // a short page may end at an exchange outage rather than at the end: go on until the end (or now)
            cursor = out.get(out.size() - 1).nextOpenTime().toEpochMilli();
            long last = end != null ? end : q.interval().alignMillis(clock.millis());
            if (cursor > last) {
                break;
            }
        }
        return out;
    }

    /** The last {@code limit} candles (up to end, when given), paged backwards by endTime. */
    private List<Candle> backward(KlineQuery q) {
        Long end = q.end().map(Instant::toEpochMilli).orElse(null);
        int remaining = q.limit();
        Deque<List<Candle>> pages = new ArrayDeque<>();
        while (remaining > 0) {
            int n = Math.min(PAGE, remaining);
            Map<String, String> p = params(q, n);
            if (end != null) {
                p.put("endTime", Long.toString(end));
            }
            List<Candle> page = fetch(q, p);
            if (end != null) {
                long limitMs = end;
                page = page.stream()
                        .filter(c -> c.openTime().toEpochMilli() <= limitMs)
                        .toList();
            }
            if (page.size() > n) {
                page = page.subList(page.size() - n, page.size());
            }
            if (!page.isEmpty()) {
                pages.addFirst(page);
            }
            remaining -= page.size();
            // a short page may come from an exchange outage inside the window, not the start of history:
            // only an empty page ends the walk back
            if (page.isEmpty()) {
                break;
            }
            end = page.get(0).openTime().toEpochMilli() - 1;
        }
        List<Candle> out = new ArrayList<>(q.limit() - Math.max(0, remaining));
        pages.forEach(out::addAll);
        return out;
    }

    private static Map<String, String> params(KlineQuery q, int limit) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", q.symbol().exchangeCode());
        p.put("interval", q.interval().code());
        p.put("limit", Integer.toString(limit));
        return p;
    }

    private List<Candle> fetch(KlineQuery q, Map<String, String> p) {
        return http.get(
                "/api/v3/klines",
                p,
                WEIGHT_KLINES,
                body -> BinanceJson.klines(body, q.symbol(), q.interval(), clock.millis()));
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        ensureOpen();
        return http.get(
                "/api/v3/ticker/24hr",
                Map.of("symbol", symbol.exchangeCode()),
                WEIGHT_TICKER_24H,
                body -> BinanceJson.ticker(body, symbol));
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        ensureOpen();
        return http.get(
                "/api/v3/ticker/24hr",
                Map.of("symbol", symbol.exchangeCode()),
                WEIGHT_TICKER_24H,
                body -> BinanceJson.stats24h(body, symbol));
    }

    @Override
    public List<SymbolInfo> symbols() {
        return List.copyOf(exchangeInfo().symbols().values());
    }

    @Override
    public SymbolInfo symbol(Symbol symbol) {
        SymbolInfo s = exchangeInfo().symbols().get(symbol.exchangeCode());
        if (s == null || !s.symbol().equals(symbol)) {
            throw new InvalidRequestException(
                    "symbol", "Binance does not know symbol " + symbol + "; see symbols() for the list");
        }
        return s;
    }

    /** exchangeInfo, cached for {@code exchangeInfoTtl}; a failed refresh keeps serving the older copy. */
    private BinanceJson.ExchangeInfo exchangeInfo() {
        ensureOpen();
        CachedInfo c = info;
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.fetched().plus(settings.exchangeInfoTtl()))) {
            return c.info();
        }
        synchronized (infoLock) {
            c = info;
            if (c != null && now.isBefore(c.fetched().plus(settings.exchangeInfoTtl()))) {
                return c.info();
            }
            try {
                BinanceJson.ExchangeInfo fresh =
                        http.get("/api/v3/exchangeInfo", Map.of(), WEIGHT_EXCHANGE_INFO, BinanceJson::exchangeInfo);
                fresh.weightPerMinute().ifPresent(http::exchangeLimit);
                info = new CachedInfo(fresh, clock.instant());
                return fresh;
            } catch (CryptoGoException e) {
                if (c == null) {
                    throw e;
                }
                LOG.warn(
                        "refreshing Binance exchange info failed, keeping the copy from {}: {}",
                        c.fetched(),
                        e.getMessage());
                return c.info();
            }
        }
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        ensureOpen();
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(listener, "listener");
        BinanceKlineStream s = new BinanceKlineStream(
                client, settings, clock, symbol, interval, listener, this::klines, streams::remove);
        streams.add(s);
        s.start();
        return s;
    }

    /** The per-minute weight budget in force (90% of Binance's published limit unless set). */
    public int weightBudget() {
        return http.weightBudget();
    }

    /** Request weight counted in the current minute (the larger of our count and Binance's header). */
    public int usedWeight() {
        return http.usedWeight();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (BinanceKlineStream s : List.copyOf(streams)) {
            s.close();
        }
        client.shutdownNow();
        try {
            client.awaitTermination(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this BinanceMarketData is closed");
        }
    }

    /** Settings for {@link BinanceMarketData}; {@link #build()} validates them. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private URI streamUrl = DEFAULT_STREAM_URL;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration probeTimeout = Duration.ofSeconds(3);
        private int maxRetries = 3;
        private Duration retryBackoff = Duration.ofMillis(250);
        private Duration maxWait = Duration.ofSeconds(60);
        private int weightBudget;
        private int weightBudgetPercent = 90;
        private Duration exchangeInfoTtl = Duration.ofHours(1);
        private Duration recvWindow = Duration.ofSeconds(5);
        private Duration streamSilenceTimeout = Duration.ofSeconds(60);
        private Duration streamReconnectDelay = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private DerivativesData derivatives;

        private Builder() {}

        /** Open interest and funding to report from {@link BinanceMarketData#derivatives()} (none by default). */
        public Builder derivatives(DerivativesData derivatives) {
            this.derivatives = java.util.Objects.requireNonNull(derivatives, "derivatives");
            return this;
        }

        /** REST base URL (default {@code https://api.binance.com}; a mirror or a local test server). */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** WebSocket base URL (default {@code wss://stream.binance.com:9443}); streams open {@code /ws/<name>}. */
        public Builder streamUrl(URI streamUrl) {
            this.streamUrl = Objects.requireNonNull(streamUrl, "streamUrl");
            return this;
        }

        /**
         * A fixed request-weight budget per minute; by default the adapter uses {@link
         * #weightBudgetPercent(int)} of the limit Binance publishes.
         */
        public Builder weightBudget(int weightPerMinute) {
            this.weightBudget = weightPerMinute;
            return this;
        }

        /** Share of Binance's published weight limit to use, 1..100 (default 90). */
        public Builder weightBudgetPercent(int percent) {
            this.weightBudgetPercent = percent;
            return this;
        }

        /** Clock deciding which candle is still open, and timing rate limits (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** TCP/TLS connect timeout for REST and streams (default 5 s). */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Objects.requireNonNull(d, "connectTimeout");
            return this;
        }

        /** Time allowed for one REST answer (default 10 s); a timeout is retried. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = Objects.requireNonNull(d, "requestTimeout");
            return this;
        }

        /** Time allowed for {@link BinanceMarketData#probe()} (default 3 s). */
        public Builder probeTimeout(Duration d) {
            this.probeTimeout = Objects.requireNonNull(d, "probeTimeout");
            return this;
        }

        /** Retries of a read after a timeout, network failure, 5xx, unreadable answer or 429 (default 3). */
        public Builder maxRetries(int n) {
            this.maxRetries = n;
            return this;
        }

        /** First retry delay, doubled on each further retry (default 250 ms). */
        public Builder retryBackoff(Duration d) {
            this.retryBackoff = Objects.requireNonNull(d, "retryBackoff");
            return this;
        }

        /**
         * Longest a call waits for the weight budget or a 429's Retry-After before failing with {@link
         * io.cryptogo.error.RateLimitedException} (default 60 s).
         */
        public Builder maxWait(Duration d) {
            this.maxWait = Objects.requireNonNull(d, "maxWait");
            return this;
        }

        /** {@code recvWindow} of signed requests made through {@link BinanceMarketData#rest()} (default 5 s). */
        public Builder recvWindow(Duration d) {
            this.recvWindow = Objects.requireNonNull(d, "recvWindow");
            return this;
        }

        /** How long symbols and filters from exchangeInfo are cached (default 1 h). */
        public Builder exchangeInfoTtl(Duration d) {
            this.exchangeInfoTtl = Objects.requireNonNull(d, "exchangeInfoTtl");
            return this;
        }

        /** A stream silent for longer than this is reconnected by the watchdog (default 60 s). */
        public Builder streamSilenceTimeout(Duration d) {
            this.streamSilenceTimeout = Objects.requireNonNull(d, "streamSilenceTimeout");
            return this;
        }

        /** First delay before a stream reconnects, doubled per failed attempt up to 1 min (default 1 s). */
        public Builder streamReconnectDelay(Duration d) {
            this.streamReconnectDelay = Objects.requireNonNull(d, "streamReconnectDelay");
            return this;
        }

        /** How the adapter waits (tests record waits instead of sleeping). */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Validates and freezes the settings.
         *
         * @throws ConfigException naming the setting and its accepted range
         */
        public BinanceMarketData build() {
            scheme("BINANCE_BASE_URL", baseUrl, "http", "https");
            scheme("BINANCE_STREAM_URL", streamUrl, "ws", "wss");
            positive("BINANCE_CONNECT_TIMEOUT", connectTimeout);
            positive("BINANCE_REQUEST_TIMEOUT", requestTimeout);
            positive("BINANCE_PROBE_TIMEOUT", probeTimeout);
            positive("BINANCE_RETRY_BACKOFF", retryBackoff);
            positive("BINANCE_EXCHANGE_INFO_TTL", exchangeInfoTtl);
            positive("BINANCE_STREAM_SILENCE_TIMEOUT", streamSilenceTimeout);
            positive("BINANCE_STREAM_RECONNECT_DELAY", streamReconnectDelay);
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
            if (weightBudget < 0) {
                throw new ConfigException(
                        "BINANCE_WEIGHT_BUDGET", "BINANCE_WEIGHT_BUDGET=" + weightBudget + " must be at least 1");
            }
            return new BinanceMarketData(this);
        }

        private static void scheme(String name, URI u, String... accepted) {
            if (u.getScheme() == null
                    || u.getHost() == null
                    || !List.of(accepted).contains(u.getScheme())) {
                throw new ConfigException(
                        name, name + "=" + u + " must be an absolute " + String.join(" or ", accepted) + " URL");
            }
        }

        private static void positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException(name, name + " must be positive, got " + d);
            }
        }
    }
}
