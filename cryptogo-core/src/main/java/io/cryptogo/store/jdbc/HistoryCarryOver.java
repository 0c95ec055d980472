package io.cryptogo.store.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades a database migrated by the first release in place. That release kept CryptoGo's migrations in
 * Flyway's default history table {@code flyway_schema_history} (scripts {@code V1__schema.sql}, {@code
 * db.migration.V2__klines_hypertable}, {@code V3__trading.sql}, {@code V4__ai.sql}); this one keeps them in
 * {@code cryptogo_schema_history}. When the new table is missing and the old one holds CryptoGo's rows, those
 * rows move into the new table (same versions, checksums and dates; the Java migration renamed to its new
 * class), so nothing runs twice. A host application's own rows in {@code flyway_schema_history} are left as
 * they are; the old table is dropped only when nothing but CryptoGo's rows was in it.
 */
final class HistoryCarryOver {
    private static final Logger log = LoggerFactory.getLogger(HistoryCarryOver.class);

    static final String OLD_TABLE = "flyway_schema_history";
    static final String NEW_TABLE = "cryptogo_schema_history";

    /** CryptoGo's first-release scripts by version, and the script name each one has now. */
    static final Map<String, String> OLD_SCRIPTS = Map.of(
            "V1__schema.sql", "V1__schema.sql",
            "db.migration.V2__klines_hypertable", "io.cryptogo.db.migration.V2__klines_hypertable",
            "V3__trading.sql", "V3__trading.sql",
            "V4__ai.sql", "V4__ai.sql");

    private static final String COLUMNS =
            "installed_rank, version, description, type, script, checksum, installed_by, installed_on,"
                    + " execution_time, success";

    private HistoryCarryOver() {}

    /** @return how many rows were carried over (0 when there was nothing to do) */
    static int run(DataSource ds, String schema) {
        try (Connection c = ds.getConnection()) {
            if (tableExists(c, schema, NEW_TABLE) || !tableExists(c, schema, OLD_TABLE)) {
                return 0;
            }
            String old = quote(schema) + "." + OLD_TABLE;
            String neu = quote(schema) + "." + NEW_TABLE;
            List<Object[]> ours = new ArrayList<>();
            int others = 0;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM " + old + " ORDER BY installed_rank")) {
                while (rs.next()) {
                    String script = rs.getString(5);
                    if (OLD_SCRIPTS.containsKey(script) && rs.getString(2) != null) {
                        Object[] row = new Object[10];
                        for (int i = 0; i < 10; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        row[4] = OLD_SCRIPTS.get(script);
                        ours.add(row);
                    } else if (rs.getString(2) != null) {
                        others++; // a host application's migration (rows without a version are Flyway's markers)
                    }
                }
            }
            if (ours.isEmpty()) {
                return 0; // a host application's own history: not ours to touch
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + neu + " (installed_rank INT NOT NULL, version VARCHAR(50),"
                        + " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL,"
                        + " checksum INT, installed_by VARCHAR(100) NOT NULL,"
                        + " installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, execution_time INT NOT NULL,"
                        + " success BOOLEAN NOT NULL, CONSTRAINT " + NEW_TABLE + "_pk PRIMARY KEY (installed_rank))");
                st.execute("CREATE INDEX " + NEW_TABLE + "_s_idx ON " + neu + " (success)");
                try (PreparedStatement ins =
                        c.prepareStatement("INSERT INTO " + neu + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                    int rank = 1;
                    for (Object[] row : ours) {
                        ins.setInt(1, rank++);
                        for (int i = 1; i < 10; i++) {
                            ins.setObject(i + 1, row[i]);
                        }
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
                if (others == 0) {
                    st.execute("DROP TABLE " + old);
                } else {
                    try (PreparedStatement del =
                            c.prepareStatement("DELETE FROM " + old + " WHERE script = ? AND version IS NOT NULL")) {
                        for (String script : OLD_SCRIPTS.keySet()) {
                            del.setString(1, script);
                            del.addBatch();
                        }
                        del.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            log.info(
                    "carried {} CryptoGo migrations over from {} to {} in schema {} ({} other rows left in place)",
                    ours.size(),
                    OLD_TABLE,
                    NEW_TABLE,
                    schema,
                    others);
            return ours.size();
        } catch (SQLException e) {
            throw new io.cryptogo.error.CryptoGoException(
                    "cannot carry CryptoGo's migration history over from " + OLD_TABLE + " to " + NEW_TABLE + ": "
                            + e.getMessage(),
                    e);
        }
    }

    static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String s : new String[] {schema, schema.toUpperCase(java.util.Locale.ROOT)}) {
            for (String t : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
                try (ResultSet rs = md.getTables(null, s, t, new String[] {"TABLE", "BASE TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String quote(String schema) {
        return "\"" + schema + "\"";
    }
}
