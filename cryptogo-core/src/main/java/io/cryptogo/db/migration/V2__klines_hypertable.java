package io.cryptogo.db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code klines} into a TimescaleDB hypertable (chunks of 7 days of {@code open_time}, epoch ms)
 * when the {@code timescaledb} extension is installed in the database; on plain PostgreSQL and on H2 it
 * does nothing. Install the extension ({@code CREATE EXTENSION timescaledb}) before the first start to
 * get it; a database migrated without it stays a plain table (see docs/storage.md to convert it later).
 */
public class V2__klines_hypertable extends BaseJavaMigration {
    private static final Logger log = LoggerFactory.getLogger(V2__klines_hypertable.class);

    /** The migration, as Flyway instantiates it. */
    public V2__klines_hypertable() {}

    /** Seven days in milliseconds: the chunk size for a BIGINT time column. */
    static final long CHUNK_MILLIS = 7L * 24 * 3600 * 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String product = c.getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            return;
        }
        boolean timescale;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
            timescale = rs.next();
        }
        if (!timescale) {
            log.info("TimescaleDB not installed: klines stays a plain table");
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("SELECT create_hypertable('klines', 'open_time', chunk_time_interval => " + CHUNK_MILLIS
                    + "::bigint, migrate_data => true, if_not_exists => true)");
        }
        log.info("klines is now a TimescaleDB hypertable (7-day chunks)");
    }
}
