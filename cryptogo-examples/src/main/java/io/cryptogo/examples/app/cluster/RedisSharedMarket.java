package io.cryptogo.examples.app.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
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
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many app instances, one upstream: a {@link MarketDataSource} that shares live streams through Redis. For
 * each (symbol, interval) with local subscribers, the instance holding a lease in Redis ({@code SET NX PX},
 * renewed every {@code REDIS_LEASE_CHECK}) opens the exchange stream and publishes every update on a Redis
 * channel; the others deliver what the channel carries. When the holder dies its lease expires ({@code
 * REDIS_LEASE_TTL}, 5 s) and another instance with subscribers takes the stream over, first filling the
 * closed candles of the gap from REST. Every instance delivers closed candles once each, in order, with no
 * hole: a closed candle that arrives after a gap (a takeover, a Redis hiccup) is preceded by the missing
 * ones fetched from REST. REST calls, tickers, symbols and statistics go to the exchange directly.
 *
 * <pre>{@code
 * MarketDataSource market = RedisSharedMarket.wrapIfConfigured(config, MarketSources.fromConfig(config));
 * }</pre>
 */
public final class RedisSharedMarket implements MarketDataSource {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedMarket.class);

    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final MarketDataSource exchange;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final String instanceId;
    private final String prefix;
    private final Duration leaseTtl;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService leases;
    private final Map<String, Shared> byKey = new ConcurrentHashMap<>();
    private final Map<String, Shared> byChannel = new ConcurrentHashMap<>();
    private final AtomicLong upstreamsOpened = new AtomicLong();
    private final AtomicLong restFills = new AtomicLong();
    private volatile boolean closed;

    /** Configures a shared market; {@link Builder#build()} connects to Redis. */
    public static Builder builder(MarketDataSource exchange, String redisUrl) {
        return new Builder(exchange, redisUrl);
    }

    /**
     * The exchange market shared through Redis when {@code REDIS_URL} is set, else {@code exchange} itself
     * (one instance: behaviour as without Redis).
     */
    public static MarketDataSource wrapIfConfigured(Config config, MarketDataSource exchange) {
        Optional<String> url = config.get("REDIS_URL").filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return exchange;
        }
        Duration ttl = config.duration("REDIS_LEASE_TTL", Duration.ofSeconds(5));
        Duration check = config.duration("REDIS_LEASE_CHECK", Duration.ofSeconds(1));
        if (ttl.compareTo(Duration.ofMillis(500)) < 0 || ttl.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new ConfigException(
                    "REDIS_LEASE_TTL", "REDIS_LEASE_TTL=" + ttl + " is out of range; accepted range: 500ms..60s");
        }
        if (check.compareTo(Duration.ofMillis(50)) < 0 || check.compareTo(ttl.dividedBy(2)) > 0) {
            throw new ConfigException(
                    "REDIS_LEASE_CHECK",
                    "REDIS_LEASE_CHECK=" + check + " is out of range; accepted range: 50ms..REDIS_LEASE_TTL/2 ("
                            + ttl.dividedBy(2) + ")");
        }
        return builder(exchange, url.get())
                .instanceId(config.string("INSTANCE_ID", defaultInstanceId()))
                .prefix(config.string("REDIS_PREFIX", "cryptogo:"))
                .lease(ttl, check)
                .build();
    }

    static String defaultInstanceId() {
        return ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    }

    private RedisSharedMarket(Builder b) {
        this.exchange = b.exchange;
        this.instanceId = b.instanceId;
        this.prefix = b.prefix;
        this.leaseTtl = b.leaseTtl;
        this.clock = b.clock;
        this.client = RedisClient.create(RedisURI.create(b.url));
        try {
            this.commands = client.connect();
            this.pubsub = client.connectPubSub();
        } catch (RuntimeException e) {
            client.shutdown();
            throw new io.cryptogo.error.ExchangeUnavailableException(
                    "cannot connect to Redis at " + Config.mask("REDIS_URL", b.url) + ": " + e.getMessage(), e);
        }
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Shared s = byChannel.get(channel);
                if (s != null) {
                    s.fromRedis(message);
                }
            }
        });
        this.leases = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("cryptogo-redis-leases").daemon(true).unstarted(r));
        leases.scheduleWithFixedDelay(this::checkLeases, 0, b.leaseCheck.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
                "live streams shared through Redis at {} as instance {} (lease {} checked every {})",
                Config.mask("REDIS_URL", b.url),
                instanceId,
                leaseTtl,
                b.leaseCheck);
    }

    /** This instance's name in leases. */
    public String instanceId() {
        return instanceId;
    }

    /** The exchange behind the shared streams. */
    public MarketDataSource exchange() {
        return exchange;
    }

    /** Upstream exchange streams this instance opened since start (as lease holder). */
    public long upstreamsOpened() {
        return upstreamsOpened.get();
    }

    /** REST requests made to fill gaps in closed candles. */
    public long restFills() {
        return restFills.get();
    }

    /** Whether this instance holds the upstream of (symbol, interval) now. */
    public boolean holds(Symbol symbol, Interval interval) {
        Shared s = byKey.get(key(symbol, interval));
        return s != null && s.holder;
    }

    @Override
    public List<Candle> klines(KlineQuery query) {
        return exchange.klines(query);
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        return exchange.ticker(symbol);
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        return exchange.stats24h(symbol);
    }

    @Override
    public List<SymbolInfo> symbols() {
        return exchange.symbols();
    }

    @Override
    public SourceInfo source() {
        return exchange.source();
    }

    @Override
    public Optional<DerivativesData> derivatives() {
        return exchange.derivatives();
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("the shared market is closed");
        }
        exchange.symbol(symbol); // an unknown symbol fails here, as it would on the exchange
        String k = key(symbol, interval);
        Shared s;
        synchronized (this) {
            s = byKey.get(k);
            if (s == null) {
                s = new Shared(symbol, interval);
                byKey.put(k, s);
                byChannel.put(s.channel, s);
                s.start();
            }
            s.listeners.add(listener);
        }
        Shared shared = s;
        return new StreamHandle() {
            private volatile boolean open = true;

            @Override
            public void close() {
                if (!open) {
                    return;
                }
                open = false;
                synchronized (RedisSharedMarket.this) {
                    shared.listeners.remove(listener);
                    if (shared.listeners.isEmpty() && byKey.get(k) == shared) {
                        byKey.remove(k);
                        byChannel.remove(shared.channel);
                        shared.stop(true);
                    }
                }
            }

            @Override
            public boolean isOpen() {
                return open && !closed;
            }
        };
    }

    private String key(Symbol symbol, Interval interval) {
        return symbol.base() + symbol.quote() + ":" + interval.code();
    }

    private void checkLeases() {
        for (Shared s : byKey.values()) {
            try {
                s.checkLease();
            } catch (RuntimeException e) {
                LOG.warn("lease check of {} failed: {}", s, e.toString());
            }
        }
    }

    /** Stops every shared stream, releasing its lease so another instance takes over at once. */
    @Override
    public void close() {
        shutdown(true);
    }

    /** Stops without releasing leases or closing anything politely, as a killed process would (tests). */
    void crash() {
        shutdown(false);
    }

    private void shutdown(boolean release) {
        if (closed) {
            return;
        }
        closed = true;
        leases.shutdownNow();
        for (Shared s : byKey.values()) {
            s.stop(release);
        }
        byKey.clear();
        byChannel.clear();
        try {
            pubsub.close();
            commands.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** One (symbol, interval) stream as this instance shares it. */
    private final class Shared {
        final Symbol symbol;
        final Interval interval;
        final String channel;
        final String leaseKey;
        final String lastKey;
        final List<CandleListener> listeners = new CopyOnWriteArrayList<>();
        // every delivery runs on this one thread: listeners never see overlapping calls
        final ExecutorService serial;
        volatile boolean holder;
        volatile boolean stopped;
        private StreamHandle upstream;
        private long lastClosed = Long.MIN_VALUE; // serial thread only

        Shared(Symbol symbol, Interval interval) {
            this.symbol = symbol;
            this.interval = interval;
            String k = key(symbol, interval);
            this.channel = prefix + "stream:" + k;
            this.leaseKey = prefix + "lease:" + k;
            this.lastKey = prefix + "last-closed:" + k;
            this.serial = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
                    .name("cryptogo-shared-" + k)
                    .daemon(true)
                    .unstarted(r));
        }

        /** Runs {@code r} on the serial thread (nothing once stopped). */
        void later(Runnable r) {
            try {
                serial.execute(r);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopped: nothing to deliver any more
            }
        }

        void start() {
            pubsub.sync().subscribe(channel);
            leases.execute(this::checkLease);
        }

        synchronized void checkLease() {
            if (stopped) {
                return;
            }
            if (holder) {
                Long ok = commands.sync()
                        .eval(
                                RENEW,
                                ScriptOutputType.INTEGER,
                                new String[] {leaseKey},
                                instanceId,
                                Long.toString(leaseTtl.toMillis()));
                if (ok == null || ok == 0) {
                    LOG.warn("lost the upstream lease of {}: another instance holds it now", this);
                    holder = false;
                    closeUpstream();
                } else if (upstream == null || !upstream.isOpen()) {
                    openUpstream();
                }
                return;
            }
            String got = commands.sync()
                    .set(leaseKey, instanceId, SetArgs.Builder.nx().px(leaseTtl.toMillis()));
            if ("OK".equals(got)) {
                holder = true;
                LOG.info("instance {} holds the upstream of {}", instanceId, this);
                // the gap since the last closed candle anyone delivered is filled before live updates
                later(this::fillToNow);
                openUpstream();
            }
        }

        private void openUpstream() {
            upstream = exchange.stream(symbol, interval, new CandleListener() {
                @Override
                public void onCandle(Candle c) {
                    later(() -> {
                        if (holder && !stopped) {
                            deliver(c, true);
                        }
                    });
                }

                @Override
                public void onError(Throwable error, boolean fatal) {
                    later(() -> listeners.forEach(l -> l.onError(error, false)));
                    // a fatal upstream is reopened at the next lease check
                }
            });
            upstreamsOpened.incrementAndGet();
        }

        private void closeUpstream() {
            StreamHandle h = upstream;
            upstream = null;
            if (h != null) {
                h.close();
            }
        }

        void fromRedis(String message) {
            Candle c;
            String origin;
            try {
                Wire w = json.readValue(message, Wire.class);
                origin = w.o();
                c = w.candle(symbol, interval);
            } catch (Exception e) {
                LOG.warn("unreadable message on {}: {}", channel, e.toString());
                return;
            }
            if (instanceId.equals(origin)) {
                return;
            }
            later(() -> {
                if (!holder && !stopped) {
                    deliver(c, false);
                }
            });
        }

        /** Closed candles from the last delivered one to the current bucket, from REST (serial thread). */
        private void fillToNow() {
            if (stopped) {
                return;
            }
            long from = lastClosed;
            if (from == Long.MIN_VALUE) {
                String last = commands.sync().get(lastKey);
                if (last == null) {
                    return;
                }
                from = Long.parseLong(last);
                lastClosed = from;
            }
            long current = interval.alignMillis(clock.millis());
            fill(from + interval.millis(), current - interval.millis(), holder);
        }

        /** Delivers (and, as holder, publishes) the closed candles of [from, to] fetched from REST. */
        private void fill(long from, long to, boolean publish) {
            if (from > to) {
                return;
            }
            long step = interval.millis();
            long cursor = from;
            while (cursor <= to) {
                int n = (int) Math.min(1000, (to - cursor) / step + 1);
                List<Candle> page;
                try {
                    restFills.incrementAndGet();
                    page = exchange.klines(new KlineQuery(
                            symbol,
                            interval,
                            Optional.of(Instant.ofEpochMilli(cursor)),
                            Optional.of(Instant.ofEpochMilli(to)),
                            n));
                } catch (RuntimeException e) {
                    LOG.warn("cannot fill {} from {}: {}", this, Instant.ofEpochMilli(cursor), e.getMessage());
                    return;
                }
                long next = cursor;
                for (Candle c : page) {
                    long t = c.openTime().toEpochMilli();
                    if (c.closed() && t >= cursor && t <= to && t > lastClosed) {
                        emit(c, publish);
                        next = t + step;
                    }
                }
                if (next == cursor) {
                    return; // nothing more on the exchange (a listing gap, an outage)
                }
                cursor = next;
            }
        }

        /** Delivers {@code c} unless it repeats or goes back; fills a hole before a closed candle. */
        private void deliver(Candle c, boolean publish) {
            long t = c.openTime().toEpochMilli();
            if (t <= lastClosed && lastClosed != Long.MIN_VALUE) {
                return; // delivered already (a duplicate after a takeover) or older
            }
            if (lastClosed != Long.MIN_VALUE && t > lastClosed + interval.millis()) {
                // a hole before this candle (a takeover, a lost message): the missing closed ones come first
                fill(lastClosed + interval.millis(), t - interval.millis(), publish);
            }
            emit(c, publish);
        }

        private void emit(Candle c, boolean publish) {
            if (c.closed()) {
                lastClosed = c.openTime().toEpochMilli();
            }
            for (CandleListener l : listeners) {
                try {
                    l.onCandle(c);
                } catch (RuntimeException e) {
                    LOG.warn("a listener of {} failed: {}", this, e.toString());
                }
            }
            if (publish && holder) {
                try {
                    String msg = json.writeValueAsString(Wire.of(instanceId, c));
                    commands.async().publish(channel, msg);
                    if (c.closed()) {
                        commands.async().set(lastKey, Long.toString(c.openTime().toEpochMilli()));
                    }
                } catch (Exception e) {
                    LOG.warn("cannot publish {} on {}: {}", c.openTime(), channel, e.toString());
                }
            }
        }

        void stop(boolean release) {
            synchronized (this) {
                stopped = true;
                closeUpstream();
                if (release && holder) {
                    try {
                        commands.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {leaseKey}, instanceId);
                    } catch (RuntimeException e) {
                        LOG.debug("releasing {} failed: {}", leaseKey, e.toString());
                    }
                }
                holder = false;
            }
            if (release) {
                try {
                    pubsub.sync().unsubscribe(channel);
                } catch (RuntimeException e) {
                    LOG.debug("unsubscribing {} failed: {}", channel, e.toString());
                }
            }
            serial.shutdownNow();
        }

        @Override
        public String toString() {
            return symbol + " " + interval.code();
        }
    }

    /** A candle on a Redis channel: the publishing instance and the candle's fields (decimals as strings). */
    record Wire(
            String o,
            long ot,
            long ct,
            String op,
            String hi,
            String lo,
            String cl,
            String vo,
            String qv,
            long n,
            boolean x) {
        static Wire of(String origin, Candle c) {
            return new Wire(
                    origin,
                    c.openTime().toEpochMilli(),
                    c.closeTime().toEpochMilli(),
                    c.open().toPlainString(),
                    c.high().toPlainString(),
                    c.low().toPlainString(),
                    c.close().toPlainString(),
                    c.volume().toPlainString(),
                    c.quoteVolume().toPlainString(),
                    c.trades(),
                    c.closed());
        }

        Candle candle(Symbol symbol, Interval interval) {
            return Candle.of(
                    symbol,
                    interval,
                    Instant.ofEpochMilli(ot),
                    Instant.ofEpochMilli(ct),
                    new BigDecimal(op),
                    new BigDecimal(hi),
                    new BigDecimal(lo),
                    new BigDecimal(cl),
                    new BigDecimal(vo),
                    new BigDecimal(qv),
                    n,
                    x);
        }
    }

    /** Builds a {@link RedisSharedMarket}. */
    public static final class Builder {
        private final MarketDataSource exchange;
        private final String url;
        private String instanceId = defaultInstanceId();
        private String prefix = "cryptogo:";
        private Duration leaseTtl = Duration.ofSeconds(5);
        private Duration leaseCheck = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();

        private Builder(MarketDataSource exchange, String url) {
            this.exchange = Objects.requireNonNull(exchange, "exchange");
            this.url = Objects.requireNonNull(url, "url");
        }

        /** The name this instance writes into leases (default {@code pid@host}). */
        public Builder instanceId(String v) {
            instanceId = Objects.requireNonNull(v, "instanceId");
            return this;
        }

        /** Prefix of every Redis key and channel (default {@code cryptogo:}); separates deployments. */
        public Builder prefix(String v) {
            prefix = Objects.requireNonNull(v, "prefix");
            return this;
        }

        /** How long a lease lives without renewal, and how often it is renewed or claimed. */
        public Builder lease(Duration ttl, Duration check) {
            leaseTtl = Objects.requireNonNull(ttl, "ttl");
            leaseCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        /** The clock deciding which candles of a gap have closed (tests). */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        public RedisSharedMarket build() {
            return new RedisSharedMarket(this);
        }
    }
}
