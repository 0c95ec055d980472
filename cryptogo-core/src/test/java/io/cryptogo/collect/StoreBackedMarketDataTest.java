package io.cryptogo.collect;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.market.KlineQuery;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreBackedMarketDataTest {
    static final long NOW = 1_700_000_000_000L / 86_400_000 * 86_400_000 + 30_000;
    static final long H = Interval.H1.millis();
    static final long CURRENT = Interval.H1.alignMillis(NOW);

    TestDatabases.Handle h2;
    CandleStore store;
    FakeMarket exchange;
    StoreBackedMarketData market;

    @BeforeEach
    void open() {
        h2 = TestDatabases.h2("StoreBackedMarketDataTest");
        store = new JdbcCandleStore(h2.database(), io.cryptogo.market.SourceInfo.Kind.SIMULATED);
        exchange = new FakeMarket(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        market = new StoreBackedMarketData(exchange, store);
    }

    @AfterEach
    void close() throws Exception {
        h2.close();
    }

    static Instant at(long t) {
        return Instant.ofEpochMilli(t);
    }

    @Test
    void aRangeTheStoreCoversIsServedWithoutAskingTheExchange() {
        store.upsertAll(FakeMarket.series(BTC, Interval.H1, CURRENT - 200 * H, 200));
        List<Candle> got =
                market.klines(KlineQuery.range(BTC, Interval.H1, at(CURRENT - 150 * H), at(CURRENT - 51 * H)));
        assertThat(got).hasSize(100);
        assertThat(got.get(0).openTime()).isEqualTo(at(CURRENT - 150 * H));
        assertThat(exchange.klinesCalls()).isZero();
        assertThat(market.storeHits()).isEqualTo(1);
        // start + limit and end + limit too
        assertThat(market.klines(
                        new KlineQuery(BTC, Interval.H1, Optional.of(at(CURRENT - 150 * H + 1)), Optional.empty(), 10)))
                .extracting(Candle::openTime)
                .first()
                .isEqualTo(at(CURRENT - 149 * H));
        assertThat(market.klines(
                        new KlineQuery(BTC, Interval.H1, Optional.empty(), Optional.of(at(CURRENT - 10 * H)), 10)))
                .hasSize(10)
                .last()
                .extracting(Candle::openTime)
                .isEqualTo(at(CURRENT - 10 * H));
        assertThat(exchange.klinesCalls()).isZero();
    }

    @Test
    void aRangeWithAGapIsFetchedFromTheExchangeAndStored() {
        store.upsertAll(FakeMarket.series(BTC, Interval.H1, CURRENT - 200 * H, 200));
        store.delete(BTC, Interval.H1, at(CURRENT - 120 * H), at(CURRENT - 120 * H));
        List<Candle> got =
                market.klines(KlineQuery.range(BTC, Interval.H1, at(CURRENT - 150 * H), at(CURRENT - 51 * H)));
        assertThat(got).hasSize(100);
        assertThat(exchange.klinesCalls()).isEqualTo(1);
        assertThat(store.gaps(BTC, Interval.H1, at(CURRENT - 200 * H), at(CURRENT - H)))
                .isEmpty();
        // now the store covers it
        market.klines(KlineQuery.range(BTC, Interval.H1, at(CURRENT - 150 * H), at(CURRENT - 51 * H)));
        assertThat(exchange.klinesCalls()).isEqualTo(1);
    }

    @Test
    void latestTakesOnlyTheTipFromTheExchangeWhenTheStoreHasTheRest() {
        store.upsertAll(FakeMarket.series(BTC, Interval.H1, CURRENT - 200 * H, 199)); // up to CURRENT - 2h
        List<Candle> got = market.klines(BTC, Interval.H1, 100);
        assertThat(got).hasSize(100);
        assertThat(got.get(99).openTime()).isEqualTo(at(CURRENT));
        assertThat(got.get(99).closed()).isFalse();
        assertThat(got.get(0).openTime()).isEqualTo(at(CURRENT - 99 * H));
        assertThat(exchange.klinesCalls()).isEqualTo(1);
        assertThat(got)
                .isEqualTo(exchange.klines(BTC, Interval.H1, 100).stream()
                        .map(c -> got.get(
                                got.size() - 1 - (int) ((CURRENT - c.openTime().toEpochMilli()) / H)))
                        .toList());
    }

    @Test
    void latestFallsBackToTheExchangeWhenTheStoreIsShort() {
        List<Candle> got = market.klines(BTC, Interval.H1, 50);
        assertThat(got).hasSize(50);
        assertThat(exchange.klinesCalls()).isEqualTo(2);
        assertThat(store.count(BTC, Interval.H1)).isEqualTo(50);
        market.klines(BTC, Interval.H1, 50);
        assertThat(exchange.klinesCalls()).isEqualTo(3); // the tip only
    }

    @Test
    void anUnreachableStoreIsBypassed() {
        try (Database down = Database.builder()
                .url("jdbc:postgresql://127.0.0.1:1/test?user=postgres&connectTimeout=1")
                .migrate(false)
                .poolSize(1)
                .connectionTimeout(Duration.ofMillis(250))
                .build()) {
            StoreBackedMarketData m = new StoreBackedMarketData(
                    exchange, new JdbcCandleStore(down, io.cryptogo.market.SourceInfo.Kind.SIMULATED));
            assertThat(m.klines(KlineQuery.range(BTC, Interval.H1, at(CURRENT - 10 * H), at(CURRENT - H))))
                    .hasSize(10);
            assertThat(m.exchangeFetches()).isEqualTo(1);
        }
    }

    @Test
    void everythingElseGoesToTheExchange() {
        assertThat(market.ticker(BTC)).isEqualTo(exchange.ticker(BTC));
        assertThat(market.symbols()).isEqualTo(exchange.symbols());
        assertThat(market.source()).isEqualTo(exchange.source());
        market.stream(BTC, Interval.M1, c -> {});
        assertThat(exchange.streamsOpen()).isEqualTo(1);
    }
}
