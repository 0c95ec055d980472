package io.cryptogo.examples.embed;

import io.cryptogo.CryptoGo;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.trading.Trader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * A service that embeds CryptoGo beside its own tables and its own Flyway, on one database: the host's
 * migrations ({@code classpath:host/db/migration}, history {@code flyway_schema_history}) and CryptoGo's
 * ({@code classpath:io/cryptogo/db/migration}, history {@code cryptogo_schema_history}) never meet.
 *
 * <pre>{@code
 * Result r = HostServiceExample.run(database);   // the host's database; it stays open
 * }</pre>
 */
public final class HostServiceExample {
    private HostServiceExample() {}

    /** The versions in each history table, and the paper account CryptoGo opened in the shared database. */
    public record Result(List<String> hostVersions, List<String> cryptogoVersions, int paperBalances) {}

    public static Result run(Database database) throws SQLException {
        // the host's own Flyway: its own location, default history table, the same schema (which may
        // already hold CryptoGo's tables: baseline at 0 so that the host's V1__ still runs)
        Flyway.configure()
                .dataSource(database.dataSource())
                .schemas(database.schema())
                .locations("classpath:host/db/migration")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        // CryptoGo on the same database: the caller keeps ownership, cg.close() leaves it open
        try (CryptoGo cg = CryptoGo.builder().database(database).build();
                Trader trader = Trader.on(cg)) {
            int balances = trader.balances().size();
            return new Result(
                    versions(database, "flyway_schema_history"),
                    versions(database, "cryptogo_schema_history"),
                    balances);
        }
    }

    static List<String> versions(Database database, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = database.connection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM " + database.schema() + "." + table
                        + " WHERE version IS NOT NULL AND type <> 'BASELINE' ORDER BY installed_rank")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    public static void main(String[] args) throws SQLException {
        String url = args.length > 0
                ? args[0]
                : "jdbc:h2:mem:host;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try (Database db = Database.builder().url(url).build()) {
            Result r = run(db);
            System.out.println("host history: " + r.hostVersions());
            System.out.println("cryptogo history: " + r.cryptogoVersions());
            System.out.println("paper balances: " + r.paperBalances());
        }
    }
}
