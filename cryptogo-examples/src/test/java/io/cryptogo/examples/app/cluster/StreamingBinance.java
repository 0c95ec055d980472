package io.cryptogo.examples.app.cluster;

import io.cryptogo.model.Interval;
import io.cryptogo.testing.FakeBinanceServer;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * A loopback Binance for app processes: the REST API of {@link FakeBinanceServer} and a WebSocket kline
 * endpoint ({@code /ws/<symbol>@kline_<interval>}) that pushes by itself, on an accelerated clock, so that a
 * test sees one-minute candles close every {@code 60 / speed} seconds.
 *
 * <p>The market's time runs {@code speed} times faster than the wall clock from {@code start}, which lies in
 * the past and stays there for the test's duration: the apps' own (wall) clocks then treat every candle up to
 * the market's "now" as history. Because of that the klines endpoint serves closed candles only (the real one
 * adds the open candle, which a client on the wall clock would take for closed); streams send the open
 * candle's update every {@code updateEvery} and each closed candle once, as Binance does. Every stream
 * connection is counted: opened in total and open at once (the most ever, and now).
 */
final class StreamingBinance implements AutoCloseable {

    /** The market clock: {@code start + (wall - wallStart) * speed}. */
    static final class FastClock extends Clock {
        private final long startMillis;
        private final long startNanos = System.nanoTime();
        private final int speed;

        FastClock(Instant start, int speed) {
            this.startMillis = start.toEpochMilli();
            this.speed = speed;
        }

