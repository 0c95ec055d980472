package io.cryptogo.db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Stored candles keep their market source: {@code klines} gets a {@code source} column ({@code binance},
 * {@code simulated}) at the head of its primary key, so simulated and Binance candles of the same bucket are
 * two rows and a read never mixes them.
 *
 * <p>Rows stored before this version cannot tell where they came from: they become {@code source = 'unknown'},
 * which no market reads (the collector fetches the series again from its real source). docs/storage.md shows
 * how to claim them ({@code UPDATE klines SET source = 'binance' WHERE source = 'unknown'}) or drop them.
 * After the migration the column has no default: every writer names the source.
 */
public class V5__klines_source extends BaseJavaMigration {
    /** The migration, as Flyway instantiates it. */
    public V5__klines_source() {}

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE klines ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'unknown'");
            if (postgres) {
                String pk = null;
                try (ResultSet rs = st.executeQuery(
                        "SELECT conname FROM pg_constraint WHERE conrelid = 'klines'::regclass AND contype = 'p'")) {
                    if (rs.next()) {
                        pk = rs.getString(1);
                    }
                }
                if (pk != null) {
                    st.execute("ALTER TABLE klines DROP CONSTRAINT \"" + pk.replace("\"", "\"\"") + "\"");
                }
            } else {
                st.execute("ALTER TABLE klines DROP PRIMARY KEY");
            }
            st.execute("ALTER TABLE klines ADD PRIMARY KEY (source, symbol, timeframe, open_time)");
            st.execute("ALTER TABLE klines ALTER COLUMN source DROP DEFAULT");
        }
    }
}
