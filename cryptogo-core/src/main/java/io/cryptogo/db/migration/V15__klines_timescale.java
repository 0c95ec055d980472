package io.cryptogo.db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With TimescaleDB present, {@code klines} becomes a compressed hypertable with continuous aggregates; without
 * it (H2, plain PostgreSQL) nothing changes and the plain tables work as before.
 *
 * <p>"Present" means the {@code timescaledb} extension is installed in the database, or available on the server
 * ({@code pg_available_extensions}) and installable by this user ({@code CREATE EXTENSION}, which also needs
 * {@code shared_preload_libraries = 'timescaledb'}); a failed install is rolled back to a savepoint and logged,
 * and the migration then does nothing. When present it runs {@link #statements}: {@code klines} a hypertable on
 * {@code open_time} (7-day chunks of epoch milliseconds, existing rows migrated), compressed after 7 days
 * (segments by source, symbol and timeframe), and continuous aggregates {@code klines_1h}, {@code klines_4h} and
 * {@code klines_1d} built from the closed {@code 1m} candles, refreshed by policies and answering in real time
 * for the buckets not yet materialised. A unique index of {@code klines} without {@code open_time} would make
 * {@code create_hypertable} fail: the migration checks first and leaves the table plain, with a warning, if it
 * finds one ({@code klines}' only unique index is its primary key {@code (source, symbol, timeframe,
 * open_time)}).
 *
 * <p>Written against TimescaleDB 2.17 (the image docker-compose.yml runs) and its documented API; it has not run
 * against a real TimescaleDB in this project's tests, which have none (see docs/storage.md).
 */
public class V15__klines_timescale extends BaseJavaMigration {
    private static final Logger log = LoggerFactory.getLogger(V15__klines_timescale.class);

    /** Seven days in milliseconds: the chunk size and the age at which chunks are compressed. */
    static final long WEEK_MILLIS = 7L * 24 * 3600 * 1000;

    /** A continuous aggregate over the closed 1m candles: its view name, bucket and refresh policy (ms). */
    record Rollup(String view, long bucketMillis, long refreshStartMillis, long refreshEndMillis, String every) {}

