package io.cryptogo.examples.app.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.market.MarketJson;
import io.cryptogo.market.CandleListener;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans live candles out to WebSocket clients. One upstream {@code market.stream(...)} per (symbol,
 * interval), opened by the first subscriber and closed when the last one leaves; each update is serialised
 * and encoded once, then handed to the fan-out threads (one per core by default, each owning a share of the
 * clients), which offer it to every subscriber's {@link LiveClient} queue and start its socket write. The
 * upstream thread never writes to a socket and never waits for a client: while a fan-out thread is behind,
 * a newer open-candle update of the same stream replaces the one still waiting for it (closed candles are
 * never replaced), and each client's bounded queue deals with that client being slow.
 *
 * <pre>{@code
 * LiveHub hub = new LiveHub(market, Json.mapper(), 256);
 * LiveClient c = hub.connect("s1", outbox);
 * hub.subscribe(c, new StreamKey(Symbol.parse("BTC/USDT"), Interval.M1));
 * }</pre>
 *
 * Messages to clients: {@code subscribed}, {@code candle} (open-candle updates and closed candles), {@code
 * ticker} (the last price, at most every {@value #TICKER_MIN_GAP_MS} ms per stream), {@code error}.
 */
public final class LiveHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    static final long TICKER_MIN_GAP_MS = 250;

    private final MarketDataSource market;
    private final ObjectMapper json;
    private final int queueSize;
    private final LongSupplier clockMillis;
    private final FanoutShard[] shards;
    private final AtomicLong nextShard = new AtomicLong();
    private final Map<StreamKey, Upstream> upstreams = new HashMap<>();
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong upstreamOpened = new AtomicLong();
    private final AtomicLong messagesOut = new AtomicLong();

    public LiveHub(MarketDataSource market, ObjectMapper json, int queueSize) {
        this(
                market,
                json,
                queueSize,
                System::currentTimeMillis,
                Runtime.getRuntime().availableProcessors());
    }

    /** For tests: fan-out inline on the upstream thread (deterministic), at the given clock. */
    LiveHub(MarketDataSource market, ObjectMapper json, int queueSize, LongSupplier clockMillis) {
        this(market, json, queueSize, clockMillis, 0);
    }

    /**
     * @param fanoutThreads fan-out threads, each owning a share of the clients; 0 fans out inline on the
     *     upstream thread
     */
    LiveHub(MarketDataSource market, ObjectMapper json, int queueSize, LongSupplier clockMillis, int fanoutThreads) {
        this.market = market;
        this.json = json;
        this.queueSize = queueSize;
        this.clockMillis = clockMillis;
        this.shards = new FanoutShard[Math.max(1, fanoutThreads)];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new FanoutShard(i, fanoutThreads > 0);
        }
    }

    /** Registers a connected client. */
    public LiveClient connect(String id, Outbox outbox) {
        LiveClient[] self = new LiveClient[1];
        int shard = (int) (nextShard.getAndIncrement() % shards.length);
        LiveClient c = new LiveClient(id, outbox, queueSize, () -> disconnect(self[0]), shard);
        self[0] = c;
        clients.add(c);
        return c;
    }

    /**
     * Subscribes (or switches) {@code client} to {@code key}; answers {@code subscribed}, or an {@code error}
     * message when the market refuses the stream.
     */
    public void subscribe(LiveClient client, StreamKey key) {
        synchronized (this) {
            if (!clients.contains(client)) {
                return;
            }
            if (key.equals(client.key())) {
                client.offer(write(message("subscribed", key)), false, null);
                return;
            }
            release(client);
            Upstream u = upstreams.get(key);
            if (u == null) {
                u = new Upstream(key);
                try {
                    u.handle = market.stream(key.symbol(), key.interval(), u);
                } catch (CryptoGoException e) {
                    client.offer(error(e), false, null);
                    return;
                }
                upstreams.put(key, u);
                upstreamOpened.incrementAndGet();
                LOG.info("opened upstream {}", key);
            }
            client.key(key);
            u.add(client);
        }
        client.offer(write(message("subscribed", key)), false, null);
    }

    /** Drops the client's subscription (closing the upstream if it was the last). */
    public synchronized void unsubscribe(LiveClient client) {
        release(client);
        client.key(null);
    }

    /** Forgets a client that closed, failed or vanished. Idempotent. */
    public void disconnect(LiveClient client) {
        if (client == null) {
            return;
        }
        client.markDead();
        synchronized (this) {
            if (clients.remove(client)) {
                release(client);
            }
        }
    }

    /** Sends a one-off message to a client (e.g. an error answer to a bad request). */
    public void reply(LiveClient client, Object payload) {
        client.offer(write(payload), false, null);
    }

    private void release(LiveClient client) {
        StreamKey old = client.key();
        if (old == null) {
            return;
        }
        Upstream u = upstreams.get(old);
        if (u != null && u.remove(client) && u.clients.isEmpty()) {
            upstreams.remove(old);
            u.handle.close();
            LOG.info("closed upstream {} (no clients left)", old);
        }
    }

    /** Open upstream streams right now. */
    public synchronized int upstreamCount() {
        return upstreams.size();
    }

    /** Upstream streams opened since start (for tests and metrics). */
    public long upstreamsOpened() {
        return upstreamOpened.get();
    }

    /** Open-candle updates a fan-out thread skipped because a newer one of the same stream replaced them. */
    public long updatesCoalesced() {
        long n = 0;
        for (FanoutShard s : shards) {
            n += s.coalesced.get();
        }
        return n;
    }

    /** Messages queued to clients so far (candles and tickers of every stream), for metrics. */
    public long messagesOut() {
        return messagesOut.get();
    }

    /**
     * One open upstream as metrics see it.
     *
     * @param lastUpdateMillis when the last candle update arrived (0 before the first)
     * @param lastCloseDelayMillis how long after its close time the last closed candle arrived (-1 before the
     *     first)
     */
    public record StreamStats(StreamKey key, int clients, long lastUpdateMillis, long lastCloseDelayMillis) {}

    /** The open upstreams (a snapshot). */
    public synchronized java.util.List<StreamStats> streams() {
        return upstreams.values().stream()
                .map(u -> new StreamStats(u.key, u.clients.size(), u.lastUpdate, u.lastCloseDelay))
                .toList();
    }

    /** The connected clients (a snapshot). */
    public java.util.List<LiveClient> clients() {
        return java.util.List.copyOf(clients);
    }

    public int clientCount() {
        return clients.size();
    }

    /** Subscribers of one stream. */
    public synchronized int subscribers(StreamKey key) {
        Upstream u = upstreams.get(key);
        return u == null ? 0 : u.clients.size();
    }

    @Override
    public synchronized void close() {
        for (FanoutShard s : shards) {
            s.stop();
        }
        upstreams.values().forEach(u -> u.handle.close());
        upstreams.clear();
        clients.forEach(LiveClient::markDead);
        clients.clear();
    }

    private Map<String, Object> message(String type, StreamKey key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("symbol", key.symbol().toString());
        m.put("interval", key.interval().code());
        return m;
    }

    private String error(CryptoGoException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "error");
        m.put("error", e instanceof InvalidRequestException ? "invalid_request" : "exchange_unavailable");
        if (e instanceof InvalidRequestException ire) {
            m.put("field", ire.field());
        }
        m.put("detail", e.getMessage());
        return write(m);
    }

    String write(Object payload) {
        if (payload instanceof String s) {
            return s;
        }
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + payload.getClass(), e);
        }
    }

    private final class Upstream implements CandleListener {
        final StreamKey key;
        final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();

        @SuppressWarnings("unchecked")
        final Set<LiveClient>[] byShard = new Set[shards.length];

        volatile StreamHandle handle;
        volatile long lastUpdate;
        volatile long lastCloseDelay = -1;
        private long lastTicker;

        Upstream(StreamKey key) {
            this.key = key;
            for (int i = 0; i < byShard.length; i++) {
                byShard[i] = ConcurrentHashMap.newKeySet();
            }
        }

        @Override
        public void onCandle(Candle c) {
            Map<String, Object> m = message("candle", key);
            m.put("candle", MarketJson.Kline.of(c));
            m.put("sent", clockMillis.getAsLong());
            Payload text = Payload.of(write(m));
            Payload ticker = null;
            long now = clockMillis.getAsLong();
            lastUpdate = now;
            if (c.closed()) {
                lastCloseDelay = Math.max(0, now - c.closeTime().toEpochMilli());
            }
            if (c.closed() || now - lastTicker >= TICKER_MIN_GAP_MS) {
                lastTicker = now;
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("type", "ticker");
                t.put("symbol", key.symbol().toString());
                t.put("price", c.close());
                t.put("time", now);
                ticker = Payload.of(write(t));
            }
            for (FanoutShard s : shards) {
                s.post(new Update(this, s.index, text, ticker, !c.closed()));
            }
            messagesOut.addAndGet((long) clients.size() * (ticker == null ? 1 : 2));
        }

        /** Offers one update to this stream's clients of one fan-out shard. */
        void deliver(Update u) {
            for (LiveClient client : byShard[u.shard()]) {
                client.offer(u.candle(), u.droppable(), u.ticker(), key);
            }
        }

        void add(LiveClient client) {
            clients.add(client);
            byShard[client.shard()].add(client);
        }

        boolean remove(LiveClient client) {
            byShard[client.shard()].remove(client);
            return clients.remove(client);
        }

        @Override
        public void onError(Throwable error, boolean fatal) {
            LOG.warn("upstream {} {}: {}", key, fatal ? "failed" : "reconnecting", error.toString());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "error");
            m.put("error", "exchange_unavailable");
            m.put("detail", (fatal ? "live stream failed: " : "live stream reconnecting: ") + error.getMessage());
            m.put("fatal", fatal);
            String text = write(m);
            if (fatal) {
                // forget the dead stream: a later subscribe opens a fresh one
                synchronized (LiveHub.this) {
                    if (upstreams.get(key) == this) {
                        upstreams.remove(key);
                    }
                    for (LiveClient client : clients) {
                        client.key(null);
                    }
                }
            }
            for (LiveClient client : clients) {
                client.offer(text, false, fatal ? null : key);
            }
            if (fatal) {
                clients.clear();
                for (Set<LiveClient> s : byShard) {
                    s.clear();
                }
            }
        }
    }

    /** One update of one stream for the clients of one shard; {@code ticker} may be null. */
    private record Update(Upstream upstream, int shard, Payload candle, Payload ticker, boolean droppable) {}

    /**
     * One fan-out thread and its pending updates. {@link #post} never blocks: a droppable (open-candle) update
     * replaces the previous one of the same stream while that one still waits at the tail; closed candles
     * always stay. Inline shards deliver on the caller's thread.
     */
    private static final class FanoutShard {
        final int index;
        final AtomicLong coalesced = new AtomicLong();
        private final ArrayDeque<Update> pending = new ArrayDeque<>();
        private final Thread thread;
        private boolean stopped;

        FanoutShard(int index, boolean threaded) {
            this.index = index;
            this.thread = threaded
                    ? Thread.ofPlatform()
                            .name("cryptogo-ws-fanout-" + index)
                            .daemon(true)
                            .unstarted(this::loop)
                    : null;
            if (thread != null) {
                thread.start();
            }
        }

        void post(Update u) {
            if (thread == null) {
                u.upstream().deliver(u);
                return;
            }
            synchronized (this) {
                if (stopped) {
                    return;
                }
                Update last = pending.peekLast();
                if (u.droppable() && last != null && last.droppable() && last.upstream() == u.upstream()) {
                    pending.pollLast();
                    coalesced.incrementAndGet();
                    if (u.ticker() == null && last.ticker() != null) {
                        // keep the ticker's cadence: the replaced update carried one, so this one does
                        u = new Update(u.upstream(), u.shard(), u.candle(), last.ticker(), true);
                    }
                }
                pending.addLast(u);
                notifyAll();
            }
        }

        private void loop() {
            while (true) {
                Update u;
                synchronized (this) {
                    while (pending.isEmpty() && !stopped) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    if (stopped) {
                        return;
                    }
                    u = pending.pollFirst();
                }
                try {
                    u.upstream().deliver(u);
                } catch (RuntimeException e) {
                    LOG.warn("fan-out of {} failed: {}", u.upstream().key, e.toString());
                }
            }
        }

        synchronized void stop() {
            stopped = true;
            pending.clear();
            notifyAll();
        }
    }
}
