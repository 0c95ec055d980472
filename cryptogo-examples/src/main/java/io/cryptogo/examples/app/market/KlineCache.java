package io.cryptogo.examples.app.market;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.model.Candle;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Serves {@code GET /api/v1/market/klines} answers as cached bytes. Closed candles never change, so the JSON
 * of a range that ends before the current bucket is built once, kept (least recently used first out, up to
 * a byte budget) and sent with {@code Cache-Control: public, max-age=31536000, immutable}. A range that
 * reaches the open candle ("latest N") is rebuilt at most once per {@code KLINES_CACHE_TTL} (1 s; the
 * WebSocket carries the open candle live) and sent with {@code Cache-Control: no-cache}; while one request
 * rebuilds it, the others get the previous answer if it is under two TTLs old, so the open candle a client
 * sees is at most 2 TTLs old and no request waits for a rebuild another one started. Every answer carries a weak {@code ETag} (a conditional request with {@code
 * If-None-Match} gets 304) and, for clients that send {@code Accept-Encoding: gzip}, a gzip body compressed
 * once per cached answer.
 *
 * <pre>{@code
 * KlineCache cache = new KlineCache(Json.mapper(), Duration.ofSeconds(1), 64 << 20, Clock.systemUTC());
 * cache.serve(ctx, query, () -> market.klines(query));
 * }</pre>
 */
public final class KlineCache {
    /** Bodies smaller than this go uncompressed (gzip would not pay for its header). */
    static final int GZIP_MIN_BYTES = 1024;

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    private record Key(String symbol, String interval, long start, long end, int limit) {}

    /** One cached answer: the JSON bytes, their gzip (made on first demand) and the ETag. */
    private static final class Body {
        final byte[] raw;
        final String etag;
        final boolean immutable;
        final long builtNanos;
        private volatile byte[] gzip;

