package io.cryptogo.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.model.Interval;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.CandleWriter;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two collectors on one PostgreSQL split two series; when one stops the other collects both, complete. */
@Timeout(90)
class CollectorShardingTest {
    static final long NOW = Instant.parse("2026-11-30T08:30:30Z").toEpochMilli();
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    static final List<Series> SERIES =
            List.of(new Series(FakeMarket.BTC, Interval.H1), new Series(FakeMarket.BTC, Interval.M5));

    static Collector collector(FakeMarket market, Database db) {
        CollectorSettings s = CollectorSettings.builder().series(SERIES).historyBars(60).pageSize(500).stream(false)
                .leaderCheck(Duration.ofMillis(100))
                .build();
        return Collector.builder(market, db)
                .settings(s)
                .clock(CLOCK)
                .retryBackoff(Duration.ofMillis(5))
                .writer(CandleWriter.builder(
                                new JdbcCandleStore(db, market.source().kind()))
                        .batchSize(250)
                        .build())
                .build();
    }

    static void waitFor(BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    @Test
    void twoInstancesSplitTheSeriesAndTheSurvivorCollectsBothWithoutHolesOrDuplicates() throws Exception {
        try (TestDatabases.Handle pg = TestDatabases.postgres("collector-sharding");
                Database dbB = Database.builder()
                        .url(TestDatabases.PG_URL)
                        .schema(pg.database().schema())
                        .poolSize(3)
                        .build()) {
            Database dbA = pg.database();
            Collector a = collector(new FakeMarket(CLOCK), dbA).start();
            waitFor(() -> a.owned().size() == 2, "the first instance owns both series");
            try (Collector b = collector(new FakeMarket(CLOCK), dbB).start()) {
                waitFor(() -> a.owned().size() == 1 && b.owned().size() == 1, "the two instances split the series");
                Set<Series> union = new HashSet<>(a.owned());
                union.addAll(b.owned());
                assertThat(union).containsExactlyInAnyOrderElementsOf(SERIES);

                a.close();
                waitFor(() -> b.owned().size() == 2, "the survivor takes the other series");
                CandleStore store = new JdbcCandleStore(dbA, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
                for (Series s : SERIES) {
                    long step = s.interval().millis();
                    long lastClosed = s.interval().alignMillis(NOW) - step;
                    Instant from = Instant.ofEpochMilli(lastClosed - 59 * step);
                    Instant to = Instant.ofEpochMilli(lastClosed);
                    waitFor(
                            () -> store.gaps(s.symbol(), s.interval(), from, to).isEmpty(),
                            s + " complete in the store");
                    assertThat(store.count(s.symbol(), s.interval(), from, to))
                            .as(s + ": one row per bucket, no duplicate")
                            .isEqualTo(60);
                }
            }
        }
    }
}
