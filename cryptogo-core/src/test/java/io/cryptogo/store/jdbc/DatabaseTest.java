package io.cryptogo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    static final List<String> TABLES =
            List.of("accounts", "ai_decisions", "balances", "fills", "klines", "orders", "positions", "symbols");

    @Test
    void readsThePlansUrlFormWithCredentials() {
        Database.JdbcUrl j = Database.toJdbc("postgresql://bob:p%40ss@db.local:5433/trading");
        assertThat(j.url()).isEqualTo("jdbc:postgresql://db.local:5433/trading");
        assertThat(j.user()).contains("bob");
        assertThat(j.password()).contains("p@ss");
        assertThat(Database.toJdbc("jdbc:postgresql://h/db").url()).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void rejectsOtherUrlsNamingTheSetting() {
        assertThatThrownBy(() -> Database.toJdbc("mysql://x/y"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL");
    }

    @Test
    void migratesPostgresFromEmptyIntoItsOwnSchema() throws Exception {
        try (var h = TestDatabases.postgres("DatabaseTest")) {
            assertThat(h.database().kind()).isEqualTo(Database.Kind.POSTGRESQL);
            assertThat(tables(h.database())).containsAll(TABLES);
        }
    }

    @Test
    void migratesH2FromEmpty() throws Exception {
        try (var h = TestDatabases.h2("DatabaseTest")) {
            assertThat(h.database().kind()).isEqualTo(Database.Kind.H2);
            assertThat(tables(h.database())).containsAll(TABLES);
        }
    }

    @Test
    void defaultsToAnEmbeddedH2FileUnderTheHomeFolder(@TempDir Path home) throws Exception {
        try (Database db = Database.fromConfig(Config.of(Map.of("CRYPTOGO_HOME", home.toString())))) {
            assertThat(db.kind()).isEqualTo(Database.Kind.H2);
            assertThat(tables(db)).containsAll(TABLES);
        }
        assertThat(home.resolve("cryptogo.mv.db")).exists();
    }

    static List<String> tables(Database db) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connection();
                ResultSet rs = c.getMetaData()
                        .getTables(null, db.kind() == Database.Kind.H2 ? null : db.schema(), "%", new String[] {"TABLE"
                        })) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }
}
