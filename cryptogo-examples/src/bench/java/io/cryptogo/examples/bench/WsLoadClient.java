package io.cryptogo.examples.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * WebSocket load client for the fan-out benchmark, run in its own process against a running app: opens N
 * raw WebSocket connections to {@code /ws?symbol=..&interval=..} on a few NIO selector threads (no
 * per-connection thread or future, so the client costs the shared cores as little as possible), then, over
 * a measured window, records for every {@code candle} message the delay from the server's {@code sent}
 * timestamp (wall clock, milliseconds, stamped once per update before the fan-out) to its receipt here
 * (same machine, same clock). Reports clients held, messages per second and the p50/p99/p99.9/max delay.
 * Needs only the JDK: run it as a source file or from {@code target/test-classes}.
 *
 * <pre>{@code
 * java cryptogo-examples/src/bench/java/io/cryptogo/examples/bench/WsLoadClient.java \
 *   ws://127.0.0.1:7393 10000 30 BTC/USDT 1m 2 SERVER_PID
 * # base URL, clients, measured seconds, symbol, interval, selector threads, the server's pid (for its CPU time)
 * }</pre>
 *
 * Connections are spread over the source addresses 127.0.0.2..127.0.0.9 (Linux routes all of 127/8 to
 * loopback), so that neither the ephemeral port range nor a per-address limit caps the count.
 */
