package io.cryptogo.store.jdbc;

import io.cryptogo.error.CryptoGoException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage libraries are optional dependencies of {@code cryptogo-core}: a user who only wants market data
 * and indicators does not get them. Before storage is opened this checks that they are on the class path and
 * otherwise fails with a {@link CryptoGoException} naming the Maven artifacts to add, instead of a {@code
 * NoClassDefFoundError} from deep inside the pool. It references none of those libraries itself.
 *
 * <pre>{@code
 * StorageDependencies.require(Database.Kind.H2);   // HikariCP, flyway-core, h2
 * StorageDependencies.missing(Database.Kind.POSTGRESQL);   // [] when all are present
 * }</pre>
 */
public final class StorageDependencies {
    private StorageDependencies() {}

    /** Maven coordinates (groupId:artifactId) by one class each artifact holds, for each kind of database. */
    private static Map<String, String> needed(Database.Kind kind) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("com.zaxxer:HikariCP", "com.zaxxer.hikari.HikariDataSource");
        m.put("org.flywaydb:flyway-core", "org.flywaydb.core.Flyway");
        if (kind == Database.Kind.POSTGRESQL) {
            m.put("org.flywaydb:flyway-database-postgresql", "org.flywaydb.database.postgresql.PostgreSQLDatabaseType");
            m.put("org.postgresql:postgresql", "org.postgresql.Driver");
        } else {
            m.put("com.h2database:h2", "org.h2.Driver");
        }
        return m;
    }

    /** The artifacts ({@code groupId:artifactId}) that {@code kind} needs and the class path lacks. */
    public static List<String> missing(Database.Kind kind) {
        List<String> missing = new ArrayList<>();
        ClassLoader loader = StorageDependencies.class.getClassLoader();
        needed(kind).forEach((artifact, probe) -> {
            try {
                Class.forName(probe, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(artifact);
            }
        });
        return List.copyOf(missing);
    }

    /**
     * @throws CryptoGoException naming the missing artifacts and how to add them, when one of them is absent
     */
    public static void require(Database.Kind kind) {
        List<String> missing = missing(kind);
        if (missing.isEmpty()) {
            return;
        }
        String what = kind == Database.Kind.POSTGRESQL
                ? "a PostgreSQL database (DATABASE_URL=postgresql://…)"
                : "the embedded H2 database (DATABASE_URL unset, or CryptoGo.demo())";
        throw new CryptoGoException("opening " + what + " needs the storage libraries, which are optional"
                + " dependencies of cryptogo-core; missing from the class path: " + String.join(", ", missing)
                + ". Add them to your build (all of "
                + String.join(", ", needed(kind).keySet())
                + "; versions in io.cryptogo:cryptogo-bom), or depend on cryptogo-trading or cryptogo-ai, which"
                + " bring them. Market data and indicators need none of them: only cg.database() and what uses it"
                + " (the collector, the decision journal, the order store) opens storage, so leave it uncalled.");
    }

    /** The kind of database a {@code DATABASE_URL} (null: none, the embedded H2) selects. */
    static Database.Kind kindOf(String url) {
        return url == null || url.strip().startsWith("jdbc:h2:") ? Database.Kind.H2 : Database.Kind.POSTGRESQL;
    }
}
