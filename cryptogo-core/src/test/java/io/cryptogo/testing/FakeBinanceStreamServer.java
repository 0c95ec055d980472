package io.cryptogo.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A loopback WebSocket server shaped like Binance's stream endpoint ({@code ws://127.0.0.1:port/ws/<stream>}).
 * Nothing is pushed on its own: a test takes each {@link Connection} as the client opens it and scripts it
 * (kline events from {@link FakeBinanceServer#klineEvent}, pings, {@code serverShutdown}, an abrupt drop, or
 * silence).
 *
 * <pre>{@code
 * try (FakeBinanceStreamServer ws = FakeBinanceStreamServer.start()) {
 *     var handle = market.stream("BTC/USDT", Interval.M1, listener);   // streamUrl = ws.baseUrl()
 *     FakeBinanceStreamServer.Connection c = ws.awaitConnection(Duration.ofSeconds(5));
 *     c.send(rest.klineEvent("BTCUSDT", Interval.M1, openTime, true));
 *     c.drop();
 * }
 * }</pre>
 */
public final class FakeBinanceStreamServer implements AutoCloseable {

    /** One client connection. */
    public static final class Connection {
        private final WebSocket socket;
        private final String path;
        private final CountDownLatch pong = new CountDownLatch(1);
        private final List<String> received = new CopyOnWriteArrayList<>();

        private Connection(WebSocket socket, String path) {
            this.socket = socket;
            this.path = path;
        }

        /** The request path, e.g. {@code /ws/btcusdt@kline_1m}. */
        public String path() {
            return path;
        }

        /** The stream name after {@code /ws/}. */
        public String stream() {
            return path.startsWith("/ws/") ? path.substring(4) : path;
        }

        public void send(String text) {
            socket.send(text);
        }

        /** A {@code serverShutdown} event, as Binance sends before a planned disconnect. */
        public void sendServerShutdown(long eventTime) {
            socket.send("{\"e\":\"serverShutdown\",\"E\":" + eventTime + "}");
        }

        /** Sends a ping frame (Binance does every 20 s). */
        public void ping() {
            PingFrame f = new PingFrame();
            f.setPayload(ByteBuffer.wrap("binance".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            socket.sendFrame(f);
        }

        /** Whether the client answered a ping with a pong within {@code timeout}. */
        public boolean awaitPong(Duration timeout) throws InterruptedException {
            return pong.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Text messages the client sent (Binance clients normally send none on a raw stream). */
        public List<String> received() {
            return List.copyOf(received);
        }

        /** Cuts the TCP connection without a close handshake (a network drop). */
        public void drop() {
            socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped");
        }

        /** Closes with a proper close frame. */
        public void close() {
            socket.close(CloseFrame.NORMAL, "bye");
        }

        public boolean isOpen() {
            return socket.isOpen();
        }
    }

    private final Server server;
    private final BlockingQueue<Connection> fresh = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> handshakes = new LinkedBlockingQueue<>();
    private volatile Duration handshakeDelay = Duration.ZERO;
    private volatile long lastAnsweredNanos;
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);

    private final class Server extends WebSocketServer {
        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            setConnectionLostTimeout(0); // pings only when a test sends them
        }

        @Override
        public org.java_websocket.handshake.ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
                WebSocket conn, org.java_websocket.drafts.Draft draft, ClientHandshake request)
                throws org.java_websocket.exceptions.InvalidDataException {
            handshakes.add(System.nanoTime());
            Duration d = handshakeDelay;
            if (!d.isZero()) {
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            lastAnsweredNanos = System.nanoTime();
            return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            Connection c = new Connection(conn, handshake.getResourceDescriptor());
            conn.setAttachment(c);
            count.incrementAndGet();
            fresh.add(c);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

        @Override
        public void onMessage(WebSocket conn, String message) {
            Connection c = conn.getAttachment();
            if (c != null) {
                c.received.add(message);
            }
        }

        @Override
        public void onWebsocketPong(WebSocket conn, Framedata f) {
            Connection c = conn.getAttachment();
            if (c != null) {
                c.pong.countDown();
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {}

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    private FakeBinanceStreamServer() {
        this.server = new Server();
    }

    /** A server on a free loopback port, started and listening. */
    public static FakeBinanceStreamServer start() {
        FakeBinanceStreamServer s = new FakeBinanceStreamServer();
        s.server.start();
        try {
            if (!s.started.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the fake Binance stream server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return s;
    }

    /** {@code ws://127.0.0.1:port}: give it to the adapter as {@code BINANCE_STREAM_URL}. */
    public URI baseUrl() {
        return URI.create("ws://127.0.0.1:" + server.getPort());
    }

    /** The next connection the client opens; fails the test after {@code timeout}. */
    public Connection awaitConnection(Duration timeout) throws InterruptedException {
        Connection c = fresh.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
            throw new AssertionError("no WebSocket connection within " + timeout);
        }
        return c;
    }

    /** Holds every upgrade request this long before answering it (a slow network or server). */
    public FakeBinanceStreamServer handshakeDelay(Duration delay) {
        this.handshakeDelay = delay;
        return this;
    }

    /** Waits for the next upgrade request to arrive (answered or not yet); fails the test after {@code timeout}. */
    public void awaitHandshake(Duration timeout) throws InterruptedException {
        if (handshakes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) == null) {
            throw new AssertionError("no WebSocket handshake within " + timeout);
        }
    }

    /** {@link System#nanoTime()} when the last handshake was answered (after its delay), 0 before any. */
    public long lastHandshakeAnsweredNanos() {
        return lastAnsweredNanos;
    }

    /** Connections opened so far. */
    public int connectionCount() {
        return count.get();
    }

    @Override
    public void close() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
