package io.cryptogo.store.jdbc;

import static io.cryptogo.testing.FakeMarket.BTC;
import static io.cryptogo.testing.FakeMarket.candle;
import static io.cryptogo.testing.FakeMarket.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.Gap;
import io.cryptogo.store.StoreUnavailableException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcCandleStoreTest {
    static final long T0 = 1_700_000_000_000L / 86_400_000 * 86_400_000; // aligned to the day
    static final Symbol ETH = Symbol.parse("ETH/USDT");
    static StoreDatabases dbs;

    @BeforeAll
    static void open() {
        dbs = new StoreDatabases("JdbcCandleStoreTest");
    }

    @AfterAll
    static void close() throws Exception {
        dbs.close();
    }

    @BeforeEach
    void clean() throws Exception {
        dbs.clean();
    }

    static Stream<String> kinds() {
        return StoreDatabases.kinds();
    }

    CandleStore store(String kind) {
        return new JdbcCandleStore(dbs.get(kind), io.cryptogo.market.SourceInfo.Kind.SIMULATED);
    }

    /** BigDecimal-aware equality: same values, whatever the scale the database gives back. */
    static void assertSameCandles(List<Candle> actual, List<Candle> expected) {
        assertThat(actual)
                .usingRecursiveFieldByFieldElementComparator(
                        org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                                .withComparatorForType(Comparator.naturalOrder(), BigDecimal.class)
                                .build())
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void migrationsFromEmptyRecordTheVersionedHistory(String kind) throws Exception {
        Database db = dbs.get(kind);
        List<String> versions = new ArrayList<>();
        try (Connection c = db.connection();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT version FROM cryptogo_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        assertThat(versions).startsWith("1", "2", "3", "4", "5");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCandleWrittenTwiceIsOneRow(String kind) {
        CandleStore s = store(kind);
        Candle c = candle(BTC, Interval.H1, T0, true);
        s.upsert(c);
        s.upsert(c);
        s.upsertAll(List.of(c, c));
        assertThat(s.count(BTC, Interval.H1)).isEqualTo(1);
        assertSameCandles(s.range(BTC, Interval.H1, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0)), List.of(c));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theOpenCandleIsUpdatedInPlaceThenBecomesFinal(String kind) {
        CandleStore s = store(kind);
        Candle open1 = candle(BTC, Interval.H1, T0, false);
        Candle open2 = withClose(open1, "30500.00", false);
        Candle closed = withClose(open1, "30600.00", true);
        s.upsert(open1);
        s.upsert(open2);
        assertSameCandles(s.latest(BTC, Interval.H1, 5), List.of(open2));
        assertThat(s.latestClosed(BTC, Interval.H1)).isEmpty();
        s.upsert(closed);
        assertSameCandles(s.latest(BTC, Interval.H1, 5), List.of(closed));
        assertThat(s.latestClosed(BTC, Interval.H1)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aClosedRowIsNeverOverwrittenByAnOpenOne(String kind) {
        CandleStore s = store(kind);
        Candle closed = candle(BTC, Interval.H1, T0, true);
        Candle lateOpen = withClose(closed, "29999.99", false);
        s.upsert(closed);
        s.upsert(lateOpen);
        assertSameCandles(s.latest(BTC, Interval.H1, 1), List.of(closed));
        // in one bulk write too (the COPY path on PostgreSQL), and with the open one after the closed one
        List<Candle> many = series(BTC, Interval.H1, T0 + Interval.H1.millis(), 500);
        s.upsertAll(many);
        List<Candle> stale = new ArrayList<>();
        for (Candle c : many) {
            stale.add(withClose(c, "1.00", false));
        }
        stale.add(many.get(0));
        s.upsertAll(stale);
        assertSameCandles(
                s.range(BTC, Interval.H1, many.get(0).openTime(), many.get(499).openTime()), many);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void bulkIngestionStoresEveryRowExactlyOnce(String kind) {
        CandleStore s = store(kind);
        List<Candle> rows = series(BTC, Interval.M1, T0, 2000);
        List<Candle> withRepeats = new ArrayList<>(rows);
        withRepeats.addAll(rows.subList(100, 300)); // repeated keys inside one batch
        assertThat(s.upsertAll(withRepeats)).isEqualTo(2000);
        assertThat(s.upsertAll(rows)).isEqualTo(2000); // and again: still one row each
        assertThat(s.count(BTC, Interval.M1)).isEqualTo(2000);
        assertSameCandles(
                s.range(BTC, Interval.M1, rows.get(0).openTime(), rows.get(1999).openTime()), rows);
        assertThat(s.gaps(
                        BTC, Interval.M1, rows.get(0).openTime(), rows.get(1999).openTime()))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void pricesAndVolumesRoundTripExactly(String kind) {
        CandleStore s = store(kind);
        Candle c = Candle.of(
                BTC,
                Interval.M1,
                Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 59_999),
                new BigDecimal("0.00000001"),
                new BigDecimal("123456789.123456789"),
                new BigDecimal("0.00000001"),
                new BigDecimal("0.00000002"),
                new BigDecimal("98765.4321"),
                new BigDecimal("0.0000000000001"),
                42,
                true);
        s.upsert(c);
        assertSameCandles(s.latest(BTC, Interval.M1, 1), List.of(c));
        s.upsertAll(List.of(c)); // and through the bulk path
        assertSameCandles(s.latest(BTC, Interval.M1, 1), List.of(c));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rangeQueriesAreInclusiveOrderedAndKeepSeriesApart(String kind) {
        CandleStore s = store(kind);
        List<Candle> btc = series(BTC, Interval.H1, T0, 48);
        s.upsertAll(btc);
        s.upsertAll(series(ETH, Interval.H1, T0, 48));
        s.upsertAll(series(BTC, Interval.H4, T0, 12));
        Instant from = btc.get(10).openTime();
        Instant to = btc.get(20).openTime();
        assertSameCandles(s.range(BTC, Interval.H1, from, to), btc.subList(10, 21));
        assertSameCandles(s.range(BTC, Interval.H1, from.minusMillis(1), to.plusMillis(1)), btc.subList(10, 21));
        assertThat(s.range(
                        BTC,
                        Interval.H1,
                        Instant.ofEpochMilli(T0 - 10 * Interval.H1.millis()),
                        Instant.ofEpochMilli(T0 - 1)))
                .isEmpty();
        assertThat(s.count(BTC, Interval.H1, from, to)).isEqualTo(11);
        assertThat(s.count(ETH, Interval.H1)).isEqualTo(48);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void latestReturnsTheNewestCandlesOldestFirst(String kind) {
        CandleStore s = store(kind);
        List<Candle> rows = series(BTC, Interval.H1, T0, 10);
        Candle open = candle(BTC, Interval.H1, T0 + 10 * Interval.H1.millis(), false);
        s.upsertAll(rows);
        s.upsert(open);
        List<Candle> expected = new ArrayList<>(rows.subList(7, 10));
        expected.add(open);
        assertSameCandles(s.latest(BTC, Interval.H1, 4), expected);
        assertSameCandles(s.latest(BTC, Interval.H1).stream().toList(), List.of(open));
        assertSameCandles(s.latestClosed(BTC, Interval.H1).stream().toList(), List.of(rows.get(9)));
        assertThat(s.latest(ETH, Interval.H1)).isEmpty();
        assertThatThrownBy(() -> s.latest(BTC, Interval.H1, 0)).hasMessageContaining("limit");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void gapDetectionFindsLeadingInnerAndTrailingHoles(String kind) {
        CandleStore s = store(kind);
        long h = Interval.H1.millis();
        List<Candle> rows = new ArrayList<>(series(BTC, Interval.H1, T0, 24));
        rows.removeIf(c -> {
            long i = (c.openTime().toEpochMilli() - T0) / h;
            return i < 2 || i == 5 || (i >= 10 && i <= 12) || i >= 22;
        });
        rows.set(3, withClose(rows.get(3), "30000.00", false)); // bucket 6 open: not final, counts as missing
        s.upsertAll(rows);
        assertThat(s.gaps(BTC, Interval.H1, at(T0), at(T0 + 23 * h)))
                .containsExactly(
                        new Gap(at(T0), at(T0 + h)),
                        new Gap(at(T0 + 5 * h), at(T0 + 6 * h)),
                        new Gap(at(T0 + 10 * h), at(T0 + 12 * h)),
                        new Gap(at(T0 + 22 * h), at(T0 + 23 * h)));
        // unaligned bounds are rounded inward
        assertThat(s.gaps(BTC, Interval.H1, at(T0 + 2 * h - 1), at(T0 + 4 * h + 1)))
                .isEmpty();
        assertThat(s.gaps(BTC, Interval.H1, at(T0 + 2 * h + 1), at(T0 + 5 * h + 1)))
                .containsExactly(new Gap(at(T0 + 5 * h), at(T0 + 5 * h)));
        // nothing stored: the whole range is one gap
        assertThat(s.gaps(ETH, Interval.H1, at(T0), at(T0 + 23 * h))).containsExactly(new Gap(at(T0), at(T0 + 23 * h)));
        assertThat(s.gaps(BTC, Interval.H1, at(T0 + 1), at(T0 + 2))).isEmpty();
        assertThat(new Gap(at(T0 + 10 * h), at(T0 + 12 * h)).bars(Interval.H1)).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void gapsDisappearOnceFilled(String kind) {
        CandleStore s = store(kind);
        List<Candle> rows = series(BTC, Interval.M5, T0, 100);
        s.upsertAll(rows);
        s.delete(BTC, Interval.M5, rows.get(40).openTime(), rows.get(59).openTime());
        List<Gap> gaps =
                s.gaps(BTC, Interval.M5, rows.get(0).openTime(), rows.get(99).openTime());
        assertThat(gaps)
                .containsExactly(new Gap(rows.get(40).openTime(), rows.get(59).openTime()));
        for (Gap g : gaps) {
            s.upsertAll(rows.stream()
                    .filter(c ->
                            !c.openTime().isBefore(g.from()) && !c.openTime().isAfter(g.to()))
                    .toList());
        }
        assertThat(s.gaps(BTC, Interval.M5, rows.get(0).openTime(), rows.get(99).openTime()))
                .isEmpty();
        assertThat(s.count(BTC, Interval.M5)).isEqualTo(100);
    }

    @Test
    void readsFailFastWithAClearRetriableExceptionWhenTheServerIsUnreachable() {
        try (Database down = Database.builder()
                .url("jdbc:postgresql://127.0.0.1:1/test?user=postgres&connectTimeout=1")
                .migrate(false)
                .poolSize(1)
                .connectionTimeout(Duration.ofMillis(300))
                .build()) {
            CandleStore s = new JdbcCandleStore(down, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
            long t = System.nanoTime();
            assertThatThrownBy(() -> s.range(BTC, Interval.H1, at(T0), at(T0 + 1)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("database unavailable")
                    .satisfies(e -> assertThat(((StoreUnavailableException) e).retriable())
                            .isTrue());
            // "fast" means bounded by the configured 300 ms pool timeout, not the driver's or pool's
            // 10-30 s defaults; the bound is loose so a loaded CI machine cannot fail it
            assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(8));
            assertThatThrownBy(() -> s.upsert(candle(BTC, Interval.H1, T0, true)))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void collapseKeepsTheClosedCandleOverALaterOpenOne() {
        Candle closed = candle(BTC, Interval.H1, T0, true);
        Candle open = withClose(closed, "1.00", false);
        assertThat(JdbcCandleStore.collapse(List.of(closed, open))).containsExactly(closed);
        assertThat(JdbcCandleStore.collapse(List.of(open, closed))).containsExactly(closed);
    }

    static Instant at(long t) {
        return Instant.ofEpochMilli(t);
    }

    static Candle withClose(Candle c, String close, boolean closed) {
        BigDecimal cl = new BigDecimal(close);
        return Candle.of(
                c.symbol(),
                c.interval(),
                c.openTime(),
                c.closeTime(),
                c.open(),
                c.high().max(cl),
                c.low().min(cl),
                cl,
                c.volume(),
                c.quoteVolume(),
                c.trades(),
                closed);
    }
}