        @Override
        public long millis() {
            return startMillis + (System.nanoTime() - startNanos) / 1_000_000 * speed;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** What the stream endpoint saw of one stream name. */
    static final class StreamCount {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger maxOpen = new AtomicInteger();
        final List<Long> openedAtNanos = new CopyOnWriteArrayList<>();
        /** Open times of the closed candles any connection was sent (the rest can only come from REST). */
        final java.util.Set<Long> sentClosed = ConcurrentHashMap.newKeySet();
        /** Every open and close, with the wall time and the client's address (for failure messages). */
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public String toString() {
            return "opened " + opened + ", open " + open + ", at most " + maxOpen + " at once: " + events;
        }
    }

    private final class Sub {
        final String symbol;
        final Interval interval;
        final WsContext ctx;
        final StreamCount count;
        final String remote;
        long lastClosedSent;
        long lastUpdateNanos;

        Sub(String symbol, Interval interval, WsContext ctx, StreamCount count) {
            this.symbol = symbol;
            this.interval = interval;
            this.ctx = ctx;
            this.count = count;
            this.remote = String.valueOf(ctx.session.getRemoteSocketAddress());
            this.lastClosedSent = interval.alignMillis(clock.millis()) - interval.millis();
        }
    }

    private final FastClock clock;
    private final FakeBinanceServer rest;
    private final Javalin ws;
    private final long updateEveryMillis;
    private final Map<String, Sub> subs = new ConcurrentHashMap<>();
    private final Map<String, StreamCount> counts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pusher;

    StreamingBinance(Instant start, int speed, Instant listed, long updateEveryMillis) {
        this.clock = new FastClock(start, speed);
        this.updateEveryMillis = updateEveryMillis;
        this.rest = FakeBinanceServer.start(clock).listedSince(listed);
        rest.route("/api/v3/klines", r -> closedKlines(r, listed));
        this.ws = Javalin.create(cfg -> {
                    cfg.startup.showJavalinBanner = false;
                    cfg.startup.showOldJavalinVersionWarning = false;
                    cfg.jetty.host = "127.0.0.1";
                    cfg.jetty.port = 0;
                    cfg.routes.ws("/ws/{stream}", w -> {
                        w.onConnect(this::opened);
                        w.onClose(ctx -> closed(ctx.sessionId()));
                        w.onError(ctx -> closed(ctx.sessionId()));
                    });
                })
                .start();
        this.pusher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("streaming-binance-pusher")
                .daemon(true)
                .unstarted(r));
        pusher.scheduleWithFixedDelay(this::push, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** {@code BINANCE_BASE_URL} (and {@code BINANCE_FUTURES_BASE_URL}: unknown paths answer 404). */
    URI restUrl() {
        return rest.baseUrl();
    }

    /** {@code BINANCE_STREAM_URL}. */
    URI streamUrl() {
        return URI.create("ws://127.0.0.1:" + ws.port());
    }

    Clock clock() {
        return clock;
    }

    FakeBinanceServer rest() {
        return rest;
    }

    /** Counts of a stream name such as {@code btcusdt@kline_1m} (zeros before its first connection). */
    StreamCount count(String stream) {
        return counts.computeIfAbsent(stream, s -> new StreamCount());
    }

    private void opened(WsContext ctx) {
        String stream = ctx.pathParam("stream");
        int at = stream.indexOf("@kline_");
        if (at < 0) {
            ctx.closeSession(1008, "only kline streams here");
            return;
        }
        StreamCount c = count(stream);
        c.opened.incrementAndGet();
        c.openedAtNanos.add(System.nanoTime());
        c.maxOpen.accumulateAndGet(c.open.incrementAndGet(), Math::max);
        c.events.add(Instant.now() + " open " + ctx.session.getRemoteSocketAddress());
        String symbol = stream.substring(0, at).toUpperCase(java.util.Locale.ROOT);
        subs.put(ctx.sessionId(), new Sub(symbol, Interval.parse(stream.substring(at + 7)), ctx, c));
    }

    private void closed(String sessionId) {
        Sub s = subs.remove(sessionId);
        if (s != null) {
            s.count.open.decrementAndGet();
            s.count.events.add(Instant.now() + " close " + s.remote);
        }
    }

    private void push() {
        for (Map.Entry<String, Sub> e : subs.entrySet()) {
            Sub s = e.getValue();
            try {
                long step = s.interval.millis();
                long current = s.interval.alignMillis(clock.millis());
                // every candle that closed since the last push, once each, then the open one now and then
                while (s.lastClosedSent + step < current) {
                    long t = s.lastClosedSent + step;
                    send(s, rest.klineEvent(s.symbol, s.interval, Instant.ofEpochMilli(t), true));
                    s.lastClosedSent = t;
                    s.count.sentClosed.add(t);
                }
                if (System.nanoTime() - s.lastUpdateNanos >= updateEveryMillis * 1_000_000) {
                    s.lastUpdateNanos = System.nanoTime();
                    send(s, rest.klineEvent(s.symbol, s.interval, Instant.ofEpochMilli(current), false));
                }
            } catch (Exception ex) {
                closed(e.getKey()); // the client went away
            }
        }
    }

    /** One frame at a time per session (Jetty refuses a send while the previous one is pending). */
    private static void send(Sub s, String text) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.ctx.session.sendText(text, Callback.from(() -> done.complete(null), done::completeExceptionally));
        done.get(2, TimeUnit.SECONDS);
    }

    /** Binance's klines endpoint on {@link #clock}, without the open candle (see the class comment). */
    private FakeBinanceServer.Reply closedKlines(FakeBinanceServer.Request r, Instant listed) {
        String symbol = r.param("symbol");
        if (!"BTCUSDT".equals(symbol) && !"ETHUSDT".equals(symbol)) {
            return FakeBinanceServer.Reply.error(400, -1121, "Invalid symbol.");
        }
        Interval interval;
        try {
            interval = Interval.parse(r.param("interval"));
        } catch (RuntimeException e) {
            return FakeBinanceServer.Reply.error(400, -1120, "Invalid interval.");
        }
        int limit = r.param("limit") == null ? 500 : Integer.parseInt(r.param("limit"));
        Long start = r.param("startTime") == null ? null : Long.parseLong(r.param("startTime"));
        Long end = r.param("endTime") == null ? null : Long.parseLong(r.param("endTime"));
        long step = interval.millis();
        long lastClosed = interval.alignMillis(clock.millis()) - step;
        long first = interval.alignMillis(listed.toEpochMilli() + step - 1);
        long from;
        long to;
        if (start != null) {
            from = Math.max(first, interval.alignMillis(start + step - 1));
            to = Math.min(lastClosed, end == null ? lastClosed : interval.alignMillis(end));
            to = Math.min(to, from + (limit - 1) * step);
        } else {
            to = Math.min(lastClosed, end == null ? lastClosed : interval.alignMillis(end));
            from = Math.max(first, to - (limit - 1) * step);
        }
        StringBuilder sb = new StringBuilder("[");
        for (long t = from; t <= to; t += step) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(rest.klineRow(symbol, interval, Instant.ofEpochMilli(t)));
        }
        return FakeBinanceServer.Reply.json(sb.append(']').toString());
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        ws.stop();
        rest.close();
    }
}
