package io.cryptogo.store.jdbc;

import io.cryptogo.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;

/** The two databases every store test runs against, one schema each per test class. */
final class StoreDatabases implements AutoCloseable {
    final TestDatabases.Handle pg;
    final TestDatabases.Handle h2;

    StoreDatabases(String owner) {
        pg = TestDatabases.postgres(owner);
        h2 = TestDatabases.h2(owner);
    }

    Database get(String kind) {
        return switch (kind) {
            case "postgresql" -> pg.database();
            case "h2" -> h2.database();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static Stream<String> kinds() {
        return Stream.of("postgresql", "h2");
    }

    /** Empties the tables the store tests write. */
    void clean() throws Exception {
        for (Database db : new Database[] {pg.database(), h2.database()}) {
            try (Connection c = db.connection();
                    Statement st = c.createStatement()) {
                st.execute("DELETE FROM klines");
                st.execute("DELETE FROM balances");
                st.execute("DELETE FROM accounts");
                st.execute("DELETE FROM symbols");
            }
        }
    }

    @Override
    public void close() throws Exception {
        pg.close();
        h2.close();
    }
}
