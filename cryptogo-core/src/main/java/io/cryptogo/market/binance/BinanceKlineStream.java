package io.cryptogo.market.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.market.CandleListener;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kline subscription over one WebSocket connection ({@code <base>/ws/<symbol>@kline_<interval>}).
 *
 * <p>All state lives on the subscription's single thread, so listener calls never overlap and follow the
 * wire order. The subscription remembers the open time of the last closed candle it delivered; an event
 * that skips past the next expected candle (after a reconnect, or a final event lost with a dropped
 * connection) first fetches the missing closed candles over REST and delivers them in order. Events for
 * candles already delivered as closed are dropped, so no closed candle is skipped or repeated. A watchdog
 * reconnects a connection silent for longer than the silence timeout; a {@code serverShutdown} event
 * reconnects at once. The JDK WebSocket answers the server's pings with pongs by itself.
 */
final class BinanceKlineStream implements StreamHandle {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceKlineStream.class);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofMinutes(1);

    private final HttpClient client;
    private final BinanceMarketData.Settings settings;
    private final Clock clock;
    private final Symbol symbol;
    private final Interval interval;
    private final CandleListener listener;
    private final Function<KlineQuery, List<Candle>> rest;
    private final Consumer<BinanceKlineStream> onClose;
    private final String streamName;
    private final URI uri;
    private final ScheduledExecutorService exec;

    // confined to exec's thread
    private int generation;
    private WebSocket ws;
    private long lastClosedOpen;
    private boolean first = true;
    private long lastActivityNanos;
    private int failures;
    private ScheduledFuture<?> watchdog;

    private volatile boolean closed;
    // the latest connection attempt, done once its socket (if any) is kept or aborted
    private volatile CompletableFuture<?> connecting = CompletableFuture.completedFuture(null);

    BinanceKlineStream(
            HttpClient client,
            BinanceMarketData.Settings settings,
            Clock clock,
            Symbol symbol,
            Interval interval,
            CandleListener listener,
            Function<KlineQuery, List<Candle>> rest,
            Consumer<BinanceKlineStream> onClose) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.symbol = symbol;
        this.interval = interval;
        this.listener = listener;
        this.rest = rest;
        this.onClose = onClose;
        this.streamName = symbol.exchangeCode().toLowerCase(Locale.ROOT) + "@kline_" + interval.code();
        String base = settings.streamUrl().toString();
        this.uri = URI.create((base.endsWith("/") ? base : base + "/") + "ws/" + streamName);
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cryptogo-binance-stream-" + streamName);
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.exec = e;
        // the candle that closed last before the subscription: everything after it is this stream's to deliver
        this.lastClosedOpen = interval.alignMillis(clock.millis()) - interval.millis();
    }

    void start() {
        run(this::connect);
        long period = Math.max(10, settings.streamSilenceTimeout().toMillis() / 4);
        run(() -> watchdog =
                exec.scheduleWithFixedDelay(() -> guarded(this::checkSilence), period, period, TimeUnit.MILLISECONDS));
    }

    private void run(Runnable r) {
        if (!closed) {
            try {
                exec.execute(() -> guarded(r));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void guarded(Runnable r) {
        if (closed) {
            return;
        }
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("Binance stream {}: {}", streamName, e.toString());
            reportAndReconnect(e);
        }
    }

    private void connect() {
        int g = ++generation;
        LOG.debug("Binance stream {}: connecting to {}", streamName, uri);
        connecting = client.newWebSocketBuilder()
                .connectTimeout(settings.connectTimeout())
                .buildAsync(uri, new Connection(g))
                .whenComplete((socket, error) -> {
                    try {
                        exec.execute(() -> connected(g, socket, error));
                    } catch (java.util.concurrent.RejectedExecutionException closing) {
                        if (socket != null) {
                            socket.abort();
                        }
                    }
                });
    }

    /** Runs even after close (unlike {@link #guarded}), so a connection that completes late is aborted. */
    private void connected(int g, WebSocket socket, Throwable error) {
        if (closed || g != generation) {
            if (socket != null) {
                socket.abort();
            }
            return;
        }
        try {
            accept(socket, error);
        } catch (RuntimeException e) {
            LOG.warn("Binance stream {}: {}", streamName, e.toString());
            reportAndReconnect(e);
        }
    }

    private void accept(WebSocket socket, Throwable error) {
        if (error != null) {
            reportAndReconnect(new ExchangeUnavailableException(
                    "cannot open Binance stream " + streamName + " at " + settings.streamUrl() + ": "
                            + rootMessage(error),
                    error));
            return;
        }
        ws = socket;
        lastActivityNanos = System.nanoTime();
        LOG.info("Binance stream {} connected", streamName);
    }

    private void message(int g, String text) {
        if (g != generation) {
            return;
        }
        lastActivityNanos = System.nanoTime();
        JsonNode n;
        try {
            n = BinanceJson.MAPPER.readTree(text);
        } catch (IOException e) {
            LOG.warn("Binance stream {}: unreadable message skipped: {}", streamName, e.getMessage());
            return;
        }
        if (n.has("data") && n.has("stream")) {
            n = n.get("data");
        }
        String type = n.path("e").asText();
        if ("serverShutdown".equals(type)) {
            LOG.info("Binance stream {}: server shutting down, reconnecting now", streamName);
            reconnect(Duration.ZERO);
        } else if ("kline".equals(type)) {
            Candle c;
            try {
                c = candle(n.path("k"));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Binance stream {}: unreadable kline skipped: {}", streamName, e.getMessage());
                return;
            }
            onKline(c);
            failures = 0; // only once a kline went through (a failing gap fill keeps backing off)
        }
    }

    private Candle candle(JsonNode k) throws IOException {
        return Candle.of(
                symbol,
                interval,
                Instant.ofEpochMilli(BinanceJson.integer(k, "t")),
                Instant.ofEpochMilli(BinanceJson.integer(k, "T")),
                BinanceJson.decimal(k, "o"),
                BinanceJson.decimal(k, "h"),
                BinanceJson.decimal(k, "l"),
                BinanceJson.decimal(k, "c"),
                BinanceJson.decimal(k, "v"),
                BinanceJson.decimal(k, "q"),
                BinanceJson.integer(k, "n"),
                k.path("x").asBoolean(false));
    }

    private void onKline(Candle c) {
        long t = c.openTime().toEpochMilli();
        long step = interval.millis();
        if (first) {
            first = false;
            // our clock may run ahead of Binance's: never treat the first candle seen as already delivered
            lastClosedOpen = Math.min(lastClosedOpen, t - step);
        }
        if (t <= lastClosedOpen) {
            return; // already delivered as closed
        }
        if (t > lastClosedOpen + step) {
            fill(lastClosedOpen + step, t - step);
        }
        deliver(c);
        if (c.closed()) {
            lastClosedOpen = t;
        } else {
            lastClosedOpen = Math.max(lastClosedOpen, t - step);
        }
    }

    /** Delivers the closed candles opening in [from, to] from REST, in order. */
    private void fill(long from, long to) {
        LOG.info(
                "Binance stream {}: filling {} missed candle(s) from {} over REST",
                streamName,
                (to - from) / interval.millis() + 1,
                Instant.ofEpochMilli(from));
        List<Candle> missed =
                rest.apply(KlineQuery.range(symbol, interval, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)));
        for (Candle m : missed) {
            long t = m.openTime().toEpochMilli();
            if (t > lastClosedOpen && t <= to) {
                deliver(m.asClosed());
                lastClosedOpen = t;
            }
        }
        lastClosedOpen = Math.max(lastClosedOpen, to);
    }

    private void deliver(Candle c) {
        try {
            listener.onCandle(c);
        } catch (RuntimeException e) {
            LOG.warn("Binance stream {}: the listener threw on {}", streamName, c.openTime(), e);
        }
    }

    private void checkSilence() {
        if (ws == null) {
            return;
        }
        long silentMs = (System.nanoTime() - lastActivityNanos) / 1_000_000;
        if (silentMs > settings.streamSilenceTimeout().toMillis()) {
            LOG.warn("Binance stream {} silent for {} ms: reconnecting", streamName, silentMs);
            reportAndReconnect(new ExchangeUnavailableException(
                    "Binance stream " + streamName + " was silent for " + silentMs + " ms; reconnecting"));
        }
    }

    private void lost(int g, Throwable why) {
        if (g != generation) {
            return;
        }
        reportAndReconnect(
                why instanceof ExchangeUnavailableException e
                        ? e
                        : new ExchangeUnavailableException(
                                "Binance stream " + streamName + " lost: " + rootMessage(why), why));
    }

    private void reportAndReconnect(Throwable error) {
        if (closed) {
            return;
        }
        try {
            listener.onError(error, false);
        } catch (RuntimeException e) {
            LOG.warn("Binance stream {}: the listener's onError threw", streamName, e);
        }
        long ms = Math.min(
                MAX_RECONNECT_DELAY.toMillis(),
                settings.streamReconnectDelay().toMillis() * (1L << Math.min(failures, 16)));
        if (error instanceof RateLimitedException r) {
            // the gap cannot be filled before Binance lets us send again: reconnect no earlier than that
            ms = Math.max(ms, r.retryAfter().toMillis());
        }
        failures++;
        LOG.warn("Binance stream {}: {}; reconnecting in {} ms", streamName, rootMessage(error), ms);
        reconnect(Duration.ofMillis(ms));
    }

    private void reconnect(Duration delay) {
        generation++; // everything the old connection still says is ignored
        WebSocket old = ws;
        ws = null;
        if (old != null) {
            old.abort();
        }
        if (closed) {
            return;
        }
        try {
            exec.schedule(() -> guarded(this::connect), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            exec.execute(() -> {
                if (watchdog != null) {
                    watchdog.cancel(false);
                }
                generation++;
                WebSocket w = ws;
                ws = null;
                if (w != null) {
                    try {
                        w.sendClose(WebSocket.NORMAL_CLOSURE, "").get(500, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException | TimeoutException e) {
                        // the connection is gone already, or the server is slow: abort below either way
                    } finally {
                        w.abort();
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // already shut down
        }
        exec.shutdown();
        try {
            if (!exec.awaitTermination(2, TimeUnit.SECONDS)) {
                exec.shutdownNow();
            }
            // a handshake still in flight completes later and is aborted then: wait for it, so that once close()
            // returns no connection of this subscription is open (a successor may take the stream over at once)
            connecting.get(settings.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            exec.shutdownNow();
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the attempt failed (nothing to abort) or outlived its own connect timeout
        }
        onClose.accept(this);
        LOG.info("Binance stream {} closed", streamName);
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public String toString() {
        return "BinanceKlineStream[" + streamName + "]";
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }

    /** Callbacks of one connection attempt; they only hand work to the subscription's thread. */
    private final class Connection implements WebSocket.Listener {
        private final int g;
        private final StringBuilder partial = new StringBuilder();

        Connection(int g) {
            this.g = g;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                run(() -> message(g, text));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            run(() -> {
                if (g == generation) {
                    lastActivityNanos = System.nanoTime();
                }
            });
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            run(() -> lost(
                    g,
                    new ExchangeUnavailableException("Binance closed stream " + streamName + " (" + statusCode
                            + (reason.isEmpty() ? "" : " " + reason) + ")")));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            run(() -> lost(g, error));
        }
    }
}
