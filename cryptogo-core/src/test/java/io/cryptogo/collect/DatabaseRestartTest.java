package io.cryptogo.collect;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.market.KlineQuery;
import io.cryptogo.model.Interval;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.CandleWriter;
import io.cryptogo.store.StoreUnavailableException;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL "restarting" under a running collector: a TCP proxy between the pool and the server drops
 * every connection and refuses new ones for a while, then comes back. Only this test's connections are
 * affected; the shared server keeps running.
 */
class DatabaseRestartTest {
    static final long NOW = 1_700_000_000_000L / 86_400_000 * 86_400_000 + 30_000;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    @Test
    void aRestartMidCollectionLosesNothingReadsFailFastAndTheMarketKeepsServing() throws Exception {
        String schema = TestDatabases.schemaName("DatabaseRestartTest");
        // the pool reaches the server only through the proxy
        java.net.URI pg = java.net.URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(pg.getPort() > 0 ? pg.getPort() : 5432)) {
            try (Database db = Database.builder()
                    .url("jdbc:postgresql://127.0.0.1:" + proxy.port() + pg.getRawPath() + "?"
                            + (pg.getRawQuery() == null ? "" : pg.getRawQuery() + "&") + "connectTimeout=2")
                    .schema(schema)
                    .poolSize(3)
                    .connectionTimeout(Duration.ofMillis(500))
                    .build()) {
                CandleStore store = new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
                FakeMarket exchange = new FakeMarket(CLOCK);
                StoreBackedMarketData served = new StoreBackedMarketData(exchange, store);
                CompletableFuture<Void> outage = new CompletableFuture<>();
                java.util.concurrent.atomic.AtomicReference<CandleWriter> writing =
                        new java.util.concurrent.atomic.AtomicReference<>();
                exchange.beforeKlines(n -> {
                    if (n == 3) {
                        proxy.down();
                        // while the server is away: reads fail fast, the market answers from the exchange
                        try {
                            long t = System.nanoTime();
                            assertThatThrownBy(() -> store.count(BTC, Interval.M1))
                                    .isInstanceOf(StoreUnavailableException.class);
                            // bounded by the 500 ms pool timeout, not the 10-30 s defaults; loose for loaded CI
                            // machines
                            assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(8));
                            long current = Interval.H1.alignMillis(NOW);
                            assertThat(served.klines(KlineQuery.range(
                                            BTC,
                                            Interval.H1,
                                            Instant.ofEpochMilli(current - 10 * 3_600_000L),
                                            Instant.ofEpochMilli(current - 3_600_000L))))
                                    .hasSize(10);
                            outage.complete(null);
                        } catch (Throwable e) {
                            outage.completeExceptionally(e);
                        }
                        // the server stays away for 1.5 s and, however slow the machine, until a write has
                        // failed on the outage (at most 30 s: then the failure assertion below tells)
                        Thread.ofPlatform().daemon().start(() -> {
                            try {
                                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                                Thread.sleep(1500);
                                while (writing.get().failures() == 0 && System.nanoTime() < deadline) {
                                    Thread.sleep(20);
                                }
                                proxy.up();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                });
                CandleWriter writer = CandleWriter.builder(store)
                        .batchSize(500)
                        .backoff(Duration.ofMillis(50), Duration.ofMillis(400))
                        .build();
                writing.set(writer);
                try (Collector c = Collector.builder(exchange, store)
                        .settings(
                                CollectorSettings.builder()
                                        .series(new Series(BTC, Interval.M1))
                                        .historyBars(6000)
                                        .pageSize(1000)
                                        .stream(false)
                                        .build())
                        .clock(CLOCK)
                        .writer(writer)
                        .build()) {
                    c.syncAll();
                    assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();
                    assertThat(writer.failures())
                            .as("writes failed during the outage")
                            .isPositive();
                }
                outage.get(30, TimeUnit.SECONDS);
                long current = Interval.M1.alignMillis(NOW);
                assertThat(store.gaps(
                                BTC,
                                Interval.M1,
                                Instant.ofEpochMilli(current - 6000 * 60_000L),
                                Instant.ofEpochMilli(current - 60_000)))
                        .isEmpty();
                assertThat(store.count(BTC, Interval.M1)).isEqualTo(6001);
            } finally {
                try (var c = java.sql.DriverManager.getConnection(TestDatabases.PG_URL);
                        var st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }
}