        Body(byte[] raw, boolean immutable, long builtNanos) {
            this.raw = raw;
            this.etag = etag(raw);
            this.immutable = immutable;
            this.builtNanos = builtNanos;
        }

        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                synchronized (this) {
                    g = gzip;
                    if (g == null) {
                        g = gzip = compress(raw);
                    }
                }
            }
            return g;
        }
    }

    private final ObjectMapper json;
    private final long ttlNanos;
    private final long maxBytes;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Map<Key, Body> fresh = new ConcurrentHashMap<>();
    private final Map<Key, ReentrantLock> building = new ConcurrentHashMap<>();
    private final LinkedHashMap<Key, Body> closed = new LinkedHashMap<>(64, 0.75f, true);
    private long closedBytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong staleHits = new AtomicLong();
    private final AtomicLong builds = new AtomicLong();

    public KlineCache(ObjectMapper json, Duration ttl, long maxBytes, Clock clock) {
        this(json, ttl, maxBytes, clock, System::nanoTime);
    }

    KlineCache(ObjectMapper json, Duration ttl, long maxBytes, Clock clock, LongSupplier nanoTime) {
        this.json = Objects.requireNonNull(json, "json");
        this.ttlNanos = ttl.toNanos();
        this.maxBytes = maxBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = nanoTime;
    }

    /** The default budget for fully closed ranges, 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    /**
     * From {@code KLINES_CACHE_TTL} (default {@code 1s}, {@code 0s}..{@code 60s}; {@code 0s} rebuilds every
     * answer that reaches the open candle) and {@code KLINES_CACHE_MB} (default 64, 0..4096; 0 keeps no
     * closed range).
     */
    public static KlineCache fromConfig(io.cryptogo.config.Config config, ObjectMapper json) {
        Duration ttl = config.duration("KLINES_CACHE_TTL", Duration.ofSeconds(1));
        if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new io.cryptogo.config.ConfigException(
                    "KLINES_CACHE_TTL", "KLINES_CACHE_TTL=" + ttl + " is out of range; accepted range: 0s..60s");
        }
        long mb = config.longValue("KLINES_CACHE_MB", DEFAULT_MAX_BYTES >> 20, 0, 4096);
        return new KlineCache(json, ttl, mb << 20, Clock.systemUTC());
    }

    /** Answers served from a cached body. */
    public long hits() {
        return hits.get();
    }

    /** Answers served from the previous body of a range while another request rebuilt it. */
    public long staleHits() {
        return staleHits.get();
    }

    /** Bodies built (each one a market query and a serialisation). */
    public long builds() {
        return builds.get();
    }

    /** Bytes held for fully closed ranges. */
    public synchronized long closedBytes() {
        return closedBytes;
    }

    /** Writes the answer for {@code q} to {@code ctx}, calling {@code fetch} only when nothing cached fits. */
    public void serve(Context ctx, KlineQuery q, Supplier<List<Candle>> fetch) {
        Key key = new Key(
                q.symbol().toString(),
                q.interval().code(),
                q.start().map(i -> i.toEpochMilli()).orElse(-1L),
                q.end().map(i -> i.toEpochMilli()).orElse(-1L),
                q.limit());
        Body body = lookup(key);
        if (body == null) {
            // one build per key at a time. While it runs, the others get the answer it replaces if that is
            // less than two TTLs old (the open candle at most 2 x KLINES_CACHE_TTL old), instead of all
            // waiting for the build once per TTL; with no such answer they wait for the build.
            ReentrantLock lock = building.computeIfAbsent(key, k -> new ReentrantLock());
            Body stale = fresh.get(key);
            if (stale != null && nanoTime.getAsLong() - stale.builtNanos >= 2 * ttlNanos) {
                stale = null;
            }
            if (stale != null && !lock.tryLock()) {
                body = stale;
                staleHits.incrementAndGet();
            } else {
                if (stale == null) {
                    lock.lock();
                }
                try {
                    body = lookup(key);
                    if (body == null) {
                        body = build(key, q, fetch, wantsGzip(ctx));
                    }
                } finally {
                    lock.unlock();
                }
            }
        } else {
            hits.incrementAndGet();
        }
        write(ctx, body);
    }

    private static boolean wantsGzip(Context ctx) {
        String accept = ctx.header("Accept-Encoding");
        return accept != null && acceptsGzip(accept);
    }

    private Body lookup(Key key) {
        Body b = fresh.get(key);
        if (b != null && nanoTime.getAsLong() - b.builtNanos < ttlNanos) {
            return b;
        }
        synchronized (this) {
            return closed.get(key);
        }
    }

    private Body build(Key key, KlineQuery q, Supplier<List<Candle>> fetch, boolean gzip) {
        List<Candle> candles = fetch.get();
        builds.incrementAndGet();
        byte[] raw;
        try {
            raw = json.writeValueAsBytes(
                    candles.stream().map(MarketJson.Kline::of).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise klines", e);
        }
        long currentBucket = q.interval().alignMillis(clock.millis());
        boolean fullyClosed = q.end().isPresent()
                && q.end().get().toEpochMilli() < currentBucket
                && candles.stream().allMatch(Candle::closed);
        Body body = new Body(raw, fullyClosed, nanoTime.getAsLong());
        if (fullyClosed) {
            synchronized (this) {
                if (raw.length <= maxBytes / 4) {
                    Body old = closed.put(key, body);
                    closedBytes += raw.length - (old == null ? 0 : old.raw.length);
                    for (Iterator<Body> it = closed.values().iterator(); closedBytes > maxBytes && it.hasNext(); ) {
                        closedBytes -= it.next().raw.length;
                        it.remove();
                    }
                }
            }
        } else {
            if (gzip && raw.length >= GZIP_MIN_BYTES) {
                body.gzip(); // before it is published: readers of a fresh answer never wait for its compression
            }
            fresh.put(key, body);
            if (fresh.size() > 10_000) {
                long now = nanoTime.getAsLong();
                fresh.values().removeIf(b -> now - b.builtNanos >= ttlNanos);
            }
        }
        return body;
    }

    private static void write(Context ctx, Body body) {
        ctx.header("ETag", body.etag);
        ctx.header("Cache-Control", body.immutable ? IMMUTABLE : REVALIDATE);
        ctx.header("Vary", "Accept-Encoding");
        ctx.contentType("application/json");
        if (matches(ctx.header("If-None-Match"), body.etag)) {
            ctx.status(304);
            return;
        }
        String accept = ctx.header("Accept-Encoding");
        byte[] bytes = body.raw;
        if (body.raw.length >= GZIP_MIN_BYTES && accept != null && acceptsGzip(accept)) {
            ctx.header("Content-Encoding", "gzip");
            bytes = body.gzip();
        }
        // straight to the servlet stream with a Content-Length: one write, no chunking, no copy through
        // Javalin's result stream (which made a 150 KB answer cost tens of milliseconds)
        ctx.res().setContentLength(bytes.length);
        if (ctx.method() == io.javalin.http.HandlerType.HEAD) {
            return;
        }
        try {
            ctx.res().getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String t : ifNoneMatch.split(",")) {
            String s = t.strip();
            if (s.equals("*")
                    || s.equals(etag)
                    || s.equals(bare)
                    || (s.startsWith("W/") && s.substring(2).equals(bare))) {
                return true;
            }
        }
        return false;
    }

    static boolean acceptsGzip(String accept) {
        for (String part : accept.split(",")) {
            String[] p = part.strip().split(";");
            if (p[0].strip().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < p.length; i++) {
                    String q = p[i].strip();
                    if (q.startsWith("q=") && q.substring(2).strip().matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static String etag(byte[] raw) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(raw);
            return "W/\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] compress(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
