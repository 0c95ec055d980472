package io.cryptogo.examples.app.guard;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code perMinute} requests a minute, refilled continuously, with a burst of
 * {@code perMinute}. Holds at most {@value #MAX_CLIENTS} clients (full buckets are forgotten first), so a
 * flood of addresses cannot grow it without bound.
 *
 * <pre>{@code
 * RateLimiter writes = new RateLimiter(60, Clock.systemUTC());
 * writes.acquire(ctx.ip()).ifPresent(retryAfter -> ...429...);
 * }</pre>
 */
public final class RateLimiter {
    static final int MAX_CLIENTS = 10_000;

    private final double perNano;
    private final double burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be >= 1");
        }
        this.perNano = perMinute / 60e9;
        this.burst = perMinute;
        this.clock = clock;
    }

    /** Takes one token for {@code client}: empty when allowed, else how long until the next one. */
    public Optional<Duration> acquire(String client) {
        long now = nanos();
        if (buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client)) {
            evict(now);
        }
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Optional.empty();
            }
            long wait = (long) Math.ceil((1 - b.tokens) / perNano);
            return Optional.of(Duration.ofNanos(Math.max(wait, 1)));
        }
    }

    private void evict(long now) {
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            Bucket b = it.next().getValue();
            synchronized (b) {
                if (b.tokens + (now - b.at) * perNano >= burst) {
                    it.remove();
                }
            }
        }
        if (buckets.size() >= MAX_CLIENTS) {
            buckets.clear(); // everyone is busy: start over rather than grow
        }
    }

    private long nanos() {
        Clock c = clock;
        java.time.Instant i = c.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
