package io.cryptogo.testing;

import io.cryptogo.store.jdbc.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases for tests: a fresh schema on the local PostgreSQL (127.0.0.1:5432, database {@code test}, user
 * {@code postgres}; override with {@code CRYPTOGO_TEST_PG_URL}) or a fresh in-memory H2, each migrated.
 * Close the returned handle to drop the schema.
 */
public final class TestDatabases {
    /** JDBC URL of the test PostgreSQL. */
    public static final String PG_URL =
            System.getenv().getOrDefault("CRYPTOGO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestDatabases() {}

    /** A migrated database in a new schema named after {@code owner} plus a random suffix. */
    public static Handle postgres(String owner) {
        String schema = schemaName(owner);
        Database db = Database.builder().url(PG_URL).schema(schema).poolSize(4).build();
        return new Handle(db, () -> dropPgSchema(schema));
    }

    /** A migrated in-memory H2 database (PostgreSQL mode), gone when closed. */
    public static Handle h2(String owner) {
        String name = schemaName(owner);
        String url = "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Database db = Database.builder().url(url).poolSize(4).build();
        return new Handle(db, () -> {
            try (Connection c = DriverManager.getConnection(url);
                    Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
        });
    }

    /** Unique, lower-case schema name: {@code t_<owner>_<8 hex>}. */
    public static String schemaName(String owner) {
        String o = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (o.length() > 40) {
            o = o.substring(o.length() - 40);
        }
        return "t_" + o + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void dropPgSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** A database that cleans up after itself. */
    public static final class Handle implements AutoCloseable {
        private final Database database;
        private final Cleanup cleanup;

        Handle(Database database, Cleanup cleanup) {
            this.database = database;
            this.cleanup = cleanup;
        }

        public Database database() {
            return database;
        }

        @Override
        public void close() throws SQLException {
            database.close();
            cleanup.run();
        }
    }

    @FunctionalInterface
    interface Cleanup {
        void run() throws SQLException;
    }
}
