package io.cryptogo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.config.Config;
import io.cryptogo.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A host application's own Flyway (default location {@code classpath:db/migration}, default history table,
 * its own {@code V1__}) beside CryptoGo on one PostgreSQL database: neither sees the other's migrations; and a
 * database migrated by the first release (CryptoGo's V1..V4 in {@code flyway_schema_history}) upgrades in place.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlywayCoexistenceTest {

    static String newSchema(String owner) throws Exception {
        String schema = TestDatabases.schemaName(owner);
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL);
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return schema;
    }

    static void drop(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static Flyway host(String schema) {
        return Flyway.configure()
                .dataSource(TestDatabases.PG_URL, null, null)
                .schemas(schema)
                .defaultSchema(schema)
                .load(); // default location classpath:db/migration, default table flyway_schema_history
    }

    static List<String> column(String schema, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL);
                Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + schema);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static Database cryptoGo(String schema) {
        return Database.fromConfig(Config.of(
                Map.of("DATABASE_URL", TestDatabases.PG_URL, "DATABASE_SCHEMA", schema, "DATABASE_POOL_SIZE", "2")));
    }

    @Test
    void aHostFlywayAndCryptoGoShareADatabaseWithoutSeeingEachOthersMigrations() throws Exception {
        // {CryptoGo in its own schema (DATABASE_SCHEMA), host first}: the recommended set-up, in both orders;
        // and both in one schema, the host's Flyway first (CryptoGo baselines at 0 and still runs V1..)
        for (boolean[] scenario : new boolean[][] {{true, true}, {true, false}, {false, true}}) {
            boolean ownSchema = scenario[0];
            boolean hostFirst = scenario[1];
            String hostSchema = newSchema("FlywayHost");
            String cgSchema = ownSchema ? newSchema("FlywayCg") : hostSchema;
            try {
                if (hostFirst) {
                    assertThat(host(hostSchema).migrate().migrationsExecuted).isEqualTo(1);
                }
                try (Database db = cryptoGo(cgSchema)) {
                    assertThat(db.schema()).isEqualTo(cgSchema);
                }
                if (!hostFirst) {
                    assertThat(host(hostSchema).migrate().migrationsExecuted).isEqualTo(1);
                }
                // the host sees its own V1 only, applied, and validates clean
                Flyway h = host(hostSchema);
                h.validate();
                assertThat(Arrays.stream(h.info().all()).map(MigrationInfo::getScript))
                        .containsExactly("V1__host_orders.sql");
                assertThat(h.migrate().migrationsExecuted).isZero();
                assertThat(column(hostSchema, "SELECT script FROM flyway_schema_history"))
                        .containsExactly("V1__host_orders.sql");
                // CryptoGo's history holds CryptoGo's migrations only
                assertThat(column(
                                cgSchema,
                                "SELECT version FROM cryptogo_schema_history WHERE type <> 'BASELINE'"
                                        + " ORDER BY installed_rank"))
                        .startsWith("1", "2", "3", "4", "5")
                        .doesNotContainNull();
                assertThat(column(cgSchema, "SELECT script FROM cryptogo_schema_history"))
                        .doesNotContain("V1__host_orders.sql");
                // both applications' tables are there, and a restart of CryptoGo runs nothing again
                assertThat(column(hostSchema, "SELECT COUNT(*) FROM host_orders"))
                        .containsExactly("0");
                assertThat(column(cgSchema, "SELECT COUNT(*) FROM klines")).containsExactly("0");
                int before = column(cgSchema, "SELECT version FROM cryptogo_schema_history")
                        .size();
                try (Database db = cryptoGo(cgSchema)) {
                    assertThat(column(cgSchema, "SELECT version FROM cryptogo_schema_history"))
                            .hasSize(before);
                }
            } finally {
                drop(hostSchema);
                drop(cgSchema);
            }
        }
    }

    @Test
    void aDatabaseOfTheFirstReleaseUpgradesInPlaceOnPostgres() throws Exception {
        String schema = newSchema("FlywayUpgrade");
        try {
            oldRelease(TestDatabases.PG_URL + "&currentSchema=" + schema, schema, true);
            try (Database db = cryptoGo(schema)) {
                assertUpgraded(db, true);
            }
        } finally {
            drop(schema);
        }
    }

    @Test
    void aDatabaseOfTheFirstReleaseWithNothingElseInItsHistoryUpgradesOnH2() throws Exception {
        String url = "jdbc:h2:mem:" + TestDatabases.schemaName("upgrade")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try {
            oldRelease(url, "public", false);
            try (Database db = Database.builder().url(url).poolSize(2).build()) {
                assertUpgraded(db, false);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url);
                    Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
        }
    }

    static void oldRelease(String url, String schema, boolean withHostRow) throws Exception {
        Flyway.configure()
                .dataSource(url, null, null)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:io/cryptogo/db/migration")
                .target("4")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            if (!schema.equals("public")) {
                st.execute("SET search_path TO " + schema);
            }
            st.execute("UPDATE flyway_schema_history SET script = 'db.migration.V2__klines_hypertable'"
                    + " WHERE script = 'io.cryptogo.db.migration.V2__klines_hypertable'");
            if (withHostRow) {
                st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                        + " checksum, installed_by, execution_time, success) VALUES (99, '1000', 'host thing', 'SQL',"
                        + " 'V1000__host_thing.sql', 12345, 'host', 3, TRUE)");
            }
            st.execute("INSERT INTO symbols (symbol, base, quote, status, tick_size, step_size, min_qty, min_notional,"
                    + " updated_at) VALUES ('BTC/USDT', 'BTC', 'USDT', 'TRADING', 0.01, 0.00001, 0.00001, 5, 1)");
        }
    }

    static void assertUpgraded(Database db, boolean withHostRow) throws Exception {
        try (Connection c = db.connection();
                Statement st = c.createStatement()) {
            List<String> ours = new ArrayList<>();
            try (ResultSet rs =
                    st.executeQuery("SELECT version, script FROM cryptogo_schema_history ORDER BY installed_rank")) {
                while (rs.next()) {
                    ours.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            assertThat(ours)
                    .startsWith(
                            "1 V1__schema.sql",
                            "2 io.cryptogo.db.migration.V2__klines_hypertable",
                            "3 V3__trading.sql",
                            "4 V4__ai.sql",
                            "5 io.cryptogo.db.migration.V5__klines_source");
            // nothing ran twice: the old data is there, and V5 ran on it
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM symbols")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM klines WHERE source = 'x'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            boolean oldTable = HistoryCarryOver.tableExists(c, db.schema(), "flyway_schema_history");
            if (withHostRow) {
                assertThat(oldTable).isTrue();
                List<String> left = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT script FROM flyway_schema_history")) {
                    while (rs.next()) {
                        left.add(rs.getString(1));
                    }
                }
                assertThat(left).containsExactly("V1000__host_thing.sql");
            } else {
                List<String> left = new ArrayList<>();
                if (oldTable) {
                    try (ResultSet rs = st.executeQuery("SELECT version, type, script FROM flyway_schema_history")) {
                        while (rs.next()) {
                            left.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                        }
                    }
                }
                assertThat(left).as("rows left in flyway_schema_history").isEmpty();
                assertThat(oldTable).isFalse();
            }
        }
    }
}
