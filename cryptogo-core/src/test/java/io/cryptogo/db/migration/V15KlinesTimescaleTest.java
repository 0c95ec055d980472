package io.cryptogo.db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * V15 without TimescaleDB (this machine's PostgreSQL has no such extension, and H2) changes nothing; the SQL it
 * runs with TimescaleDB is checked as text, its unique-index guard and its aggregation queries on plain
 * PostgreSQL (with stand-ins for {@code time_bucket}, {@code first} and {@code last}). Nothing here runs against
 * a real TimescaleDB.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class V15KlinesTimescaleTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final long T0 = Instant.parse("2026-11-30T08:00:00Z").toEpochMilli();

    @Test
    void withoutTimescaleDbOnPostgresKlinesStaysAPlainTableThatWorksAsBefore() throws Exception {
        try (TestDatabases.Handle h = TestDatabases.postgres("v15")) {
            try (Connection c = h.database().connection()) {
                // the premise: this server offers no TimescaleDB (Debian's PostgreSQL without the package)
                assertThat(V15__klines_timescale.available(c)).isFalse();
                assertThat(V15__klines_timescale.installedSchema(c)).isEmpty();
                assertThat(strings(c, "SELECT version FROM cryptogo_schema_history WHERE success"))
                        .contains("15");
                assertThat(strings(
                                c,
                                "SELECT c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                        + " WHERE n.nspname = current_schema() AND c.relname = 'klines'"))
                        .containsExactly("r");
                assertThat(strings(c, "SELECT matviewname FROM pg_matviews WHERE schemaname = current_schema()"))
                        .isEmpty();
            }
            assertCandlesRoundTrip(h);
        }
    }

    @Test
    void onH2TheMigrationRecordsItsVersionAndChangesNothing() throws Exception {
        try (TestDatabases.Handle h = TestDatabases.h2("v15")) {
            try (Connection c = h.database().connection()) {
                assertThat(strings(c, "SELECT version FROM cryptogo_schema_history WHERE success"))
                        .contains("15");
                assertThat(strings(
                                c, "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'klines_%'"))
                        .isEmpty();
            }
            assertCandlesRoundTrip(h);
        }
    }

    static void assertCandlesRoundTrip(TestDatabases.Handle h) {
        JdbcCandleStore store = new JdbcCandleStore(h.database(), SourceInfo.Kind.BINANCE);
        List<Candle> candles = minutes(T0, 3);
        store.upsertAll(candles);
        store.upsertAll(candles);
        assertThat(store.count(BTC, Interval.M1)).isEqualTo(3);
        assertThat(store.latestClosed(BTC, Interval.M1).orElseThrow().openTime())
                .isEqualTo(Instant.ofEpochMilli(T0 + 2 * 60_000));
    }

    @Test
    void withTimescaleDbItMakesACompressedHypertableAndThreeContinuousAggregatesFromOneMinute() {
        List<String> sql = V15__klines_timescale.statements("cryptogo", "public");

        assertThat(sql.get(0))
                .isEqualTo("SELECT \"public\".create_hypertable('\"cryptogo\".klines', 'open_time',"
                        + " chunk_time_interval => 604800000::bigint, migrate_data => true, if_not_exists => true)");
        assertThat(sql.get(1))
                .startsWith("CREATE OR REPLACE FUNCTION \"cryptogo\".cryptogo_epoch_millis() RETURNS BIGINT")
                .contains("EXTRACT(EPOCH FROM now()) * 1000");
        assertThat(sql.get(2))
                .isEqualTo("SELECT \"public\".set_integer_now_func('\"cryptogo\".klines',"
                        + " '\"cryptogo\".cryptogo_epoch_millis', replace_if_exists => true)");
        assertThat(sql.get(3))
                .isEqualTo("ALTER TABLE \"cryptogo\".klines SET (timescaledb.compress,"
                        + " timescaledb.compress_segmentby = 'source, symbol, timeframe',"
                        + " timescaledb.compress_orderby = 'open_time DESC')");
        assertThat(sql.get(4))
                .isEqualTo("SELECT \"public\".add_compression_policy('\"cryptogo\".klines',"
                        + " compress_after => BIGINT '604800000', if_not_exists => true)");

        List<String> views = sql.subList(5, sql.size());
        assertThat(views).hasSize(6);
        String[][] expected = {
            {"klines_1h", "3600000", "259200000", "30 minutes"},
            {"klines_4h", "14400000", "604800000", "1 hour"},
            {"klines_1d", "86400000", "2592000000", "6 hours"}
        };
        for (int i = 0; i < expected.length; i++) {
            String[] e = expected[i];
            assertThat(views.get(2 * i))
                    .startsWith("CREATE MATERIALIZED VIEW \"cryptogo\"." + e[0]
                            + " WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS SELECT")
                    .contains("\"public\".time_bucket(BIGINT '" + e[1] + "', open_time) AS open_time")
                    .contains("\"public\".first(open, open_time) AS open")
                    .contains("\"public\".last(close, open_time) AS close")
                    .contains("FROM \"cryptogo\".klines WHERE timeframe = '1m' AND closed")
                    .contains("GROUP BY source, symbol, \"public\".time_bucket(BIGINT '" + e[1] + "', open_time)")
                    .endsWith(" WITH NO DATA");
            assertThat(views.get(2 * i + 1))
                    .isEqualTo("SELECT \"public\".add_continuous_aggregate_policy('\"cryptogo\"." + e[0]
                            + "', start_offset => BIGINT '" + e[2] + "', end_offset => BIGINT '" + e[1]
                            + "', schedule_interval => INTERVAL '" + e[3] + "', if_not_exists => true)");
        }
    }

    @Test
    void namesAreQuotedSoAnOddSchemaNameCannotBreakTheStatements() {
        List<String> sql = V15__klines_timescale.statements("we\"ird", "ts'x");
        assertThat(sql.get(0)).startsWith("SELECT \"ts'x\".create_hypertable('\"we\"\"ird\".klines', ");
        assertThat(sql.get(3)).startsWith("ALTER TABLE \"we\"\"ird\".klines SET (");
    }

    @Test
    void theUniqueIndexGuardFindsAnIndexWithoutOpenTime() throws Exception {
        try (TestDatabases.Handle h = TestDatabases.postgres("v15-unique");
                Connection c = h.database().connection();
                Statement st = c.createStatement()) {
            String schema = h.database().schema();
            // klines' only unique index is its primary key (source, symbol, timeframe, open_time): no obstacle
            assertThat(V15__klines_timescale.uniqueIndexesWithoutTime(c, schema))
                    .isEmpty();
            st.execute("CREATE UNIQUE INDEX klines_no_time ON klines (source, symbol, timeframe, close_time)");
            assertThat(V15__klines_timescale.uniqueIndexesWithoutTime(c, schema))
                    .containsExactly("klines_no_time");
        }
    }

    @Test
    void theRollupQueriesComputeHourlyCandlesFromClosedMinutesOnPostgres() throws Exception {
        try (TestDatabases.Handle h = TestDatabases.postgres("v15-rollup");
                Connection c = h.database().connection();
                Statement st = c.createStatement()) {
            String schema = h.database().schema();
            // stand-ins with TimescaleDB's meaning for positive times: the query itself is V15's, verbatim
            String ts = schema + "_ts";
            st.execute("CREATE SCHEMA " + ts);
            st.execute("CREATE FUNCTION " + ts + ".time_bucket(w BIGINT, t BIGINT) RETURNS BIGINT IMMUTABLE"
                    + " LANGUAGE SQL AS $$ SELECT t - t % w $$");
            st.execute("CREATE FUNCTION " + ts + ".pick(s NUMERIC[], v NUMERIC, t BIGINT, earliest BOOLEAN)"
                    + " RETURNS NUMERIC[] IMMUTABLE LANGUAGE SQL AS $$ SELECT CASE WHEN s IS NULL"
                    + " OR (earliest AND t < s[2]) OR (NOT earliest AND t > s[2]) THEN ARRAY[v, t] ELSE s END $$");
            st.execute("CREATE FUNCTION " + ts + ".pick_first(s NUMERIC[], v NUMERIC, t BIGINT) RETURNS NUMERIC[]"
                    + " IMMUTABLE LANGUAGE SQL AS $$ SELECT " + ts + ".pick(s, v, t, true) $$");
            st.execute("CREATE FUNCTION " + ts + ".pick_last(s NUMERIC[], v NUMERIC, t BIGINT) RETURNS NUMERIC[]"
                    + " IMMUTABLE LANGUAGE SQL AS $$ SELECT " + ts + ".pick(s, v, t, false) $$");
            st.execute("CREATE FUNCTION " + ts + ".value_of(s NUMERIC[]) RETURNS NUMERIC IMMUTABLE LANGUAGE SQL"
                    + " AS $$ SELECT s[1] $$");
            st.execute("CREATE AGGREGATE " + ts + ".first(NUMERIC, BIGINT) (SFUNC = " + ts + ".pick_first,"
                    + " STYPE = NUMERIC[], FINALFUNC = " + ts + ".value_of)");
            st.execute("CREATE AGGREGATE " + ts + ".last(NUMERIC, BIGINT) (SFUNC = " + ts + ".pick_last,"
                    + " STYPE = NUMERIC[], FINALFUNC = " + ts + ".value_of)");
            try {
                // two hours of closed minutes, one open minute (left out), and a 5m candle (left out)
                JdbcCandleStore store = new JdbcCandleStore(h.database(), SourceInfo.Kind.BINANCE);
                store.upsertAll(minutes(T0, 120));
                store.upsert(minute(T0 + 120 * 60_000, false));
                store.upsert(Candle.of(
                        BTC,
                        Interval.M5,
                        Instant.ofEpochMilli(T0),
                        Instant.ofEpochMilli(T0 + 300_000 - 1),
                        bd(1),
                        bd(999),
                        bd(1),
                        bd(1),
                        bd(1),
                        bd(1),
                        1,
                        true));
                String create = V15__klines_timescale.statements(schema, ts).get(5);
                String select = create.substring(create.indexOf(" AS SELECT ") + 4, create.indexOf(" WITH NO DATA"));
                List<String> rows = strings(
                        c,
                        "SELECT open_time || ' ' || open || ' ' || high || ' ' || low || ' ' || close || ' '"
                                + " || volume || ' ' || trades || ' ' || bars FROM (" + select
                                + ") h ORDER BY open_time");
                assertThat(rows)
                        .containsExactly(hour(T0, minutes(T0, 60)), hour(T0 + 3_600_000, minutes(T0 + 3_600_000, 60)));
            } finally {
                st.execute("DROP SCHEMA " + ts + " CASCADE");
            }
        }
    }

    /** The expected row of one hour: open of the first minute, extremes, close of the last, sums, count. */
    static String hour(long openTime, List<Candle> m) {
        BigDecimal high = m.stream().map(Candle::high).reduce(BigDecimal::max).orElseThrow();
        BigDecimal low = m.stream().map(Candle::low).reduce(BigDecimal::min).orElseThrow();
        BigDecimal volume = m.stream().map(Candle::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
        long trades = m.stream().mapToLong(Candle::trades).sum();
        return openTime + " " + m.get(0).open().toPlainString() + " " + high.toPlainString() + " "
                + low.toPlainString() + " " + m.get(m.size() - 1).close().toPlainString() + " "
                + volume.toPlainString() + " " + trades + " " + m.size();
    }

    static List<Candle> minutes(long from, int n) {
        List<Candle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(minute(from + i * 60_000L, true));
        }
        return out;
    }

    /** A closed (or open) minute with distinct values: open i, high i+7, low i-3, close i+1. */
    static Candle minute(long openTime, boolean closed) {
        long i = 100 + (openTime - T0) / 60_000 % 97;
        return Candle.of(
                BTC,
                Interval.M1,
                Instant.ofEpochMilli(openTime),
                Instant.ofEpochMilli(openTime + 59_999),
                bd(i),
                bd(i + 7),
                bd(i - 3),
                bd(i + 1),
                bd(2),
                bd(2 * i),
                10,
                closed);
    }

    static BigDecimal bd(long v) {
        return BigDecimal.valueOf(v);
    }

    static List<String> strings(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
