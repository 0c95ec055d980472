package io.cryptogo.examples.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.testing.TestDatabases;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three app processes started by {@code bin/cluster} (the same script and settings as docker-compose.yml,
 * with the test class path instead of the fat jar) on the real Redis (127.0.0.1:6379, a key prefix of this
 * run) and a fresh PostgreSQL schema, fed by a loopback Binance whose one-minute candles close every second.
 * WebSocket clients on every instance; then {@code bin/cluster kill} ({@code kill -9}) of the instance that
 * holds the BTC/USDT upstream. Checked: one upstream subscription per stream at any time; every client of
 * every instance gets the same closed candles in order; another instance takes over within 10 s and the
 * gap's closed candles reach every surviving client (from REST); {@code klines} holds every closed candle of
 * the period once, with the values the clients saw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterProcessesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final int INSTANCES = 3;
    static final int CLIENTS_PER_STREAM = 2;
    static final long MIN = 60_000;
    /** The loopback market runs 60 times faster: a one-minute candle closes every second. */
    static final int SPEED = 60;

    static final List<String> STREAMS = List.of("BTC/USDT", "ETH/USDT");

    final ObjectMapper json = new ObjectMapper();
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String prefix = "cryptogo-test:" + runId + ":";
    final String schema = TestDatabases.schemaName("cluster");
    final Map<Integer, Long> pids = new LinkedHashMap<>();
    final List<Client> clients = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    Path dir;
    int basePort;
    StreamingBinance binance;
    Database db;
    RedisClient redis;
    StatefulRedisConnection<String, String> redisConnection;
    Process starter;
    int killed = -1;
    long killedAtNanos;
    long lastClosedBeforeKill;

    /** One closed candle as a client saw it: its open time and values (decimals compared by value). */
    record Closed(long openTime, String values) {}

    /** A WebSocket client of one instance subscribed to one stream; keeps the closed candles in arrival order. */
    final class Client implements WebSocket.Listener {
        final int instance;
        final String symbol;
        final List<Closed> closed = new CopyOnWriteArrayList<>();
        final StringBuilder partial = new StringBuilder();
        volatile boolean gone;
        WebSocket ws;

        Client(int instance, String symbol) {
            this.instance = instance;
            this.symbol = symbol;
        }

        Client open() {
            URI uri = URI.create("ws://127.0.0.1:" + port(instance) + "/ws?symbol="
                    + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&interval=1m");
            ws = http.newWebSocketBuilder().buildAsync(uri, this).join();
            return this;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode m = json.readTree(text);
                    JsonNode c = m.path("candle");
                    if ("candle".equals(m.path("type").asText())
                            && c.path("closed").asBoolean()) {
                        closed.add(new Closed(
                                c.path("openTime").asLong(),
                                String.join(
                                        " ",
                                        value(c, "open"),
                                        value(c, "high"),
                                        value(c, "low"),
                                        value(c, "close"),
                                        value(c, "volume"))));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable message " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            gone = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            gone = true;
        }

        List<Long> times() {
            return closed.stream().map(Closed::openTime).toList();
        }

        long lastClosed() {
            return closed.isEmpty()
                    ? Long.MIN_VALUE
                    : closed.get(closed.size() - 1).openTime();
        }

        @Override
        public String toString() {
            return "client of app" + instance + " on " + symbol;
        }
    }

    static String value(JsonNode candle, String field) {
        return new BigDecimal(candle.path(field).asText()).stripTrailingZeros().toPlainString();
    }

    int port(int instance) {
        return basePort + instance - 1;
    }

    static String streamName(String symbol) {
        return symbol.replace("/", "").toLowerCase(java.util.Locale.ROOT) + "@kline_1m";
    }

    static String leaseKey(String symbol) {
        return "lease:" + symbol.replace("/", "") + ":1m";
    }

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void startTheCluster() throws Exception {
        dir = Files.createDirectories(Path.of("target", "cluster-processes", runId))
                .toAbsolutePath();
        long now = System.currentTimeMillis();
        // the loopback market's time starts 4 h back and runs 60x: it stays in the past for 4 minutes
        Instant start = Instant.ofEpochMilli(now - now % MIN - 240 * MIN);
        binance = new StreamingBinance(start, SPEED, start.minus(Duration.ofHours(3)), 250);
        // migrated once here, so the three processes start on an up-to-date schema instead of racing for it
        db = Database.builder()
                .url(TestDatabases.PG_URL)
                .schema(schema)
                .poolSize(2)
                .build();
        redis = RedisClient.create("redis://127.0.0.1:6379");
        redisConnection = redis.connect();
        basePort = freePortRun(INSTANCES);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLUSTER_DIR", dir.toString());
        env.put("CLUSTER_INSTANCES", Integer.toString(INSTANCES));
        env.put("CLUSTER_BASE_PORT", Integer.toString(basePort));
        env.put("CLUSTER_PROXY_PORT", Integer.toString(freePortRun(1)));
        env.put("CLUSTER_CLASSPATH", System.getProperty("java.class.path"));
        env.put(
                "CLUSTER_JAVA_OPTS",
                "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlogback.configurationFile=logback.xml");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("DATABASE_URL", TestDatabases.PG_URL);
        env.put("DATABASE_SCHEMA", schema);
        env.put("DATABASE_POOL_SIZE", "4");
        env.put("REDIS_URL", "redis://127.0.0.1:6379");
        env.put("REDIS_PREFIX", prefix);
        env.put("REDIS_LEASE_TTL", "3s");
        env.put("REDIS_LEASE_CHECK", "500ms");
        env.put("CRYPTOGO_API_TOKEN", UUID.randomUUID().toString().replace("-", ""));
        env.put("HOST", "127.0.0.1");
        env.put("EXCHANGE", "binance");
        env.put("BINANCE_BASE_URL", binance.restUrl().toString());
        env.put("BINANCE_FUTURES_BASE_URL", binance.restUrl().toString());
        env.put("BINANCE_STREAM_URL", binance.streamUrl().toString());
        env.put("DEFAULT_SYMBOL", "BTC/USDT");
        env.put("COLLECT_SYMBOLS", String.join(",", STREAMS));
        env.put("COLLECT_INTERVALS", "1m");
        env.put("COLLECT_HISTORY_BARS", "260");
        env.put("COLLECT_PERIOD", "10s");
        env.put("COLLECT_LEADER_CHECK", "1s");
        env.put("LOG_FORMAT", "text");
        env.put("REQUEST_LOG", "false");
        // one trader per account and database: these instances share market data, not the paper account
        env.put("TRADING_ENABLED", "false");

        ProcessBuilder pb = new ProcessBuilder(
                        "bash", ROOT.resolve("bin/cluster").toString(), "start")
                .directory(dir.toFile()) // no stray .env is read
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("cluster-start.log").toFile());
        // nothing of the developer's own settings reaches the apps
        pb.environment()
                .keySet()
                .removeIf(
                        k -> k.matches(
                                "(EXCHANGE|BINANCE_|DATABASE_|REDIS_|COLLECT_|OPENAI_|ANTHROPIC_|OLLAMA_|AI_|AUTO_|TRADING_|CRYPTOGO_|SIM_|CLUSTER_).*"));
        pb.environment().putAll(env);
        starter = pb.start();
        // bin/cluster writes each pid file as it starts the process: collect them even if start fails
        boolean done = starter.waitFor(140, TimeUnit.SECONDS);
        readPids();
        assertThat(done).as("bin/cluster start finished; " + logs()).isTrue();
        assertThat(starter.exitValue())
                .as("bin/cluster start exit code; " + logs())
                .isZero();
        assertThat(pids).hasSize(INSTANCES);
    }

    void readPids() throws IOException {
        for (int i = 1; i <= INSTANCES; i++) {
            Path p = dir.resolve("app" + i + ".pid");
            if (Files.exists(p)) {
                pids.put(i, Long.parseLong(Files.readString(p).strip()));
            }
        }
    }

    @AfterAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void stopEverything() throws Exception {
        try {
            clients.forEach(c -> c.ws.abort());
            if (starter != null && starter.isAlive()) {
                starter.destroyForcibly();
            }
            if (dir != null) {
                readPids();
                Process p = binCluster("stop");
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        } finally {
            // whatever happened above: no app process outlives the test
            for (long pid : pids.values()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            if (redisConnection != null) {
                List<String> keys = redisConnection.sync().keys(prefix + "*");
                if (!keys.isEmpty()) {
                    redisConnection.sync().del(keys.toArray(String[]::new));
                }
                redisConnection.close();
                redis.shutdown();
            }
            if (binance != null) {
                binance.close();
            }
            if (db != null) {
                db.close();
                try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL);
                        Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    /** {@code bin/cluster <args>} on this run's directory (its output in {@code cluster-<command>.log}). */
    Process binCluster(String... args) throws IOException {
        List<String> command =
                new ArrayList<>(List.of("bash", ROOT.resolve("bin/cluster").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("cluster-" + args[0] + ".log").toFile());
        pb.environment().put("CLUSTER_DIR", dir.toString());
        pb.environment().put("CLUSTER_INSTANCES", Integer.toString(INSTANCES));
        return pb.start();
    }

    @Test
    @Order(1)
    void oneUpstreamPerStreamAndEveryClientOfEveryInstanceGetsTheSameClosedCandlesInOrder() {
        for (int i = 1; i <= INSTANCES; i++) {
            for (String s : STREAMS) {
                for (int k = 0; k < CLIENTS_PER_STREAM; k++) {
                    clients.add(new Client(i, s).open());
                }
            }
        }
        within(
                Duration.ofSeconds(30),
                "every client receives closed candles",
                () -> clients.stream().allMatch(c -> c.closed.size() >= 5));

        for (String s : STREAMS) {
            StreamingBinance.StreamCount n = binance.count(streamName(s));
            // an upstream may have moved before (an instance whose last subscriber left releases its lease
            // at once: the collector's series are rebalanced while the instances start), never doubled
            assertThat(n.open.get())
                    .as("Binance subscriptions open now for " + s)
                    .isEqualTo(1);
            assertThat(n.maxOpen.get())
                    .as("most Binance subscriptions open at once for " + s + ": " + n)
                    .isEqualTo(1);
            assertThat(holder(s)).as("lease holder of " + s).matches("app[1-3]");
            assertSameClosedCandlesInOrder(s, clientsOf(s), 5);
        }
    }

    @Test
    @Order(2)
    void killMinus9OfTheHolderIsTakenOverWithin10sAndNoSurvivingClientMissesACandle() throws Exception {
        String btc = STREAMS.get(0);
        killed = Integer.parseInt(holder(btc).substring(3));
        Map<String, Boolean> heldByKilled = new HashMap<>();
        Map<String, Integer> openedBefore = new HashMap<>();
        for (String s : STREAMS) {
            heldByKilled.put(s, holder(s).equals("app" + killed));
            openedBefore.put(s, binance.count(streamName(s)).opened.get());
        }
        lastClosedBeforeKill =
                clientsOf(btc).stream().mapToLong(Client::lastClosed).max().orElseThrow();

        killedAtNanos = System.nanoTime();
        Process k = binCluster("kill", Integer.toString(killed));
        assertThat(k.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(k.exitValue()).isZero();
        within(
                Duration.ofSeconds(5),
                "app" + killed + " is gone",
                () -> ProcessHandle.of(pids.get(killed))
                        .map(ProcessHandle::isAlive)
                        .orElse(false)
                        .equals(false));

        for (String s : STREAMS) {
            if (!heldByKilled.get(s)) {
                continue;
            }
            StreamingBinance.StreamCount n = binance.count(streamName(s));
            within(
                    Duration.ofSeconds(10),
                    "another instance opens the " + s + " upstream",
                    () -> n.opened.get() == openedBefore.get(s) + 1);
            long takeoverMillis = (n.openedAtNanos.get(n.openedAtNanos.size() - 1) - killedAtNanos) / 1_000_000;
            System.out.printf("takeover of %s after kill -9: %d ms%n", s, takeoverMillis);
            assertThat(takeoverMillis).as("takeover of " + s).isLessThan(10_000);
            assertThat(holder(s)).as("the lease of " + s).isNotEqualTo("app" + killed);
        }

        // well past the gap: every survivor saw 8 more closed candles than the last one before the kill
        List<Client> survivors = survivors();
        within(
                Duration.ofSeconds(30),
                "surviving clients receive candles after the takeover",
                () -> survivors.stream().allMatch(c -> c.lastClosed() >= lastClosedBeforeKill + 8 * MIN));
        for (String s : STREAMS) {
            StreamingBinance.StreamCount n = binance.count(streamName(s));
            assertThat(n.maxOpen.get())
                    .as("most Binance subscriptions open at once for " + s + ": " + n)
                    .isEqualTo(1);
            assertThat(n.opened.get())
                    .as("Binance subscriptions of " + s)
                    .isEqualTo(openedBefore.get(s) + (heldByKilled.get(s) ? 1 : 0));
            List<Client> alive =
                    survivors.stream().filter(c -> c.symbol.equals(s)).toList();
            assertThat(alive).hasSize((INSTANCES - 1) * CLIENTS_PER_STREAM);
            assertSameClosedCandlesInOrder(s, alive, 8);
            for (Client c : alive) {
                assertThat(c.times())
                        .as(c + ": every minute around the kill")
                        .containsSequence(minutes(lastClosedBeforeKill - 2 * MIN, lastClosedBeforeKill + 8 * MIN));
            }
            // the candles that closed while no instance held the upstream reached the clients from REST
            if (heldByKilled.get(s)) {
                List<Long> fromRest = alive.get(0).times().stream()
                        .filter(t -> t > lastClosedBeforeKill && !n.sentClosed.contains(t))
                        .toList();
                System.out.printf("%s: %d closed candle(s) of the gap filled from REST%n", s, fromRest.size());
                assertThat(fromRest)
                        .as(s + ": closed candles no stream sent (the gap)")
                        .isNotEmpty();
            }
        }
    }

    @Test
    @Order(3)
    void klinesHoldsEveryClosedCandleOfThePeriodOnceWithTheValuesTheClientsSaw() throws Exception {
        assertThat(killed).as("the kill step ran").isPositive();
        for (String s : STREAMS) {
            List<Client> alive =
                    survivors().stream().filter(c -> c.symbol.equals(s)).toList();
            Map<Long, String> seen = new java.util.TreeMap<>();
            alive.forEach(c -> c.closed.forEach(x -> seen.put(x.openTime(), x.values())));
            long from = ((java.util.TreeMap<Long, String>) seen).firstKey();
            long to = ((java.util.TreeMap<Long, String>) seen).lastKey();
            List<Long> expected = minutes(from, to);
            within(
                    Duration.ofSeconds(30),
                    s + " klines complete from " + Instant.ofEpochMilli(from) + " to " + Instant.ofEpochMilli(to),
                    () -> storedClosed(s, from, to).keySet().containsAll(expected));
            Map<Long, String> stored = storedClosed(s, from, to);
            assertThat(List.copyOf(stored.keySet())).as(s + ": no hole").isEqualTo(expected);
            for (Map.Entry<Long, String> e : seen.entrySet()) {
                assertThat(stored.get(e.getKey()))
                        .as(s + " " + Instant.ofEpochMilli(e.getKey()) + " stored as the clients saw it")
                        .isEqualTo(e.getValue());
            }
            assertThat(duplicates(s)).as(s + ": duplicate rows").isEmpty();
        }
    }

    /** Closed rows of a series in [from, to] by open time, values as the clients format them. */
    Map<Long, String> storedClosed(String symbol, long from, long to) throws Exception {
        Map<Long, String> out = new java.util.TreeMap<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT open_time, open, high, low, close, volume FROM klines WHERE source = 'binance'"
                                + " AND symbol = ? AND timeframe = '1m' AND closed AND open_time BETWEEN ? AND ?"
                                + " ORDER BY open_time")) {
            ps.setString(1, symbol);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> v = new ArrayList<>();
                    for (int i = 2; i <= 6; i++) {
                        v.add(rs.getBigDecimal(i).stripTrailingZeros().toPlainString());
                    }
                    out.put(rs.getLong(1), String.join(" ", v));
                }
            }
        }
        return out;
    }

    /** Open times stored more than once for a series, whatever their source. */
    List<Long> duplicates(String symbol) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT open_time FROM klines WHERE symbol = ?"
                        + " AND timeframe = '1m' GROUP BY open_time HAVING COUNT(*) > 1")) {
            ps.setString(1, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /**
     * Each client's closed candles are consecutive minutes, none twice; all clients agree (times and values)
     * on the minutes they all saw, at least {@code atLeast} of them.
     */
    static void assertSameClosedCandlesInOrder(String symbol, List<Client> of, int atLeast) {
        for (Client c : of) {
            List<Long> t = c.times();
            assertThat(t)
                    .as(c + ": consecutive minutes, no repeat, no hole")
                    .isEqualTo(minutes(t.get(0), t.get(t.size() - 1)));
        }
        long from = of.stream().mapToLong(c -> c.closed.get(0).openTime()).max().orElseThrow();
        long to = of.stream().mapToLong(Client::lastClosed).min().orElseThrow();
        assertThat((to - from) / MIN + 1)
                .as(symbol + ": minutes every client saw")
                .isGreaterThanOrEqualTo(atLeast);
        List<Closed> reference = window(of.get(0), from, to);
        for (Client c : of) {
            assertThat(window(c, from, to)).as(c + " against " + of.get(0)).isEqualTo(reference);
        }
    }

    static List<Closed> window(Client c, long from, long to) {
        return c.closed.stream()
                .filter(x -> x.openTime() >= from && x.openTime() <= to)
                .toList();
    }

    static List<Long> minutes(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long t = from; t <= to; t += MIN) {
            out.add(t);
        }
        return out;
    }

    List<Client> clientsOf(String symbol) {
        return clients.stream().filter(c -> c.symbol.equals(symbol)).toList();
    }

    List<Client> survivors() {
        return clients.stream().filter(c -> c.instance != killed).toList();
    }

    String holder(String symbol) {
        return String.valueOf(redisConnection.sync().get(prefix + leaseKey(symbol)));
    }

    /** Waits for {@code condition}; on time-out fails naming it, with the tail of every process's log. */
    void within(Duration atMost, String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not within " + atMost + ": " + what + logs(), e);
        }
    }

    /** The tail of every log of the run, for failure messages. */
    String logs() {
        if (dir == null) {
            return "";
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log"))
                    .sorted()
                    .map(p -> {
                        try {
                            List<String> lines = Files.readAllLines(p);
                            return "\n--- " + p.getFileName() + "\n"
                                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
                        } catch (IOException e) {
                            return "\n--- " + p.getFileName() + ": " + e;
                        }
                    })
                    .collect(Collectors.joining());
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The first of {@code n} consecutive loopback ports that are free now. */
    static int freePortRun(int n) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(30_000);
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no run of " + n + " free ports");
    }
}
