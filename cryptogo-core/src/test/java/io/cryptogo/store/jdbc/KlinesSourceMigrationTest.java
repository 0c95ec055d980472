package io.cryptogo.store.jdbc;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Interval;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** V5 on a database migrated by the previous version: old candles become 'unknown' and no store reads them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KlinesSourceMigrationTest {
    static final long H = 3_600_000L;
    static final long T0 = 1_748_736_000_000L; // 2025-06-01T00:00Z

    @Test
    void existingCandlesOnPostgresBecomeUnknownAndAreReadByNoSource() throws Exception {
        String schema = TestDatabases.schemaName("KlinesSourceMigrationTest");
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL);
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        try {
            migrateToV4(TestDatabases.PG_URL + "&currentSchema=" + schema, schema);
            try (Database db = Database.builder()
                    .url(TestDatabases.PG_URL)
                    .schema(schema)
                    .poolSize(2)
                    .build()) {
                assertUpgraded(db);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL);
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void existingCandlesOnH2BecomeUnknownAndAreReadByNoSource() throws Exception {
        String url = "jdbc:h2:mem:" + TestDatabases.schemaName("v5")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try {
            migrateToV4(url, "public");
            try (Database db = Database.builder().url(url).poolSize(2).build()) {
                assertUpgraded(db);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url);
                    Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
        }
    }

    /** What the previous release left: V1..V4 applied, candles without a source. */
    static void migrateToV4(String url, String schema) throws Exception {
        Flyway.configure()
                .dataSource(url, null, null)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:io/cryptogo/db/migration")
                .table("cryptogo_schema_history")
                .target("4")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            if (!schema.equals("public")) {
                st.execute("SET search_path TO " + schema);
            }
            for (int i = 0; i < 3; i++) {
                st.execute("INSERT INTO klines (symbol, timeframe, open_time, close_time, open, high, low, close,"
                        + " volume, quote_volume, trades, closed) VALUES ('BTC/USDT', '1h', " + (T0 + i * H) + ", "
                        + (T0 + (i + 1) * H - 1) + ", 1, 2, 0.5, 1.5, 10, 15, 7, TRUE)");
            }
        }
    }

    static void assertUpgraded(Database db) throws Exception {
        try (Connection c = db.connection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT source, COUNT(*) FROM klines GROUP BY source")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("unknown");
            assertThat(rs.getLong(2)).isEqualTo(3);
            assertThat(rs.next()).isFalse();
        }
        for (SourceInfo.Kind k : SourceInfo.Kind.values()) {
            JdbcCandleStore store = new JdbcCandleStore(db, k);
            assertThat(store.count(BTC, Interval.H1)).isZero();
            assertThat(store.latest(BTC, Interval.H1, 10)).isEmpty();
        }
        // the same bucket can now be stored for a real source beside the unknown row
        JdbcCandleStore binance = new JdbcCandleStore(db, SourceInfo.Kind.BINANCE);
        binance.upsertAll(FakeMarket.series(BTC, Interval.H1, T0, 3));
        assertThat(binance.range(BTC, Interval.H1, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 2 * H)))
                .hasSize(3);
        // and a write must name its source: the column has no default any more
        try (Connection c = db.connection();
                Statement st = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.execute(
                            "INSERT INTO klines (symbol, timeframe, open_time, close_time, open, high, low, close,"
                                    + " volume, quote_volume, trades, closed) VALUES ('BTC/USDT', '1h', 1, 2, 1, 1,"
                                    + " 1, 1, 1, 1, 1, TRUE)"))
                    .isInstanceOf(java.sql.SQLException.class);
        }
    }
}
