package io.cryptogo.collect;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The collector against the loopback Binance server, into PostgreSQL: paging, a 502, and the wire values. */
class CollectorBinanceEndToEndTest {
    @Test
    void collectsFromTheLoopbackBinanceIntoPostgresWithoutGapsOrDuplicates() throws Exception {
        long now = Instant.parse("2025-06-01T12:34:56Z").toEpochMilli();
        Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        try (FakeBinanceServer binance = FakeBinanceServer.start(clock);
                TestDatabases.Handle pg = TestDatabases.postgres("CollectorBinanceEndToEndTest");
                BinanceMarketData market = BinanceMarketData.builder()
                        .baseUrl(binance.baseUrl())
                        .clock(clock)
                        .retryBackoff(Duration.ofMillis(10))
                        .maxWait(Duration.ofSeconds(3))
                        .build()) {
            // a 502 on the first page: the adapter's retry or the collector's absorbs it (a 429 would need a
            // clock that moves, this one is fixed)
            binance.enqueue("/api/v3/klines", FakeBinanceServer.Fault.serverError(502));
            JdbcCandleStore store = new JdbcCandleStore(pg.database(), io.cryptogo.market.SourceInfo.Kind.BINANCE);
            CollectorSettings settings = CollectorSettings.builder()
                    .series(new Series(BTC, Interval.M15), new Series(BTC, Interval.H1))
                    .historyBars(2500)
                    .stream(false)
                    .build();
            try (Collector c = Collector.builder(market, pg.database())
                    .settings(settings)
                    .clock(clock)
                    .retryBackoff(Duration.ofMillis(10))
                    .build()) {
                c.syncAll();
                assertThat(c.writer().flush(Duration.ofSeconds(30))).isTrue();
                c.syncAll(); // nothing left to fetch but the tip
                assertThat(c.writer().flush(Duration.ofSeconds(30))).isTrue();
            }
            for (Interval iv : List.of(Interval.M15, Interval.H1)) {
                long current = iv.alignMillis(now);
                Instant from = Instant.ofEpochMilli(current - 2500 * iv.millis());
                assertThat(store.gaps(BTC, iv, from, Instant.ofEpochMilli(current - iv.millis())))
                        .isEmpty();
                assertThat(store.count(BTC, iv)).isEqualTo(2501);
                // what is stored is what the exchange serves, value for value
                List<Candle> wire = market.klines(KlineQuery.range(
                        BTC,
                        iv,
                        Instant.ofEpochMilli(current - 50 * iv.millis()),
                        Instant.ofEpochMilli(current - iv.millis())));
                List<Candle> stored = store.range(
                        BTC,
                        iv,
                        Instant.ofEpochMilli(current - 50 * iv.millis()),
                        Instant.ofEpochMilli(current - iv.millis()));
                assertThat(stored).hasSize(50);
                for (int i = 0; i < 50; i++) {
                    assertThat(stored.get(i).close())
                            .isEqualByComparingTo(wire.get(i).close());
                    assertThat(stored.get(i).volume())
                            .isEqualByComparingTo(wire.get(i).volume());
                    assertThat(stored.get(i).trades()).isEqualTo(wire.get(i).trades());
                }
            }
            assertThat(binance.requests("/api/v3/klines").size()).isGreaterThanOrEqualTo(6);
        }
    }
}
