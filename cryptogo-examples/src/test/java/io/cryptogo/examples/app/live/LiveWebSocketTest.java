package io.cryptogo.examples.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.Eventually;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.model.Interval;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LiveWebSocketTest {
    static final Instant NOW = Instant.parse("2025-01-15T12:34:56Z");
    static final ObjectMapper JSON = new ObjectMapper();
    /** How long to wait for what the server does on its own threads; generous for loaded CI machines. */
    static final Duration WAIT = Duration.ofSeconds(30);

    AppMarket market;
    TestApp t;
    LiveHub hub;

    @BeforeEach
    void start() {
        market = new AppMarket(NOW);
        t = TestApp.start(market);
        hub = t.app().registry().service(LiveHub.class).orElseThrow();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    /** A WebSocket client that queues what it receives; {@code reading=false} stops reading (stalls). */
    final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final boolean reading;
        final WebSocket ws;
        private final StringBuilder partial = new StringBuilder();

        Client(boolean reading, String query) {
            this.reading = reading;
            this.ws = t.http()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create(t.url().replace("http", "ws") + "/ws" + query), this)
                    .join();
        }

        Client() {
            this(true, "");
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        void send(String json) {
            ws.sendText(json, true).join();
        }

        JsonNode next(String type) throws InterruptedException {
            // generous for loaded CI machines: returns as soon as the message is there
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode n = received.poll(100, TimeUnit.MILLISECONDS);
                if (n != null && n.get("type").asText().equals(type)) {
                    return n;
                }
            }
            throw new AssertionError("no '" + type + "' message within " + WAIT);
        }
    }

    @Test
    void aClientSubscribesAndReceivesOpenCandleUpdatesClosedCandlesAndTickers() throws Exception {
        Client c = new Client();
        c.send("{\"type\":\"subscribe\",\"symbol\":\"BTC/USDT\",\"interval\":\"1m\"}");
        JsonNode ack = c.next("subscribed");
        assertThat(ack.get("symbol").asText()).isEqualTo("BTC/USDT");
        assertThat(ack.get("interval").asText()).isEqualTo("1m");

        market.emit(market.openCandle(AppMarket.BTC, Interval.M1, "97123.45"));
        JsonNode candle = c.next("candle");
        assertThat(candle.get("candle").get("close").decimalValue()).isEqualByComparingTo("97123.45");
        assertThat(candle.get("candle").get("closed").asBoolean()).isFalse();
        assertThat(candle.get("candle").get("openTime").asLong())
                .isEqualTo(Interval.M1.align(NOW).toEpochMilli());
        assertThat(c.next("ticker").get("price").decimalValue()).isEqualByComparingTo("97123.45");

        market.emit(market.openCandle(AppMarket.BTC, Interval.M1, "97130").asClosed());
        JsonNode closed = c.next("candle");
        assertThat(closed.get("candle").get("closed").asBoolean()).isTrue();
    }

    @Test
    void theQueryStringSubscribesOnConnect() throws Exception {
        Client c = new Client(true, "?symbol=ETH-USDT&interval=5m");
        assertThat(c.next("subscribed").get("interval").asText()).isEqualTo("5m");
        market.emit(market.openCandle(AppMarket.ETH, Interval.M5, "3501"));
        assertThat(c.next("candle").get("symbol").asText()).isEqualTo("ETH/USDT");
    }

    @Test
    void aClientSwitchesItsSubscription() throws Exception {
        Client c = new Client();
        c.send("{\"type\":\"subscribe\",\"symbol\":\"BTC/USDT\",\"interval\":\"1m\"}");
        c.next("subscribed");
        c.send("{\"type\":\"subscribe\",\"symbol\":\"ETH-USDT\",\"interval\":\"1h\"}");
        assertThat(c.next("subscribed").get("symbol").asText()).isEqualTo("ETH/USDT");
        Eventually.holds(WAIT, "market.streamsOpen() == 1", () -> market.streamsOpen() == 1);

        market.emit(market.openCandle(AppMarket.BTC, Interval.M1, "97000"));
        market.emit(market.openCandle(AppMarket.ETH, Interval.H1, "3456.78"));
        JsonNode candle = c.next("candle");
        assertThat(candle.get("symbol").asText()).isEqualTo("ETH/USDT");
        assertThat(candle.get("interval").asText()).isEqualTo("1h");
        assertThat(candle.get("candle").get("close").decimalValue()).isEqualByComparingTo("3456.78");
    }

    @Test
    void twoClientsOnOneStreamUseOneUpstreamSubscription() throws Exception {
        Client a = new Client();
        Client b = new Client();
        a.send("{\"type\":\"subscribe\",\"symbol\":\"BTC/USDT\",\"interval\":\"1m\"}");
        b.send("{\"type\":\"subscribe\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\"}");
        a.next("subscribed");
        b.next("subscribed");
        assertThat(market.streamsOpened()).isEqualTo(1);

        market.emit(market.openCandle(AppMarket.BTC, Interval.M1, "97222"));
        assertThat(a.next("candle").get("candle").get("close").asDouble()).isEqualTo(97222.0);
        assertThat(b.next("candle").get("candle").get("close").asDouble()).isEqualTo(97222.0);

        a.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        Eventually.holds(WAIT, "hub.clientCount() == 1", () -> hub.clientCount() == 1);
        assertThat(market.streamsOpen()).isEqualTo(1);
        b.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        Eventually.holds(WAIT, "market.streamsOpen() == 0", () -> market.streamsOpen() == 0);
    }

    @Test
    void aStalledClientDoesNotDelayAnother() throws Exception {
        Client stalled = new Client(false, "?symbol=BTC/USDT&interval=1m");
        Client live = new Client(true, "?symbol=BTC/USDT&interval=1m");
        live.next("subscribed");
        Eventually.holds(
                WAIT,
                "hub.subscribers(new StreamKey(AppMarket.BTC, Interval.M1)) == 2",
                () -> hub.subscribers(new StreamKey(AppMarket.BTC, Interval.M1)) == 2);

        // updates until the stalled client's socket buffers are full: its write stays in flight, so its queued
        // updates are replaced by newer ones (dropped); the fan-out coalesces what it cannot keep up with, so
        // how many updates that takes depends on the machine
        long start = System.nanoTime();
        int[] i = {0};
        Eventually.holds(WAIT, "a client is stuck", () -> {
            for (int k = 0; k < 500; k++, i[0]++) {
                market.emit(market.openCandle(AppMarket.BTC, Interval.M1, "97" + (i[0] % 1000) + ".99"));
            }
            return hub.clients().stream().anyMatch(c -> c.dropped() > 0 && c.queued() > 0);
        });
        market.emit(market.openCandle(AppMarket.BTC, Interval.M1, "99999.99"));
        long emitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // the upstream was never held up by the stalled client (a blocked emit would not come back at all:
        // the bound only catches that, it is no speed claim), and the live client sees the last update
        assertThat(emitMillis).as("emitting was blocked by the stalled client").isLessThan(120_000);
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean sawLast = false;
        while (!sawLast && System.nanoTime() < deadline) {
            JsonNode n = live.received.poll(100, TimeUnit.MILLISECONDS);
            sawLast = n != null
                    && n.get("type").asText().equals("candle")
                    && n.get("candle").get("close").asDouble() == 99999.99;
        }
        assertThat(sawLast).as("live client received the final update").isTrue();
        LiveClient slow = hub.clients().stream()
                .filter(c -> c.dropped() > 0)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the stalled client dropped nothing"));
        assertThat(slow.queued()).isLessThanOrEqualTo(t.app().settings().wsQueueSize());
    }

    @Test
    void aClientThatStopsReadingDoesNotDelayTheOthersAndIsDisconnectedWhenClosedCandlesPileUp() throws Exception {
        StreamKey btc = new StreamKey(AppMarket.BTC, Interval.M1);
        // the slow client first, so that it is the hub's only client when we pick it: a raw socket with a
        // small receive buffer that reads the upgrade answer and then nothing
        try (java.net.Socket raw = new java.net.Socket()) {
            raw.setReceiveBufferSize(4096);
            raw.connect(new java.net.InetSocketAddress("127.0.0.1", t.app().port()));
            raw.getOutputStream()
                    .write(("GET /ws?symbol=BTC/USDT&interval=1m HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] head = new byte[12];
            int n = raw.getInputStream().readNBytes(head, 0, head.length);
            assertThat(new String(head, 0, n, java.nio.charset.StandardCharsets.US_ASCII))
                    .contains("101");
            Eventually.holds(WAIT, "the slow client subscribed", () -> hub.subscribers(btc) == 1);
            LiveClient slow = hub.clients().getFirst();
            java.util.List<Client> fast = java.util.List.of(
                    new Client(true, "?symbol=BTC/USDT&interval=1m"),
                    new Client(true, "?symbol=BTC/USDT&interval=1m"),
                    new Client(true, "?symbol=BTC/USDT&interval=1m"));
            Eventually.holds(WAIT, "4 subscribers", () -> hub.subscribers(btc) == 4);

            // open-candle updates until the slow client's socket is full: a write stays in flight, so its
            // queued updates are replaced by newer ones (dropped) instead of being sent
            int[] price = {90_000};
            Eventually.holds(WAIT, "the slow client is stuck", () -> {
                for (int i = 0; i < 500; i++) {
                    market.emit(market.openCandle(AppMarket.BTC, Interval.M1, Integer.toString(price[0]++)));
                }
                return slow.dropped() > 0 && slow.queued() > 0;
            });

            // the marker: a closed candle reaches every reading client while the slow one is still stuck
            Instant minute = Interval.M1.align(NOW).minusSeconds(60 * 1000);
            market.emit(AppMarket.candle(AppMarket.BTC, Interval.M1, minute, true));
            for (Client c : fast) {
                JsonNode marker = nextClosed(c);
                assertThat(marker.get("candle").get("openTime").asLong()).isEqualTo(minute.toEpochMilli());
            }
            assertThat(slow.queued())
                    .as("the slow client still holds the marker")
                    .isPositive();
            assertThat(hub.clientCount()).isEqualTo(4);

            // closed candles are never dropped: more of them than the slow client's queue holds disconnect it
            // (close code 1008), while the others receive every one of them in order
            int closed = t.app().settings().wsQueueSize() + 8;
            for (int i = 1; i <= closed; i++) {
                market.emit(AppMarket.candle(AppMarket.BTC, Interval.M1, minute.plusSeconds(60L * i), true));
            }
            Eventually.holds(WAIT, "the slow client is disconnected", () -> hub.clientCount() == 3);
            for (Client c : fast) {
                for (int i = 1; i <= closed; i++) {
                    assertThat(nextClosed(c).get("candle").get("openTime").asLong())
                            .isEqualTo(minute.plusSeconds(60L * i).toEpochMilli());
                }
            }
            assertThat(hub.subscribers(btc)).isEqualTo(3);
        }
    }

    /** The next closed candle a client received (open-candle updates and tickers skipped). */
    private static JsonNode nextClosed(Client c) throws InterruptedException {
        while (true) {
            JsonNode n = c.next("candle");
            if (n.get("candle").get("closed").asBoolean()) {
                return n;
            }
        }
    }

    @Test
    void aVanishedClientIsCleanedUp() throws Exception {
        // a raw socket: handshake, subscribe, then the connection is reset without a close frame
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", t.app().port())) {
            var out = socket.getOutputStream();
            out.write(("GET /ws?symbol=BTC/USDT&interval=1m HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            byte[] head = new byte[12];
            int n = socket.getInputStream().readNBytes(head, 0, head.length);
            assertThat(new String(head, 0, n, java.nio.charset.StandardCharsets.US_ASCII))
                    .contains("101");
            Eventually.holds(WAIT, "subscribed", () -> market.streamsOpen() == 1);
            socket.setSoLinger(true, 0); // RST on close
        }
        Eventually.holds(
                WAIT,
                "the vanished client is gone with its upstream",
                () -> hub.clientCount() == 0 && market.streamsOpen() == 0);
    }

    @Test
    void badMessagesAnswerAnErrorNamingTheField() throws Exception {
        Client c = new Client();
        c.send("{\"type\":\"subscribe\",\"symbol\":\"BTC/USDT\",\"interval\":\"2m\"}");
        JsonNode e = c.next("error");
        assertThat(e.get("field").asText()).isEqualTo("interval");
        assertThat(e.get("detail").asText()).contains("1m, 5m, 15m, 1h, 4h, 1d");
        c.send("{\"type\":\"subscribe\",\"symbol\":\"NOPE/USDT\"}");
        assertThat(c.next("error").get("field").asText()).isEqualTo("symbol");
        c.send("not json");
        assertThat(c.next("error").get("field").asText()).isEqualTo("message");
        c.send("{\"type\":\"dance\"}");
        assertThat(c.next("error").get("detail").asText()).contains("subscribe, unsubscribe, ping");
        c.send("{\"type\":\"ping\"}");
        c.next("pong");
        assertThat(market.streamsOpened()).isZero();
    }
}