public final class WsLoadClient {
    private static final byte[] SENT = "\"sent\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CANDLE = "\"type\":\"candle\"".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DELAY_MS = 120_000;

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final Map<String, AtomicInteger> closeReasons = new ConcurrentHashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong candles = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLongArray histogram = new AtomicLongArray(MAX_DELAY_MS + 1);
    private volatile boolean measuring;
    private volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "ws://127.0.0.1:7393");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String symbol = args.length > 3 ? args[3] : "BTC/USDT";
        String interval = args.length > 4 ? args[4] : "1m";
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        long serverPid = args.length > 6 ? Long.parseLong(args[6]) : 0;
        new WsLoadClient().run(base, clients, seconds, symbol, interval, threads, serverPid);
    }

    /** CPU seconds (user + system) a process used so far, from /proc (Linux); -1 when unknown. */
    static double cpuSeconds(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in USER_HZ (100)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    void run(URI base, int clients, int seconds, String symbol, String interval, int threads, long serverPid)
            throws Exception {
        String path = "/ws?symbol=" + symbol.replace("/", "%2F") + "&interval=" + interval;
        InetSocketAddress server = new InetSocketAddress(base.getHost(), base.getPort());
        String host = base.getHost() + ":" + base.getPort();
        List<Loop> loops = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Loop l = new Loop(server, host, path);
            loops.add(l);
            Thread t = new Thread(l, "ws-load-" + i);
            t.setDaemon(true);
            t.start();
        }
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            // at most 200 handshakes pending at a time, so the server's accept queue never overflows
            while (c - open.get() - failed.get() >= 200) {
                Thread.sleep(5);
                if (System.nanoTime() - t0 > 300_000_000_000L) {
                    throw new IllegalStateException("connecting stalled at " + open.get() + " open");
                }
            }
            loops.get(c % threads).connect(c);
        }
        while (open.get() + failed.get() < clients && System.nanoTime() - t0 < 300_000_000_000L) {
            Thread.sleep(20);
        }
        System.out.printf(
                "connected %d of %d (%d failed) in %.1f s%n",
                open.get(), clients, failed.get(), (System.nanoTime() - t0) / 1e9);
        Thread.sleep(3000); // let the server settle after the connection storm
        long m0 = messages.get();
        long c0 = candles.get();
        long b0 = bytes.get();
        long self = ProcessHandle.current().pid();
        double serverCpu0 = serverPid > 0 ? cpuSeconds(serverPid) : -1;
        double clientCpu0 = cpuSeconds(self);
        String load0 = loadAverage();
        measuring = true;
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring = false;
        double elapsed = (System.nanoTime() - start) / 1e9;
        long msgs = messages.get() - m0;
        long cs = candles.get() - c0;
        long bs = bytes.get() - b0;
        double serverCpu = serverPid > 0 ? cpuSeconds(serverPid) - serverCpu0 : -1;
        double clientCpu = cpuSeconds(self) - clientCpu0;
        String load1 = loadAverage();
        running = false;
        long n = 0;
        for (int i = 0; i <= MAX_DELAY_MS; i++) {
            n += histogram.get(i);
        }
        System.out.printf(
                "clients held: %d of %d (closed by server %d%s, failed %d)%n",
                open.get(),
                clients,
                closedByServer.get(),
                closeReasons.isEmpty() ? "" : " " + sorted(closeReasons),
                failed.get());
        System.out.printf(
                "measured %.1f s: %,d messages (%,.0f/s, %.1f MB/s), %,d candle updates (%,.0f/s, %.2f per client per s)%n",
                elapsed,
                msgs,
                msgs / elapsed,
                bs / elapsed / 1e6,
                cs,
                cs / elapsed,
                cs / elapsed / Math.max(1, open.get()));
        System.out.printf(
                "CPU over the window: server %s, this client %.1f s (%.0f µs per message); load average %s -> %s%n",
                serverCpu < 0
                        ? "unknown (pass its pid)"
                        : String.format("%.1f s (%.0f µs per message)", serverCpu, serverCpu * 1e6 / Math.max(1, msgs)),
                clientCpu,
                clientCpu * 1e6 / Math.max(1, msgs),
                load0,
                load1);
        if (n > 0) {
            System.out.printf(
                    "candle delay from the server's sent stamp: p50 %d ms, p90 %d ms, p99 %d ms, p99.9 %d ms, max %d ms%n",
                    pct(n, 50), pct(n, 90), pct(n, 99), pct(n, 99.9), pct(n, 100));
        }
        System.exit(0);
    }

    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private int pct(long n, double p) {
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (int i = 0; i <= MAX_DELAY_MS; i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return MAX_DELAY_MS;
    }

    /** One selector thread serving its share of the connections. */
    private final class Loop implements Runnable {
        private final Selector selector;
        private final InetSocketAddress server;
        private final byte[] request;
        private final ConcurrentLinkedQueue<Integer> pending = new ConcurrentLinkedQueue<>();
        private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);

        Loop(InetSocketAddress server, String host, String path) throws IOException {
            this.selector = Selector.open();
            this.server = server;
            String key = Base64.getEncoder().encodeToString("cryptogo-bench-k".getBytes(StandardCharsets.US_ASCII));
            this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + host
                            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                            + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        void connect(int index) {
            pending.add(index);
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    Integer idx;
                    while ((idx = pending.poll()) != null) {
                        open(idx);
                    }
                    var it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        Conn c = (Conn) k.attachment();
                        try {
                            if (k.isValid() && k.isConnectable()) {
                                c.ch.finishConnect();
                                k.interestOps(SelectionKey.OP_READ);
                                c.ch.write(ByteBuffer.wrap(request));
                            }
                            if (k.isValid() && k.isReadable()) {
                                c.read(readBuffer);
                            }
                        } catch (IOException | RuntimeException e) {
                            c.fail(e);
                            k.cancel();
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void open(int index) {
            try {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.bind(new InetSocketAddress("127.0.0." + (2 + index % 8), 0));
                ch.connect(server);
                Conn c = new Conn(ch);
                ch.register(selector, SelectionKey.OP_CONNECT, c);
            } catch (IOException e) {
                failed.incrementAndGet();
                if (failed.get() <= 3) {
                    System.err.println("connect failed: " + e);
                }
            }
        }
    }

    /** One WebSocket: handshake state, then the frames of its leftover bytes. */
    private final class Conn {
        final SocketChannel ch;
        private byte[] buf = new byte[4096];
        private int len;
        private boolean upgraded;
        private boolean done;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }

        void read(ByteBuffer rb) throws IOException {
            rb.clear();
            int r = ch.read(rb);
            if (r < 0) {
                if (!done) {
                    done = true;
                    if (upgraded) {
                        open.decrementAndGet();
                        closedByServer.incrementAndGet();
                        closeReasons
                                .computeIfAbsent("EOF", x -> new AtomicInteger())
                                .incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
                ch.close();
                return;
            }
            rb.flip();
            if (len + r > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + r));
            }
            rb.get(buf, len, r);
            len += r;
            if (measuring) {
                bytes.addAndGet(r);
            }
            int pos = 0;
            if (!upgraded) {
                int end = indexOf(buf, 0, len, new byte[] {'\r', '\n', '\r', '\n'});
                if (end < 0) {
                    return;
                }
                String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
                if (!head.startsWith("HTTP/1.1 101")) {
                    throw new IOException(
                            "upgrade refused: " + head.lines().findFirst().orElse(head));
                }
                upgraded = true;
                open.incrementAndGet();
                pos = end + 4;
            }
            long now = System.currentTimeMillis();
            while (len - pos >= 2) {
                int b0 = buf[pos] & 0xff;
                int b1 = buf[pos + 1] & 0x7f;
                int h = 2;
                long plen = b1;
                if (b1 == 126) {
                    if (len - pos < 4) {
                        break;
                    }
                    plen = ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
                    h = 4;
                } else if (b1 == 127) {
                    if (len - pos < 10) {
                        break;
                    }
                    plen = 0;
                    for (int i = 0; i < 8; i++) {
                        plen = (plen << 8) | (buf[pos + 2 + i] & 0xff);
                    }
                    h = 10;
                }
                if (len - pos < h + plen) {
                    break;
                }
                int p = pos + h;
                int n = (int) plen;
                int opcode = b0 & 0x0f;
                if (opcode == 1 || opcode == 0) {
                    onText(p, n, now);
                } else if (opcode == 9) {
                    pong(p, n);
                } else if (opcode == 8) {
                    String reason = n > 2 ? new String(buf, p + 2, n - 2, StandardCharsets.UTF_8) : "";
                    int code = n >= 2 ? ((buf[p] & 0xff) << 8) | (buf[p + 1] & 0xff) : 1005;
                    if (!done) {
                        done = true;
                        open.decrementAndGet();
                        closedByServer.incrementAndGet();
                        closeReasons
                                .computeIfAbsent(code + " " + reason, x -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    ch.close();
                    return;
                }
                pos = p + n;
            }
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
        }

        private void onText(int p, int n, long now) {
            if (!measuring) {
                return;
            }
            messages.incrementAndGet();
            if (indexOf(buf, p, p + Math.min(n, 24), CANDLE) < 0) {
                return;
            }
            int s = indexOf(buf, p, p + n, SENT);
            if (s < 0) {
                return;
            }
            long sent = 0;
            for (int i = s + SENT.length; i < p + n && buf[i] >= '0' && buf[i] <= '9'; i++) {
                sent = sent * 10 + (buf[i] - '0');
            }
            candles.incrementAndGet();
            histogram.incrementAndGet((int) Math.max(0, Math.min(MAX_DELAY_MS, now - sent)));
        }

        private void pong(int p, int n) throws IOException {
            ByteBuffer out = ByteBuffer.allocate(6 + n);
            out.put((byte) 0x8A).put((byte) (0x80 | n)).putInt(0); // masked with a zero key
            out.put(buf, p, n).flip();
            ch.write(out);
        }

        void fail(Exception e) {
            if (!done) {
                done = true;
                if (upgraded) {
                    open.decrementAndGet();
                    closedByServer.incrementAndGet();
                    closeReasons
                            .computeIfAbsent(e.getClass().getSimpleName(), x -> new AtomicInteger())
                            .incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    if (failed.get() <= 3) {
                        System.err.println("handshake failed: " + e.getMessage());
                    }
                }
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    static int indexOf(byte[] a, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (a[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static Map<String, Integer> sorted(Map<String, AtomicInteger> m) {
        Map<String, Integer> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
