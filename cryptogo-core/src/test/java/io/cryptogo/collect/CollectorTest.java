package io.cryptogo.collect;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.CandleWriter;
import io.cryptogo.store.Gap;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcAccountStore;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.store.jdbc.JdbcSymbolStore;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CollectorTest {
    /** "Now" for the fake exchange and the collector: 30 s into a minute. */
    static final long NOW = 1_700_000_000_000L / 86_400_000 * 86_400_000 + 30_000;

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    static TestDatabases.Handle pg;
    static TestDatabases.Handle h2;

    @BeforeAll
    static void open() {
        pg = TestDatabases.postgres("CollectorTest");
        h2 = TestDatabases.h2("CollectorTest");
    }

    @AfterAll
    static void close() throws Exception {
        pg.close();
        h2.close();
    }

    @BeforeEach
    void clean() throws Exception {
        for (Database db : new Database[] {pg.database(), h2.database()}) {
            try (Connection c = db.connection();
                    Statement st = c.createStatement()) {
                st.execute("DELETE FROM klines");
            }
        }
    }

    static Stream<String> kinds() {
        return Stream.of("postgresql", "h2");
    }

    static Database db(String kind) {
        return kind.equals("h2") ? h2.database() : pg.database();
    }

    static CollectorSettings.Builder settings(int historyBars, Interval... intervals) {
        List<Series> s = new ArrayList<>();
        for (Interval i : intervals) {
            s.add(new Series(BTC, i));
        }
        return CollectorSettings.builder().series(s).historyBars(historyBars).pageSize(500).stream(false)
                .leaderCheck(Duration.ofMillis(100));
    }

    static Collector.Builder collector(FakeMarket market, Database db, CollectorSettings s) {
        return Collector.builder(market, db)
                .settings(s)
                .clock(CLOCK)
                .retryBackoff(Duration.ofMillis(5))
                .writer(CandleWriter.builder(new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED))
                        .batchSize(250)
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(200))
                        .build());
    }

    /** The store holds every bucket of the history window closed, plus the open candle, and nothing else. */
    static void assertComplete(CandleStore store, Interval iv, int historyBars) {
        long step = iv.millis();
        long current = iv.alignMillis(NOW);
        Instant from = Instant.ofEpochMilli(current - historyBars * step);
        Instant lastClosed = Instant.ofEpochMilli(current - step);
        assertThat(store.gaps(BTC, iv, from, lastClosed)).as("gaps in %s", iv).isEmpty();
        assertThat(store.count(BTC, iv, from, Instant.ofEpochMilli(current)))
                .as("rows in %s", iv)
                .isEqualTo(historyBars + 1L);
        assertThat(store.latest(BTC, iv).orElseThrow().closed()).isFalse();
        assertThat(store.latest(BTC, iv).orElseThrow().openTime()).isEqualTo(Instant.ofEpochMilli(current));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void backfillsTheHistoryDepthForEverySeriesFromEmpty(String kind) {
        FakeMarket market = new FakeMarket(CLOCK);
        CandleStore store = new JdbcCandleStore(db(kind), io.cryptogo.market.SourceInfo.Kind.SIMULATED);
        try (Collector c = collector(
                        market, db(kind), settings(1200, Interval.values()).build())
                .build()) {
            Map<Series, Long> fetched = c.syncAll();
            assertThat(c.writer().flush(Duration.ofSeconds(30))).isTrue();
            assertThat(fetched).hasSize(6);
            for (Interval iv : Interval.values()) {
                assertComplete(store, iv, 1200);
            }
            // a second cycle finds nothing missing: only the tip is fetched again
            int before = market.klinesCalls();
            c.syncAll();
            assertThat(market.klinesCalls() - before).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void resumesAfterAnInterruptedBackfillWithoutDuplicatesOrGaps(String kind) {
        Database db = db(kind);
        CandleStore store = new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
        FakeMarket market = new FakeMarket(CLOCK);
        // the first collector dies on its 4th request, after three pages of 500
        market.beforeKlines(n -> {
            if (n == 4) {
                throw new IllegalStateException("kill -9");
            }
        });
        Collector first =
                collector(market, db, settings(3000, Interval.M1).build()).build();
        try {
            first.syncAll();
        } catch (IllegalStateException expected) {
            // the process is gone
        }
        assertThat(first.writer().flush(Duration.ofSeconds(30))).isTrue();
        assertThat(store.count(BTC, Interval.M1)).isEqualTo(1500);
        first.close();

        AtomicInteger calls = new AtomicInteger();
        FakeMarket again = new FakeMarket(CLOCK).beforeKlines(n -> calls.incrementAndGet());
        try (Collector second =
                collector(again, db, settings(3000, Interval.M1).build()).build()) {
            assertThat(second.syncAll().get(new Series(BTC, Interval.M1))).isEqualTo(1500 + 2);
            assertThat(second.writer().flush(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(calls.get()).as("three pages and the tip").isEqualTo(4);
        assertComplete(store, Interval.M1, 3000);
        assertThat(store.count(BTC, Interval.M1)).isEqualTo(3001);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void fillsEveryGapItFindsAndLeavesOnlyTheExchangesOwnHoles(String kind) {
        Database db = db(kind);
        CandleStore store = new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
        long step = Interval.M5.millis();
        long current = Interval.M5.alignMillis(NOW);
        long hole = current - 100 * step;
        FakeMarket market = new FakeMarket(CLOCK).hole(hole);
        try (Collector c =
                collector(market, db, settings(1000, Interval.M5).build()).build()) {
            c.syncAll();
            c.writer().flush(Duration.ofSeconds(30));
            store.delete(
                    BTC,
                    Interval.M5,
                    Instant.ofEpochMilli(current - 700 * step),
                    Instant.ofEpochMilli(current - 650 * step));
            store.delete(
                    BTC,
                    Interval.M5,
                    Instant.ofEpochMilli(current - 20 * step),
                    Instant.ofEpochMilli(current - 20 * step));
            assertThat(store.gaps(
                            BTC,
                            Interval.M5,
                            Instant.ofEpochMilli(current - 1000 * step),
                            Instant.ofEpochMilli(current - step)))
                    .hasSize(3);
            c.syncAll();
            c.writer().flush(Duration.ofSeconds(30));
        }
        assertThat(store.gaps(
                        BTC,
                        Interval.M5,
                        Instant.ofEpochMilli(current - 1000 * step),
                        Instant.ofEpochMilli(current - step)))
                .containsExactly(new Gap(Instant.ofEpochMilli(hole), Instant.ofEpochMilli(hole)));
        assertThat(store.count(BTC, Interval.M5)).isEqualTo(1000);
    }

    @Test
    void resumesFromTheLastStoredCandleEvenWhenItIsOlderThanTheHistoryDepth() {
        Database db = db("h2");
        CandleStore store = new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
        long step = Interval.H1.millis();
        long current = Interval.H1.alignMillis(NOW);
        store.upsertAll(FakeMarket.series(BTC, Interval.H1, current - 300 * step, 10));
        try (Collector c = collector(
                        new FakeMarket(CLOCK), db, settings(100, Interval.H1).build())
                .build()) {
            c.syncAll();
            c.writer().flush(Duration.ofSeconds(30));
        }
        assertThat(store.gaps(
                        BTC,
                        Interval.H1,
                        Instant.ofEpochMilli(current - 300 * step),
                        Instant.ofEpochMilli(current - step)))
                .isEmpty();
        assertThat(store.count(BTC, Interval.H1)).isEqualTo(301);
    }

    @Test
    void waitsOutRateLimitsAndRetriesExchangeTrouble() {
        Database db = db("h2");
        FakeMarket market = new FakeMarket(CLOCK).beforeKlines(n -> {
            if (n == 2) {
                throw new RateLimitedException("429", Duration.ofMillis(20), false);
            }
            if (n == 3 || n == 4) {
                throw new ExchangeUnavailableException("502 from the exchange");
            }
        });
        try (Collector c =
                collector(market, db, settings(1500, Interval.M1).build()).build()) {
            c.syncAll();
            c.writer().flush(Duration.ofSeconds(30));
        }
        assertComplete(new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED), Interval.M1, 1500);
    }

    @Test
    void aSeriesTheExchangeKeepsFailingIsSkippedUntilTheNextCycle() {
        Database db = db("h2");
        AtomicInteger failing = new AtomicInteger(1);
        FakeMarket market = new FakeMarket(CLOCK).beforeKlines(n -> {
            if (failing.get() == 1) {
                throw new ExchangeUnavailableException("exchange down");
            }
        });
        try (Collector c = collector(
                        market, db, settings(100, Interval.H1, Interval.H4).build())
                .build()) {
            assertThat(c.syncAll()).isEmpty();
            failing.set(0);
            assertThat(c.syncAll()).hasSize(2);
            c.writer().flush(Duration.ofSeconds(30));
        }
        assertComplete(new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED), Interval.H1, 100);
    }

    @Test
    void reportsProgressForLongBackfills() {
        Database db = db("h2");
        List<BackfillProgress> seen = new ArrayList<>();
        try (Collector c = collector(
                        new FakeMarket(CLOCK), db, settings(2200, Interval.M1).build())
                .progress(seen::add)
                .progressLogEvery(Duration.ZERO)
                .build()) {
            c.syncAll();
        }
        assertThat(seen).hasSize(5);
        assertThat(seen).extracting(BackfillProgress::done).isSorted().last().isEqualTo(2200L);
        assertThat(seen.get(seen.size() - 1).fraction()).isEqualTo(1.0);
        assertThat(seen.get(0).total()).isEqualTo(2200);
        assertThat(seen.get(0).barsPerSecond()).isPositive();
    }

    @Test
    void writesTheLiveStreamsClosedCandlesWhileLeading() throws Exception {
        Database db = db("h2");
        CandleStore store = new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
        FakeMarket market = new FakeMarket(CLOCK);
        long next = Interval.M1.alignMillis(NOW) + 60_000;
        try (Collector c = collector(
                        market, db, settings(10, Interval.M1).stream(true).build())
                .build()
                .start()) {
            waitFor(() -> market.streamsOpen() == 1, "stream opened");
            market.emit(FakeMarket.candle(BTC, Interval.M1, next, false));
            market.emit(FakeMarket.candle(BTC, Interval.M1, next, true));
            market.emit(FakeMarket.candle(BTC, Interval.M1, next + 60_000, false));
            waitFor(
                    () -> store.latestClosed(BTC, Interval.M1)
                            .map(k -> k.openTime().toEpochMilli() == next)
                            .orElse(false),
                    "closed stream candle stored");
        }
        assertThat(market.streamsOpen()).isZero();
        assertThat(store.range(BTC, Interval.M1, Instant.ofEpochMilli(next), Instant.ofEpochMilli(next + 600_000)))
                .extracting(Candle::closed)
                .containsExactly(true);
    }

    @Test
    void syncsTheAccountsBalancesOnSchedule() throws Exception {
        Database db = db("h2");
        JdbcAccountStore accounts = new JdbcAccountStore(db);
        AtomicInteger reads = new AtomicInteger();
        BalanceSource paper = BalanceSource.of("paper", "paper", () -> {
            reads.incrementAndGet();
            return List.of(new Balance("USDT", new BigDecimal("10000"), BigDecimal.ZERO));
        });
        try (Collector c = collector(
                        new FakeMarket(CLOCK),
                        db,
                        settings(5, Interval.D1)
                                .accountSyncPeriod(Duration.ofMillis(50))
                                .build())
                .balances(paper)
                .build()
                .start()) {
            waitFor(() -> reads.get() >= 3, "three account syncs");
        }
        assertThat(accounts.balances("paper")).extracting(Balance::asset).containsExactly("USDT");
        assertThat(new JdbcSymbolStore(db).find(BTC)).isPresent();
    }

    @Test
    void survivesPostgresDroppingItsConnectionsMidCollectionWithNoCandleLost() throws Exception {
        Database db = pg.database();
        CandleStore store = new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
        AtomicInteger terminated = new AtomicInteger();
        FakeMarket market = new FakeMarket(CLOCK).beforeKlines(n -> {
            if (n == 3 || n == 6 || n == 9) {
                terminated.addAndGet(terminateBackends(db.schema()));
            }
        });
        try (Collector c =
                collector(market, db, settings(6000, Interval.M1).build()).build()) {
            c.syncAll();
            assertThat(c.writer().flush(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(terminated.get())
                .as("connections dropped under the collector")
                .isPositive();
        assertComplete(store, Interval.M1, 6000);
        // and the pool serves reads again afterwards
        assertThat(store.count(BTC, Interval.M1)).isEqualTo(6001);
    }

    @Test
    void onlyOneOfTwoInstancesCollectsAndTheSecondTakesOverWhenTheFirstStops() throws Exception {
        Database dbA = pg.database();
        try (Database dbB = Database.builder()
                .url(TestDatabases.PG_URL)
                .schema(dbA.schema())
                .poolSize(3)
                .build()) {
            FakeMarket marketA = new FakeMarket(CLOCK);
            FakeMarket marketB = new FakeMarket(CLOCK);
            CollectorSettings s = settings(50, Interval.H1).stream(true).build();
            Collector a = collector(marketA, dbA, s).build().start();
            waitFor(a::isLeader, "first instance leads");
            try (Collector b = collector(marketB, dbB, s).build().start()) {
                waitFor(() -> marketA.klinesCalls() > 0, "first instance collects");
                Thread.sleep(400); // several leadership checks of the second instance
                assertThat(b.isLeader()).isFalse();
                assertThat(marketB.klinesCalls()).isZero();
                assertThat(marketB.streamsOpen()).isZero();
                waitFor(() -> marketA.streamsOpen() == 1, "first instance streams");

                a.close();
                waitFor(b::isLeader, "second instance takes over");
                waitFor(() -> marketB.klinesCalls() > 0, "second instance collects");
                waitFor(() -> marketB.streamsOpen() == 1, "second instance streams");
                assertThat(a.isLeader()).isFalse();
            }
        }
    }

    @Test
    void aDisabledCollectorDoesNothing() throws Exception {
        FakeMarket market = new FakeMarket(CLOCK);
        try (Collector c = collector(
                        market,
                        h2.database(),
                        settings(10, Interval.H1).enabled(false).build())
                .build()
                .start()) {
            Thread.sleep(200);
            assertThat(c.isLeader()).isFalse();
        }
        assertThat(market.klinesCalls()).isZero();
    }

    /** Terminates every session of the pool(s) working in {@code schema}; returns how many. */
    static int terminateBackends(String schema) {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'cryptogo:" + schema + "' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            throw new CryptoGoException("terminating backends failed", e);
        }
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        // generous for loaded CI machines: returns as soon as the condition holds
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
