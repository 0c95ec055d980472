package io.cryptogo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cryptogo.model.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTP server that speaks Binance's public spot REST API byte for byte in the layouts of the live
 * captures ({@code ../shared/data/binance_rest}): {@code /api/v3/ping}, {@code /time}, {@code /exchangeInfo},
 * {@code /klines}, {@code /ticker/24hr}, {@code /ticker/price}, {@code /ticker/bookTicker}, with Binance's
 * error bodies ({@code {"code":-1121,"msg":"Invalid symbol."}}) and its {@code X-MBX-USED-WEIGHT-1M} header.
 *
 * <p>Candles are generated deterministically from (symbol, interval, openTime) up to the server's clock,
 * the last one open; {@link #klineEvent} renders the same candle as a WebSocket kline event, so REST and
 * {@link FakeBinanceStreamServer} agree. Faults are scripted per request ({@link Fault}), every request is
 * recorded, and other endpoints (orders, futures) can be added with {@link #route}.
 *
 * <pre>{@code
 * try (FakeBinanceServer binance = FakeBinanceServer.start(clock)) {
 *     binance.enqueue("/api/v3/klines", Fault.tooManyRequests(Duration.ofSeconds(3)));
 *     var market = BinanceMarketData.builder().baseUrl(binance.baseUrl()).clock(clock).build();
 * }
 * }</pre>
 */
public final class FakeBinanceServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** BTCUSDT's first candle on Binance. */
    public static final Instant DEFAULT_LISTED = Instant.parse("2017-08-17T04:00:00Z");

    /** One request as the server saw it. */
    public record Request(
            String method,
            String path,
            Map<String, String> query,
            Map<String, String> headers,
            String body,
            Instant time,
            String rawQuery) {
        public String param(String name) {
            return query.get(name);
        }
    }

    /** A response for {@link #route}. */
    public record Reply(int status, String body, Map<String, String> headers) {
        public static Reply json(String body) {
            return new Reply(200, body, Map.of());
        }

        public static Reply error(int status, int code, String msg) {
            return new Reply(status, "{\"code\":" + code + ",\"msg\":\"" + msg + "\"}", Map.of());
        }
    }

    /** A scripted misbehaviour for one request: a delay, a status with a body, headers. */
    public static final class Fault {
        private final Duration delay;
        private final int status;
        private final String body;
        private final Map<String, String> headers;

        private Fault(Duration delay, int status, String body, Map<String, String> headers) {
            this.delay = delay;
            this.status = status;
            this.body = body;
            this.headers = headers;
        }

        /** Answers with this status and body (and no weight header unless added). */
        public static Fault status(int status, String body) {
            return new Fault(Duration.ZERO, status, body, Map.of());
        }

        /** Waits this long before answering normally (a client timeout shorter than it times out). */
        public static Fault delay(Duration delay) {
            return new Fault(delay, 0, null, Map.of());
        }

        /** 429 with Binance's -1003 body and {@code Retry-After} in seconds. */
        public static Fault tooManyRequests(Duration retryAfter) {
            return status(
                            429,
                            "{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is 6000 request"
                                    + " weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid"
                                    + " polling the API.\"}")
                    .header("Retry-After", Long.toString(retryAfter.toSeconds()));
        }

        /** 418 (IP ban) with Binance's body naming the ban end and {@code Retry-After}. */
        public static Fault banned(Duration retryAfter, Instant until) {
            return status(
                            418,
                            "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until "
                                    + until.toEpochMilli()
                                    + ". Please use WebSocket Streams for live updates to avoid bans.\"}")
                    .header("Retry-After", Long.toString(retryAfter.toSeconds()));
        }

        /** A 5xx with Binance's -1001 body. */
        public static Fault serverError(int status) {
            return status(
                    status,
                    "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request. Please try again.\"}");
        }

        /** 200 with a body that is not valid JSON (a truncated klines page). */
        public static Fault malformed() {
            return status(200, "[[1634943780000,\"60685.22000000\",\"60729.8");
        }

        public Fault header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Fault(delay, status, body, Map.copyOf(h));
        }

        public Fault after(Duration wait) {
            return new Fault(wait, status, body, headers);
        }
    }

    private record Scripted(String pathPrefix, Fault fault) {}

    private record Row(
            long t,
            long closeT,
            String o,
            String h,
            String l,
            String c,
            String v,
            String q,
            long n,
            String takerV,
            String takerQ) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Scripted> faults = new ConcurrentLinkedQueue<>();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private volatile JsonNode exchangeInfo;
    private volatile Instant listed = DEFAULT_LISTED;
    private volatile int extraUsedWeight;
    private final List<Instant[]> outages = new CopyOnWriteArrayList<>();
    private long weightMinute = Long.MIN_VALUE;
    private int weight;

    private FakeBinanceServer(Clock clock) throws IOException {
        this.clock = clock;
        this.exchangeInfo = readResource("binance/exchange_info.json");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-binance-rest");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server on a free loopback port, on the system clock. */
    public static FakeBinanceServer start() {
        return start(Clock.systemUTC());
    }

    /** A server on a free loopback port whose candles and weight minutes follow {@code clock}. */
    public static FakeBinanceServer start(Clock clock) {
        try {
            return new FakeBinanceServer(clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:port}: give it to the adapter as {@code BINANCE_BASE_URL}. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort());
    }

    public Clock clock() {
        return clock;
    }

    /** Serves this exchangeInfo JSON instead of the bundled one (BTCUSDT, ETHUSDT, BNBBTC, LUNAUSDT). */
    public FakeBinanceServer exchangeInfo(String json) {
        try {
            this.exchangeInfo = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The first candle the server has (default BTCUSDT's listing, 2017-08-17T04:00Z). */
    public FakeBinanceServer listedSince(Instant first) {
        this.listed = Objects.requireNonNull(first);
        return this;
    }

    /**
     * An exchange outage: no candle opening in {@code [from, to)} exists (for every symbol and interval), as in
     * Binance's real history. Pages are cut by time window, so a page that overlaps an outage comes back short.
     */
    public FakeBinanceServer outage(Instant from, Instant to) {
        outages.add(new Instant[] {from, to});
        return this;
    }

    private boolean inOutage(long t) {
        for (Instant[] o : outages) {
            if (t >= o[0].toEpochMilli() && t < o[1].toEpochMilli()) {
                return true;
            }
        }
        return false;
    }

    /** Weight other clients on "this IP" used in the current minute, added to the reported header. */
    public FakeBinanceServer extraUsedWeight(int weight) {
        this.extraUsedWeight = weight;
        return this;
    }

    /** The next request (to any path) gets this fault. */
    public FakeBinanceServer enqueue(Fault fault) {
        return enqueue("", fault);
    }

    /** The next request whose path starts with {@code pathPrefix} gets this fault (faults queue up in order). */
    public FakeBinanceServer enqueue(String pathPrefix, Fault fault) {
        faults.add(new Scripted(pathPrefix, fault));
        return this;
    }

    /** Serves {@code path} (exactly) with {@code handler}, before the built-in endpoints. */
    public FakeBinanceServer route(String path, Function<Request, Reply> handler) {
        routes.put(path, handler);
        return this;
    }

    /**
     * Serves {@code path} as a SIGNED endpoint, checking what Binance checks before {@code handler} runs: the
     * {@code X-MBX-APIKEY} header (-2015, HTTP 401), the HMAC-SHA256 {@code signature} of the query string
     * and body (-1022), and the {@code timestamp} against this server's clock: at most 1 s ahead, at most
     * {@code recvWindow} (default 5000 ms) behind (-1021).
     */
    public FakeBinanceServer signedRoute(String path, String apiKey, String secret, Function<Request, Reply> handler) {
        return route(path, r -> {
            String key = r.headers().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("X-MBX-APIKEY"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (!apiKey.equals(key)) {
                return Reply.error(401, -2015, "Invalid API-key, IP, or permissions for action.");
            }
            String signature = r.param("signature");
            String payload = (r.rawQuery() + r.body()).replaceFirst("&?signature=[0-9a-fA-F]*", "");
            if (signature == null || !signature.equalsIgnoreCase(hmac(secret, payload))) {
                return Reply.error(400, -1022, "Signature for this request is not valid.");
            }
            long timestamp;
            try {
                timestamp = Long.parseLong(r.param("timestamp"));
            } catch (NumberFormatException | NullPointerException e) {
                return Reply.error(
                        400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
            }
            long window = r.param("recvWindow") == null ? 5000 : Long.parseLong(r.param("recvWindow"));
            long now = r.time().toEpochMilli();
            if (timestamp > now + 1000 || now - timestamp > window) {
                return Reply.error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
            }
            return handler.apply(r);
        });
    }

    private static String hmac(String secret, String payload) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every request received so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests to {@code path}. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public int requestCount() {
        return requests.size();
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- the market ----

    /**
     * The candle the server serves for (symbol, interval, openTime) at its clock's now, as a Binance REST
     * row ({@code [openTime,"open","high","low","close","volume",closeTime,"quoteVolume",trades,…]}).
     */
    public String klineRow(String symbol, Interval interval, Instant openTime) {
        return rowJson(row(symbol, interval, openTime.toEpochMilli(), clock.millis()));
    }

    /**
     * A WebSocket kline event for the same candle: final ({@code "x":true}, the values of the finished
     * candle) or an update of the open candle as of the server's now.
     */
    public String klineEvent(String symbol, Interval interval, Instant openTime, boolean closed) {
        long t = openTime.toEpochMilli();
        long asOf = closed ? t + interval.millis() : Math.min(clock.millis(), t + interval.millis() - 1);
        Row r = row(symbol, interval, t, asOf);
        long firstId = 1_000_000L + (t / 1000) % 1_000_000;
        return "{\"e\":\"kline\",\"E\":" + Math.max(asOf, t) + ",\"s\":\"" + symbol + "\",\"k\":{\"t\":" + r.t
                + ",\"T\":" + r.closeT + ",\"s\":\"" + symbol + "\",\"i\":\"" + interval.code() + "\",\"f\":"
                + firstId + ",\"L\":" + (firstId + r.n - 1) + ",\"o\":\"" + r.o + "\",\"c\":\"" + r.c
                + "\",\"h\":\"" + r.h + "\",\"l\":\"" + r.l + "\",\"v\":\"" + r.v + "\",\"n\":" + r.n + ",\"x\":"
                + closed + ",\"q\":\"" + r.q + "\",\"V\":\"" + r.takerV + "\",\"Q\":\"" + r.takerQ
                + "\",\"B\":\"0\"}}";
    }

    /** The deterministic price path of a symbol (a few overlaid waves around a realistic level). */
    public static double price(String symbol, long epochMillis) {
        double base = switch (symbol) {
            case "BTCUSDT" -> 30_000;
            case "ETHUSDT" -> 2_000;
            case "BNBBTC" -> 0.01;
            default -> 100;
        };
        double x = epochMillis / 3_600_000.0;
        return base * (1 + 0.08 * Math.sin(x / 97.0) + 0.02 * Math.sin(x / 7.3) + 0.004 * Math.sin(x * 1.9));
    }

    private static int decimals(String symbol) {
        return symbol.endsWith("BTC") ? 6 : 2;
    }

    private static String px(String symbol, double p) {
        return BigDecimal.valueOf(p)
                .setScale(decimals(symbol), RoundingMode.HALF_UP)
                .setScale(8)
                .toPlainString();
    }

    private static String qty(double q) {
        return BigDecimal.valueOf(q)
                .setScale(5, RoundingMode.HALF_UP)
                .setScale(8)
                .toPlainString();
    }

    private static long mix(long t) {
        long z = t * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }

    private Row row(String symbol, Interval interval, long t, long nowMs) {
        long len = interval.millis();
        long end = Math.min(t + len, Math.max(nowMs, t));
        double open = price(symbol, t);
        double close = price(symbol, end);
        double hi = Math.max(open, close);
        double lo = Math.min(open, close);
        for (int i = 1; i < 4; i++) {
            long at = t + len * i / 4;
            if (at <= end) {
                double p = price(symbol, at);
                hi = Math.max(hi, p);
                lo = Math.min(lo, p);
            }
        }
        double spread = 1 + (Math.floorMod(mix(t), 50) + 1) / 100_000.0;
        String o = px(symbol, open);
        String c = px(symbol, close);
        String h = new BigDecimal(px(symbol, hi * spread))
                .max(new BigDecimal(o))
                .max(new BigDecimal(c))
                .toPlainString();
        String l = new BigDecimal(px(symbol, lo / spread))
                .min(new BigDecimal(o))
                .min(new BigDecimal(c))
                .toPlainString();
        double elapsed = (double) (end - t) / len;
        double volume = (5 + Math.floorMod(mix(t + 1), 5000) / 100.0) * (len / 60_000.0) * elapsed;
        double mid = (open + close) / 2;
        long trades = Math.round((50 + Math.floorMod(mix(t + 2), 900)) * (len / 60_000.0) * elapsed);
        return new Row(
                t,
                t + len - 1,
                o,
                h,
                l,
                c,
                qty(volume),
                qty(volume * mid),
                trades,
                qty(volume * 0.55),
                qty(volume * 0.55 * mid));
    }

    private static String rowJson(Row r) {
        return "[" + r.t + ",\"" + r.o + "\",\"" + r.h + "\",\"" + r.l + "\",\"" + r.c + "\",\"" + r.v + "\","
                + r.closeT + ",\"" + r.q + "\"," + r.n + ",\"" + r.takerV + "\",\"" + r.takerQ + "\",\"0\"]";
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = parseQuery(ex.getRequestURI().getRawQuery());
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if ("application/x-www-form-urlencoded"
                    .equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
                query = new LinkedHashMap<>(query);
                query.putAll(parseQuery(body));
            }
            Request req = new Request(
                    ex.getRequestMethod(),
                    path,
                    Collections.unmodifiableMap(query),
                    headers,
                    body,
                    clock.instant(),
                    ex.getRequestURI().getRawQuery() == null
                            ? ""
                            : ex.getRequestURI().getRawQuery());
            requests.add(req);
            int usedWeight = count(weightOf(path, query));
            Fault fault = takeFault(path);
            if (fault != null && !fault.delay.isZero()) {
                try {
                    Thread.sleep(fault.delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Reply reply;
            if (fault != null && fault.status != 0) {
                reply = new Reply(fault.status, fault.body, fault.headers);
            } else {
                Function<Request, Reply> custom = routes.get(path);
                reply = custom != null ? custom.apply(req) : builtIn(req);
                Map<String, String> h = new LinkedHashMap<>(reply.headers());
                h.putIfAbsent("X-MBX-USED-WEIGHT", Integer.toString(usedWeight));
                h.putIfAbsent("X-MBX-USED-WEIGHT-1M", Integer.toString(usedWeight));
                reply = new Reply(reply.status(), reply.body(), h);
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    private Fault takeFault(String path) {
        for (Iterator<Scripted> it = faults.iterator(); it.hasNext(); ) {
            Scripted s = it.next();
            if (path.startsWith(s.pathPrefix())) {
                it.remove();
                return s.fault();
            }
        }
        return null;
    }

    private synchronized int count(int w) {
        long minute = Math.floorDiv(clock.millis(), 60_000);
        if (minute != weightMinute) {
            weightMinute = minute;
            weight = 0;
        }
        weight += w;
        return weight + extraUsedWeight;
    }

    private static int weightOf(String path, Map<String, String> q) {
        return switch (path) {
            case "/api/v3/ping", "/api/v3/time" -> 1;
            case "/api/v3/exchangeInfo" -> 20;
            case "/api/v3/ticker/24hr" -> q.containsKey("symbol") ? 2 : 80;
            case "/api/v3/ticker/price", "/api/v3/ticker/bookTicker" -> q.containsKey("symbol") ? 2 : 4;
            default -> 2;
        };
    }

    private Reply builtIn(Request r) {
        return switch (r.path()) {
            case "/api/v3/ping" -> Reply.json("{}");
            case "/api/v3/time" -> Reply.json("{\"serverTime\":" + clock.millis() + "}");
            case "/api/v3/exchangeInfo" -> exchangeInfo(r);
            case "/api/v3/klines" -> klines(r);
            case "/api/v3/ticker/24hr" -> perSymbol(r, this::ticker24h);
            case "/api/v3/ticker/price" -> perSymbol(r, this::tickerPrice);
            case "/api/v3/ticker/bookTicker" -> perSymbol(r, this::bookTicker);
            default -> new Reply(404, "<html><body><h2>404 Not found</h2></body></html>", Map.of());
        };
    }

    private List<String> symbolNames() {
        List<String> out = new ArrayList<>();
        exchangeInfo.path("symbols").forEach(s -> out.add(s.path("symbol").asText()));
        return out;
    }

    /** null when fine, else the Binance error for a missing or unknown symbol. */
    private Reply checkSymbol(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            return Reply.error(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        }
        if (!symbolNames().contains(symbol)) {
            return Reply.error(400, -1121, "Invalid symbol.");
        }
        return null;
    }

    private Reply exchangeInfo(Request r) {
        String symbol = r.param("symbol");
        if (symbol == null) {
            return Reply.json(exchangeInfo.toString());
        }
        Reply bad = checkSymbol(symbol);
        if (bad != null) {
            return bad;
        }
        ObjectNode copy = exchangeInfo.deepCopy();
        ArrayNode only = copy.putArray("symbols");
        exchangeInfo.path("symbols").forEach(s -> {
            if (s.path("symbol").asText().equals(symbol)) {
                only.add(s);
            }
        });
        return Reply.json(copy.toString());
    }

    private Reply klines(Request r) {
        String symbol = r.param("symbol");
        Reply bad = checkSymbol(symbol);
        if (bad != null) {
            return bad;
        }
        Interval interval = null;
        for (Interval i : Interval.values()) {
            if (i.code().equals(r.param("interval"))) {
                interval = i;
            }
        }
        if (interval == null) {
            return r.param("interval") == null
                    ? Reply.error(
                            400, -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.")
                    : Reply.error(400, -1120, "Invalid interval.");
        }
        int limit;
        Long start;
        Long end;
        try {
            limit = r.param("limit") == null ? 500 : Integer.parseInt(r.param("limit"));
            start = r.param("startTime") == null ? null : Long.parseLong(r.param("startTime"));
            end = r.param("endTime") == null ? null : Long.parseLong(r.param("endTime"));
        } catch (NumberFormatException e) {
            return Reply.error(400, -1100, "Illegal characters found in a parameter.");
        }
        if (limit < 1 || limit > 1000) {
            return Reply.error(400, -1130, "Data sent for parameter 'limit' is not valid.");
        }
        long step = interval.millis();
        long now = clock.millis();
        long last = interval.alignMillis(now);
        long first = interval.alignMillis(listed.toEpochMilli() + step - 1);
        long from;
        long to;
        if (start != null) {
            from = Math.max(first, interval.alignMillis(start + step - 1));
            to = Math.min(last, end == null ? last : interval.alignMillis(end));
            to = Math.min(to, from + (limit - 1) * step);
        } else {
            to = Math.min(last, end == null ? last : interval.alignMillis(end));
            from = Math.max(first, to - (limit - 1) * step);
        }
        StringBuilder sb = new StringBuilder(limit * 160).append('[');
        for (long t = from; t <= to; t += step) {
            if (inOutage(t)) {
                continue;
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(rowJson(row(symbol, interval, t, now)));
        }
        return Reply.json(sb.append(']').toString());
    }

    private Reply perSymbol(Request r, Function<String, String> one) {
        String symbol = r.param("symbol");
        if (symbol == null) {
            List<String> all = new ArrayList<>();
            symbolNames().forEach(s -> all.add(one.apply(s)));
            return Reply.json("[" + String.join(",", all) + "]");
        }
        Reply bad = checkSymbol(symbol);
        return bad != null ? bad : Reply.json(one.apply(symbol));
    }

    private String ticker24h(String symbol) {
        long now = clock.millis();
        long open = now - 86_400_000L;
        double o = price(symbol, open);
        double last = price(symbol, now);
        double hi = Math.max(o, last);
        double lo = Math.min(o, last);
        for (long t = open; t < now; t += 3_600_000L) {
            hi = Math.max(hi, price(symbol, t));
            lo = Math.min(lo, price(symbol, t));
        }
        BigDecimal op = new BigDecimal(px(symbol, o));
        BigDecimal lp = new BigDecimal(px(symbol, last));
        BigDecimal change = lp.subtract(op);
        BigDecimal pct = change.multiply(BigDecimal.valueOf(100)).divide(op, 3, RoundingMode.HALF_UP);
        BigDecimal tick = BigDecimal.ONE.movePointLeft(decimals(symbol));
        double volume = 20_000 + Math.floorMod(mix(now / 60_000), 40_000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", symbol);
        m.put("priceChange", change.setScale(8).toPlainString());
        m.put("priceChangePercent", pct.toPlainString());
        m.put("weightedAvgPrice", px(symbol, (o + last) / 2));
        m.put("prevClosePrice", op.setScale(8).toPlainString());
        m.put("lastPrice", lp.setScale(8).toPlainString());
        m.put("lastQty", "0.20083000");
        m.put("bidPrice", lp.setScale(8).toPlainString());
        m.put("bidQty", "0.34024000");
        m.put("askPrice", lp.add(tick).setScale(8).toPlainString());
        m.put("askQty", "0.64537000");
        m.put("openPrice", op.setScale(8).toPlainString());
        m.put("highPrice", px(symbol, hi));
        m.put("lowPrice", px(symbol, lo));
        m.put("volume", qty(volume));
        m.put("quoteVolume", qty(volume * (o + last) / 2));
        m.put("openTime", open);
        m.put("closeTime", now);
        m.put("firstId", 1109901940L);
        m.put("lastId", 1111482582L);
        m.put("count", 1580643);
        return write(m);
    }

    private String tickerPrice(String symbol) {
        return "{\"symbol\":\"" + symbol + "\",\"price\":\"" + px(symbol, price(symbol, clock.millis())) + "\"}";
    }

    private String bookTicker(String symbol) {
        BigDecimal last = new BigDecimal(px(symbol, price(symbol, clock.millis())));
        BigDecimal tick = BigDecimal.ONE.movePointLeft(decimals(symbol));
        return "{\"symbol\":\"" + symbol + "\",\"bidPrice\":\""
                + last.setScale(8).toPlainString()
                + "\",\"bidQty\":\"0.36580000\",\"askPrice\":\""
                + last.add(tick).setScale(8).toPlainString()
                + "\",\"askQty\":\"0.45178000\"}";
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    private static JsonNode readResource(String name) throws IOException {
        try (InputStream in = FakeBinanceServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource io/cryptogo/testing/" + name);
            }
            return JSON.readTree(in);
        }
    }
}
