package io.cryptogo.examples.app.guard;

import io.cryptogo.examples.app.ApiError;
import io.cryptogo.examples.trading.ApiToken;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs before every route (a Javalin {@code before} handler), in this order:
 *
 * <ol>
 *   <li>loopback-only mode: the {@code Host} header must name this machine ({@code localhost}, {@code
 *       127.0.0.1}, {@code [::1]}) or a host of {@code ALLOWED_ORIGINS}, else 403: a page of another site
 *       that rebinds its DNS name to 127.0.0.1 cannot read the API;
 *   <li>state-changing API requests and analyses: the per-client rate limit, else 429 with {@code
 *       Retry-After};
 *   <li>the query string of {@code /api/*}: a malformed percent escape or invalid UTF-8 is a 400 naming the
 *       parameter;
 *   <li>bodies: at most 64 KB on {@code /api/*} and 4 KB for orders and proposals (413), and {@code
 *       application/json} when there is one (415);
 *   <li>when the app serves other machines: the bearer token on every read except the public ones (market data
 *       {@code /api/v1/market/*} and {@code /api/v1/ai/snapshot}, page shells, assets, {@code /health}), else 401.
 * </ol>
 *
 * State-changing endpoints check the token themselves ({@link ApiToken#require}); this guard does not
 * replace that.
 */
public final class RequestGuard {
    /**
     * Reads anyone may make: market data, the page shells (their data comes from the API) and their assets.
     * Everything else, under /api/ or not, is private off loopback: account and decision data, and whatever a
     * module adds later unless it is listed here.
     */
    static final List<String> PUBLIC_PREFIXES = List.of("/api/v1/market/", "/assets/");

    static final Set<String> PUBLIC_PATHS = Set.of("/", "/health", "/api/v1/ai/snapshot", "/favicon.ico");

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final boolean loopbackOnly;
    private final Set<String> allowedHosts;
    private final Supplier<ApiToken> token;
    private final Supplier<Set<String>> pages;
    private final RateLimiter writes;
    private final RateLimiter analyses;
    private final Set<String> allowedOrigins;
    private final int wsPerClient;
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> sockets =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Clock clock;

    public RequestGuard(
            boolean loopbackOnly,
            GuardSettings settings,
            Supplier<ApiToken> token,
            Supplier<Set<String>> pages,
            Clock clock) {
        this.pages = pages;
        this.loopbackOnly = loopbackOnly;
        this.allowedHosts = settings.allowedOrigins().stream()
                .map(o -> hostOf(o.substring(o.indexOf("://") + 3)))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.allowedOrigins = Set.copyOf(settings.allowedOrigins());
        this.wsPerClient = settings.wsPerClient();
        this.token = token;
        this.clock = clock;
        this.writes = new RateLimiter(settings.writesPerMinute(), clock);
        this.analyses = new RateLimiter(settings.analyzePerMinute(), clock);
    }

    /** Whether reads of account data go without a token (the app listens on loopback only). */
    public boolean loopbackOnly() {
        return loopbackOnly;
    }

    /** The Javalin before-handler. */
    public void check(Context ctx) {
        String path = ctx.path();
        HandlerType method = ctx.method();
        if (loopbackOnly) {
            checkHost(ctx);
        }
        boolean api = path.startsWith("/api/");
        boolean read = method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
        if (api && !read) {
            RateLimiter limiter = path.equals("/api/v1/ai/analyze") ? analyses : writes;
            Optional<Duration> wait = limiter.acquire(client(ctx));
            if (wait.isPresent()) {
                throw new TooManyRequests(limiter == analyses ? "RATE_LIMIT_ANALYZE" : "RATE_LIMIT_WRITES", wait.get());
            }
        }
        if (api) {
            // every parameter decodes strictly, also for routes that read ctx.queryParam themselves
            io.cryptogo.examples.app.Params.query(ctx);
            checkBody(ctx, path);
        }
        if (read && method != HandlerType.OPTIONS && !loopbackOnly && !isPublic(normalize(path))) {
            token.get().require(ctx);
        }
    }

    /**
     * The path as a router might read it, for deciding what is public: percent escapes decoded, {@code ;params}
     * dropped, {@code \\} and repeated slashes as one, dot segments resolved, lower case, no trailing slash.
     * Whatever spelling a request uses, it cannot reach account data through a public prefix.
     */
    static String normalize(String rawPath) {
        String p = rawPath;
        for (int i = 0; i < 3 && p.indexOf('%') >= 0; i++) { // double-encoded too
            p = lenientDecode(p);
        }
        p = p.replace('\\', '/').toLowerCase(Locale.ROOT);
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (String seg : p.split("/")) {
            int semi = seg.indexOf(';');
            String s = semi >= 0 ? seg.substring(0, semi) : seg;
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(s);
            }
        }
        return "/" + String.join("/", out);
    }

    private static String lenientDecode(String s) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (hi >= 0 && lo >= 0) {
                b.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                b.write(bytes, 0, bytes.length);
            }
        }
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The Javalin before-upgrade handler of every WebSocket route: the Host check (loopback-only mode), the
     * {@code Origin} (the app's own origin or one of {@code ALLOWED_ORIGINS}; a client that sends none is not a
     * browser and passes), and at most {@code WS_MAX_CONNECTIONS_PER_CLIENT} open sockets per client address.
     */
    public void checkUpgrade(Context ctx) {
        try {
            checkUpgradeOrThrow(ctx);
        } catch (Forbidden e) {
            refuseUpgrade(ctx, 403, e.body(), null);
            throw e;
        } catch (TooManyRequests e) {
            refuseUpgrade(ctx, 429, e.body(), e.retryAfterSeconds());
            throw e;
        }
    }

    /** Javalin does not write an exception handler's body on a refused upgrade: write and commit it here. */
    private static void refuseUpgrade(Context ctx, int status, ApiError body, Long retryAfter) {
        try {
            jakarta.servlet.http.HttpServletResponse res = ctx.res();
            res.setStatus(status);
            res.setContentType("application/json");
            if (retryAfter != null) {
                res.setHeader("Retry-After", retryAfter.toString());
            }
            res.getOutputStream().write(MAPPER.writeValueAsBytes(body));
            res.flushBuffer();
        } catch (java.io.IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = io.cryptogo.examples.app.Json.mapper();

    private void checkUpgradeOrThrow(Context ctx) {
        if (loopbackOnly) {
            checkHost(ctx);
        }
        String origin = ctx.header("Origin");
        if (origin != null) {
            String o = origin.strip().toLowerCase(Locale.ROOT);
            String host = String.valueOf(ctx.header("Host")).strip().toLowerCase(Locale.ROOT);
            boolean own = o.equals("http://" + host) || o.equals("https://" + host);
            if (!own && !allowedOrigins.contains(o)) {
                throw new Forbidden(
                        "Origin",
                        "Origin " + io.cryptogo.examples.app.Decimals.quote(origin)
                                + " may not open this WebSocket; accepted: the app's own origin and ALLOWED_ORIGINS");
            }
        }
        reserveSocket(client(ctx));
    }

    /** How long a slot taken at the upgrade check waits for its socket to open before it is given back. */
    static final Duration PENDING = Duration.ofSeconds(10);

    /** Slots taken at upgrade checks whose sockets have not opened yet, oldest first, by client. */
    private final java.util.Map<String, java.util.ArrayDeque<Long>> pending = new java.util.HashMap<>();

    /**
     * Takes a slot at the upgrade check, so that a handshake answered before the server ran the previous
     * socket's open callback still counts: open sockets plus pending upgrades stay within the bound. A slot
     * whose socket never opens (the handshake failed) is given back after {@link #PENDING}.
     */
    synchronized void reserveSocket(String client) {
        java.util.ArrayDeque<Long> p = pending.computeIfAbsent(client, k -> new java.util.ArrayDeque<>());
        long now = clock.millis();
        while (!p.isEmpty() && now - p.peekFirst() > PENDING.toMillis()) {
            p.pollFirst();
        }
        if (sockets.getOrDefault(client, 0) + p.size() >= wsPerClient) {
            if (p.isEmpty()) {
                pending.remove(client);
            }
            throw new TooManyRequests(
                    "WS_MAX_CONNECTIONS_PER_CLIENT", Duration.ofSeconds(5), "open WebSocket connections");
        }
        p.addLast(now);
    }

    /** Counts a WebSocket that opened for {@code client}, turning its pending slot into an open one. */
    public synchronized void socketOpened(String client) {
        java.util.ArrayDeque<Long> p = pending.get(client);
        if (p != null) {
            p.pollFirst();
            if (p.isEmpty()) {
                pending.remove(client);
            }
        }
        sockets.merge(client, 1, Integer::sum);
    }

    /** Counts a WebSocket that closed for {@code client}. */
    public void socketClosed(String client) {
        sockets.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Whether a normalized path may be read without the token: market data, pages, assets, health. */
    boolean isPublic(String path) {
        return PUBLIC_PREFIXES.stream().anyMatch(path::startsWith)
                || PUBLIC_PATHS.contains(path)
                || pages.get().contains(path);
    }

    private void checkHost(Context ctx) {
        String host = ctx.header("Host");
        String name = host == null ? "" : hostOf(host);
        if (!LOOPBACK_NAMES.contains(name) && !allowedHosts.contains(name)) {
            throw new Forbidden(
                    "Host",
                    "Host " + io.cryptogo.examples.app.Decimals.quote(host)
                            + " is not this app: it listens on loopback only and answers Host localhost, 127.0.0.1"
                            + " or [::1] (add other names through ALLOWED_ORIGINS)");
        }
    }

    private static void checkBody(Context ctx, String path) {
        long limit = path.startsWith("/api/v1/orders") || path.startsWith("/api/v1/proposals")
                ? GuardSettings.MAX_ORDER_BODY
                : GuardSettings.MAX_API_BODY;
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw new TooLarge(declared, limit);
        }
        boolean chunked = ctx.header("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            return;
        }
        // read now, bounded: Jetty's size limit stops a chunked body at MAX_API_BODY, this one at the route's
        byte[] body = ctx.bodyAsBytes();
        if (body.length > limit) {
            throw new TooLarge(body.length, limit);
        }
        if (body.length > 0) {
            String type = ctx.header("Content-Type");
            String t = type == null ? "" : type.toLowerCase(Locale.ROOT).strip();
            if (!(t.equals("application/json") || t.matches("application/json\\s*;\\s*charset=\"?utf-8\"?"))) {
                throw new UnsupportedType(type);
            }
        }
    }

    /** The client a limit counts against: the connection's remote address (no proxy header is trusted). */
    static String client(Context ctx) {
        return ctx.req().getRemoteAddr();
    }

    static String hostOf(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** 403 with a field. */
    public static final class Forbidden extends RuntimeException {
        private final String field;

        Forbidden(String field, String message) {
            super(message);
            this.field = field;
        }

        public ApiError body() {
            return new ApiError("forbidden", getMessage(), field, null);
        }
    }

    /** 429 with Retry-After. */
    public static final class TooManyRequests extends RuntimeException {
        private final long retryAfterSeconds;

        TooManyRequests(String setting, Duration wait) {
            this(setting, wait, "requests per minute");
        }

        TooManyRequests(String setting, Duration wait, String what) {
            super("too many requests from this client; the limit is " + setting + " " + what);
            this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        public ApiError body() {
            return new ApiError("rate_limited", getMessage(), null, retryAfterSeconds);
        }
    }

    /** 413. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(long size, long limit) {
            super("the request body has " + size + " bytes; accepted: at most " + limit + " bytes on this endpoint");
        }

        public ApiError body() {
            return new ApiError("payload_too_large", getMessage(), "body", null);
        }
    }

    /** 415. */
    public static final class UnsupportedType extends RuntimeException {
        UnsupportedType(String type) {
            super("Content-Type " + io.cryptogo.examples.app.Decimals.quote(type)
                    + " is not accepted; send the body as application/json");
        }

        public ApiError body() {
            return new ApiError("unsupported_media_type", getMessage(), "Content-Type", null);
        }
    }
}
