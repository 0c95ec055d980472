package io.cryptogo.examples.bench;

import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.live.LiveHub;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.model.Interval;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * WebSocket fan-out: N java.net.http WebSocket clients on one (symbol, interval) stream of the app, the
 * upstream pushing U open-candle updates at R per second; reports clients held, messages delivered and the
 * update latency from the upstream push to each client's receipt (same JVM, {@code System.nanoTime}). The
 * clients share the server's JVM and cores, so this is an in-process reference only; {@link WsLoadClient} against
 * the app jar is the honest fan-out bench.
 *
 * <pre>{@code
 * mvn -q -DskipTests package -pl cryptogo-examples -am
 * java -Xmx3g -cp cryptogo-examples/target/cryptogo-app.jar:cryptogo-examples/target/test-classes:cryptogo-core/target/test-classes \
 *   io.cryptogo.examples.bench.WsFanoutBench 1000 200 20
 * }</pre>
 */
public final class WsFanoutBench {
    private WsFanoutBench() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int updates = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 20;

        AppMarket market = new AppMarket(Instant.now());
        long[] pushedAt = new long[updates];
        AtomicLongArray latencySum = new AtomicLongArray(1);
        List<long[]> perClient = new ArrayList<>();
        AtomicLong received = new AtomicLong();
        AtomicInteger open = new AtomicInteger();
        try (TestApp t = TestApp.start(
                market,
                AppSettings.ephemeral().withWsQueueSize(1024),
                Map.of("WS_MAX_CONNECTIONS_PER_CLIENT", "10000"))) {
            String url = t.url().replace("http", "ws") + "/ws?symbol=BTC/USDT&interval=1m";
            HttpClient[] https = new HttpClient[8];
            for (int i = 0; i < https.length; i++) {
                https[i] = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(20))
                        .build();
            }
            List<CompletableFuture<WebSocket>> connecting = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long[] lat = new long[updates];
                Arrays.fill(lat, -1);
                perClient.add(lat);
                connecting.add(https[c % https.length]
                        .newWebSocketBuilder()
                        .buildAsync(URI.create(url), new Listener(lat, pushedAt, received, open)));
                if (c % 100 == 99) {
                    CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
                            .get(60, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
            LiveHub hub = t.app().registry().service(LiveHub.class).orElseThrow();
            var key = new io.cryptogo.examples.app.live.StreamKey(AppMarket.BTC, Interval.M1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (hub.subscribers(key) < clients && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.printf(
                    "clients connected: %d, subscribed: %d, upstream streams opened: %d%n",
                    open.get(), hub.subscribers(key), market.streamsOpened());

            long gapNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long next = System.nanoTime();
            for (int u = 0; u < updates; u++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                pushedAt[u] = System.nanoTime();
                market.emit(market.openCandle(AppMarket.BTC, Interval.M1, (90000 + u) + ".5"));
                next += gapNanos;
            }
            long expected = (long) clients * updates;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long[] all = perClient.stream()
                    .flatMapToLong(Arrays::stream)
                    .filter(v -> v >= 0)
                    .sorted()
                    .toArray();
            long held = hub.clientCount();
            System.out.printf(
                    "clients held: %d of %d; updates pushed: %d at %d/s; delivered: %d of %d (%.2f%%)%n",
                    held, clients, updates, perSecond, all.length, expected, 100.0 * all.length / expected);
            if (all.length > 0) {
                System.out.printf(
                        "update latency: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                        pct(all, 50), pct(all, 99), pct(all, 99.9), all[all.length - 1] / 1e6);
            }
            latencySum.set(0, all.length);
        }
        System.exit(0);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** Records, per update number (encoded in the close price), the nanos from push to receipt. */
    static final class Listener implements WebSocket.Listener {
        private final long[] latency;
        private final long[] pushedAt;
        private final AtomicLong received;
        private final AtomicInteger open;
        private final StringBuilder partial = new StringBuilder();

        Listener(long[] latency, long[] pushedAt, AtomicLong received, AtomicInteger open) {
            this.latency = latency;
            this.pushedAt = pushedAt;
            this.received = received;
            this.open = open;
        }

        @Override
        public void onOpen(WebSocket ws) {
            open.incrementAndGet();
            ws.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (!last) {
                return null;
            }
            String s = partial.toString();
            partial.setLength(0);
            if (s.startsWith("{\"type\":\"candle\"")) {
                int i = s.indexOf("\"close\":") + 8;
                int u = Integer.parseInt(s.substring(i, s.indexOf('.', i))) - 90000;
                if (u >= 0 && u < latency.length && latency[u] < 0) {
                    latency[u] = now - pushedAt[u];
                    received.incrementAndGet();
                }
            }
            return null;
        }
    }
}
