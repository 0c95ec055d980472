package io.cryptogo.collect;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.store.CandleWriter;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stored candles keep their source: an app that ran on the simulated market and then on Binance, on one
 * database, reads back only Binance's candles, exactly as Binance served them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CandleSourceTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:34:56Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final int BARS = 500;

    static TestDatabases.Handle open(String kind) {
        return kind.equals("postgresql")
                ? TestDatabases.postgres("CandleSourceTest")
                : TestDatabases.h2("CandleSourceTest");
    }

    static CollectorSettings settings() {
        return CollectorSettings.builder().series(new Series(BTC, Interval.H1)).historyBars(BARS).stream(false)
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void simulatedFirstThenBinanceOnTheSameDatabaseReadsOnlyBinanceCandlesExactlyAsServed(String kind)
            throws Exception {
        try (TestDatabases.Handle h = open(kind)) {
            Database db = h.database();
            // 1. the app runs on the simulated market: the collector stores its history
            try (SimulatedMarket sim = SimulatedMarket.builder().clock(CLOCK).build();
                    Collector c = Collector.builder(sim, db)
                            .settings(settings())
                            .clock(CLOCK)
                            .build()) {
                c.syncAll();
                assertThat(c.writer().flush(Duration.ofSeconds(30))).isTrue();
            }
            JdbcCandleStore simStore = new JdbcCandleStore(db, SourceInfo.Kind.SIMULATED);
            assertThat(simStore.count(BTC, Interval.H1)).isGreaterThanOrEqualTo(BARS);

            // 2. later on Binance (loopback): the first read goes to the exchange, stores, and a collector runs
            try (FakeBinanceServer server = FakeBinanceServer.start(CLOCK);
                    BinanceMarketData binance = BinanceMarketData.builder()
                            .baseUrl(server.baseUrl())
                            .clock(CLOCK)
                            .build();
                    StoreBackedMarketData backed =
                            new StoreBackedMarketData(binance, new JdbcCandleStore(db, SourceInfo.Kind.BINANCE))) {
                List<Candle> wire = binance.klines(BTC, Interval.H1, BARS);
                assertThat(wire).hasSize(BARS);
                // the two markets really disagree, so a mix would show
                assertThat(simStore.range(
                                BTC,
                                Interval.H1,
                                wire.get(0).openTime(),
                                wire.get(BARS - 2).openTime()))
                        .first()
                        .satisfies(s -> assertThat(s.close())
                                .isNotEqualByComparingTo(wire.get(0).close()));

                List<Candle> first = backed.klines(BTC, Interval.H1, BARS);
                assertSameCandles(first, wire);

                try (Collector c = Collector.builder(binance, db)
                        .settings(settings())
                        .clock(CLOCK)
                        .build()) {
                    c.syncAll();
                    assertThat(c.writer().flush(Duration.ofSeconds(30))).isTrue();
                }
                long hitsBefore = backed.storeHits();
                List<Candle> again = backed.klines(BTC, Interval.H1, BARS);
                assertThat(backed.storeHits()).isEqualTo(hitsBefore + 1); // served by the store this time
                assertSameCandles(again, wire);
                assertThat(backed.source().kind()).isEqualTo(SourceInfo.Kind.BINANCE);
            }

            // 3. both histories are still there, side by side, each under its own source
            try (Connection c = db.connection();
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT source, COUNT(*) FROM klines GROUP BY source ORDER BY source")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("binance");
                assertThat(rs.getLong(2)).isGreaterThanOrEqualTo(BARS);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("simulated");
                assertThat(rs.getLong(2)).isGreaterThanOrEqualTo(BARS);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void aStoreOfAnotherSourceIsRefusedByTheCollectorAndTheStoreBackedMarket(String kind) throws Exception {
        try (TestDatabases.Handle h = open(kind);
                SimulatedMarket sim = SimulatedMarket.builder().clock(CLOCK).build()) {
            JdbcCandleStore binanceStore = new JdbcCandleStore(h.database(), SourceInfo.Kind.BINANCE);
            assertThatThrownBy(() -> new StoreBackedMarketData(sim, binanceStore))
                    .isInstanceOf(CryptoGoException.class)
                    .hasMessageContaining("keeps binance candles but the market is simulated");
            assertThatThrownBy(() -> Collector.builder(sim, binanceStore).build())
                    .isInstanceOf(CryptoGoException.class)
                    .hasMessageContaining("keeps binance candles");
            try (CandleWriter w = CandleWriter.builder(binanceStore).build()) {
                assertThatThrownBy(() -> Collector.builder(
                                        sim, new JdbcCandleStore(h.database(), SourceInfo.Kind.SIMULATED))
                                .writer(w)
                                .build())
                        .isInstanceOf(CryptoGoException.class)
                        .hasMessageContaining("candle writer");
            }
        }
    }

    static void assertSameCandles(List<Candle> actual, List<Candle> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Candle a = actual.get(i);
            Candle e = expected.get(i);
            assertThat(a.symbol()).isEqualTo(e.symbol());
            assertThat(a.interval()).isEqualTo(e.interval());
            assertThat(a.openTime()).isEqualTo(e.openTime());
            assertThat(a.closeTime()).isEqualTo(e.closeTime());
            assertThat(a.open()).isEqualByComparingTo(e.open());
            assertThat(a.high()).isEqualByComparingTo(e.high());
            assertThat(a.low()).isEqualByComparingTo(e.low());
            assertThat(a.close()).isEqualByComparingTo(e.close());
            assertThat(a.volume()).isEqualByComparingTo(e.volume());
            assertThat(a.quoteVolume()).isEqualByComparingTo(e.quoteVolume());
            assertThat(a.trades()).isEqualTo(e.trades());
            assertThat(a.closed()).isEqualTo(e.closed());
        }
    }
}