    static final List<Rollup> ROLLUPS = List.of(
            new Rollup("klines_1h", 3_600_000L, 3 * 86_400_000L, 3_600_000L, "30 minutes"),
            new Rollup("klines_4h", 14_400_000L, 7 * 86_400_000L, 14_400_000L, "1 hour"),
            new Rollup("klines_1d", 86_400_000L, 30 * 86_400_000L, 86_400_000L, "6 hours"));

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        Optional<String> extensionSchema = installedSchema(c);
        if (extensionSchema.isEmpty()) {
            if (!available(c)) {
                log.info("TimescaleDB not available on this server: klines stays a plain table");
                return;
            }
            extensionSchema = install(c);
            if (extensionSchema.isEmpty()) {
                return;
            }
        }
        String schema = currentSchema(c);
        List<String> blocking = uniqueIndexesWithoutTime(c, schema);
        if (!blocking.isEmpty()) {
            log.warn(
                    "TimescaleDB present, but klines has unique indexes without open_time ({}): a hypertable needs"
                            + " the time column in every unique index, so klines stays a plain table",
                    blocking);
            return;
        }
        try (Statement st = c.createStatement()) {
            for (String sql : statements(schema, extensionSchema.get())) {
                st.execute(sql);
            }
        }
        log.info(
                "klines is a TimescaleDB hypertable (7-day chunks, compressed after 7 days) with continuous"
                        + " aggregates {}",
                ROLLUPS.stream().map(Rollup::view).toList());
    }

    /**
     * The SQL run when TimescaleDB is present, in order: objects of {@code schema} (CryptoGo's), functions of
     * {@code ts} (the extension's schema, which need not be on the search path).
     */
    static List<String> statements(String schema, String ts) {
        String s = ident(schema);
        String t = ident(ts);
        String klines = literal(s + ".klines");
        List<String> out = new ArrayList<>();
        out.add("SELECT " + t + ".create_hypertable(" + klines + ", 'open_time', chunk_time_interval => " + WEEK_MILLIS
                + "::bigint, migrate_data => true, if_not_exists => true)");
        // policies on an integer time column need "now" in the same unit: epoch milliseconds
        out.add("CREATE OR REPLACE FUNCTION " + s + ".cryptogo_epoch_millis() RETURNS BIGINT LANGUAGE SQL STABLE AS"
                + " $$ SELECT (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT $$");
        out.add("SELECT " + t + ".set_integer_now_func(" + klines + ", " + literal(s + ".cryptogo_epoch_millis")
                + ", replace_if_exists => true)");
        out.add("ALTER TABLE " + s + ".klines SET (timescaledb.compress,"
                + " timescaledb.compress_segmentby = 'source, symbol, timeframe',"
                + " timescaledb.compress_orderby = 'open_time DESC')");
        out.add("SELECT " + t + ".add_compression_policy(" + klines + ", compress_after => BIGINT '" + WEEK_MILLIS
                + "', if_not_exists => true)");
        for (Rollup r : ROLLUPS) {
            String bucket = t + ".time_bucket(BIGINT '" + r.bucketMillis() + "', open_time)";
            // WITH NO DATA: a continuous aggregate WITH DATA cannot be created inside a transaction; the
            // refresh policy materialises it, and real-time aggregation answers for what is not yet
            out.add("CREATE MATERIALIZED VIEW " + s + "." + r.view()
                    + " WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS"
                    + " SELECT source, symbol, " + bucket + " AS open_time,"
                    + " " + t + ".first(open, open_time) AS open, MAX(high) AS high, MIN(low) AS low,"
                    + " " + t + ".last(close, open_time) AS close, SUM(volume) AS volume,"
                    + " SUM(quote_volume) AS quote_volume, SUM(trades) AS trades, COUNT(*) AS bars"
                    + " FROM " + s + ".klines WHERE timeframe = '1m' AND closed"
                    + " GROUP BY source, symbol, " + bucket
                    + " WITH NO DATA");
            out.add("SELECT " + t + ".add_continuous_aggregate_policy(" + literal(s + "." + r.view())
                    + ", start_offset => BIGINT '" + r.refreshStartMillis() + "', end_offset => BIGINT '"
                    + r.refreshEndMillis() + "', schedule_interval => INTERVAL '" + r.every()
                    + "', if_not_exists => true)");
        }
        return out;
    }

    /** The schema the installed {@code timescaledb} extension lives in, if installed. */
    static Optional<String> installedSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
                        + " ON n.oid = e.extnamespace WHERE e.extname = 'timescaledb'")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Whether the server offers the extension ({@code pg_available_extensions}). */
    static boolean available(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            return rs.next();
        }
    }

    /** Installs the extension; on failure rolls back to before the attempt and answers empty. */
    private static Optional<String> install(Connection c) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            c.rollback(before);
            log.warn(
                    "TimescaleDB is available but could not be installed ({}): klines stays a plain table. Install it"
                            + " as a superuser (shared_preload_libraries = 'timescaledb', CREATE EXTENSION"
                            + " timescaledb) and see docs/storage.md to convert klines later",
                    e.getMessage());
            return Optional.empty();
        }
        return installedSchema(c);
    }

    private static String currentSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Names of the unique indexes (primary key included) of {@code schema.klines} that lack {@code open_time}. */
    static List<String> uniqueIndexesWithoutTime(Connection c, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ic.relname FROM pg_index i"
                + " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " JOIN pg_class ic ON ic.oid = i.indexrelid"
                + " WHERE n.nspname = ? AND t.relname = 'klines' AND i.indisunique"
                + " AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid"
                + " AND a.attname = 'open_time' AND a.attnum = ANY (i.indkey::int2[]))"
                + " ORDER BY ic.relname")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** A double-quoted SQL identifier. */
    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A single-quoted SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
