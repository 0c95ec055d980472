package io.cryptogo.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.store.StoreUnavailableException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migrated connection pool: PostgreSQL when {@code DATABASE_URL} is set, otherwise an embedded H2 file
 * under {@code ~/.cryptogo} in PostgreSQL mode. The same migrations ({@code classpath:io/cryptogo/db/migration}, history table {@code cryptogo_schema_history}) and
 * the same repository SQL serve both.
 *
 * <pre>{@code
 * Database db = Database.fromConfig(Config.fromEnv());   // migrates on open
 * Database pg = Database.builder().url("postgresql://postgres@127.0.0.1:5432/test").schema("t1").build();
 * }</pre>
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** File name (before H2's {@code .mv.db}) of the embedded database. */
    static final String EMBEDDED_NAME = "cryptogo";
    /** H2's "Database may be already in use" error code. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    /** Which SQL dialect the pool speaks. */
    public enum Kind {
        POSTGRESQL,
        H2
    }

    private final HikariDataSource pool;
    private final Kind kind;
    private final String schema;
    private final String displayUrl;
    /** The URL of a private in-memory database dropped at {@link #close()}, else null. */
    private final String dropOnClose;

    private Database(HikariDataSource pool, Kind kind, String schema, String displayUrl, String dropOnClose) {
        this.pool = pool;
        this.kind = kind;
        this.schema = schema;
        this.displayUrl = displayUrl;
        this.dropOnClose = dropOnClose;
    }

    /**
     * From {@code DATABASE_URL} (and {@code DATABASE_SCHEMA}, {@code DATABASE_POOL_SIZE}, {@code
     * DATABASE_CONNECT_TIMEOUT}); H2 under {@code CRYPTOGO_HOME} when unset.
     */
    public static Database fromConfig(Config config) {
        Builder b = builder()
                .poolSize(config.integer("DATABASE_POOL_SIZE", 10, 1, 200))
                .connectionTimeout(config.duration("DATABASE_CONNECT_TIMEOUT", java.time.Duration.ofSeconds(10)));
        config.get("DATABASE_URL").ifPresent(b::url);
        config.get("CRYPTOGO_HOME").ifPresent(h -> b.home(Path.of(h)));
        config.get("DATABASE_SCHEMA").ifPresent(s -> {
            if (!SCHEMA.matcher(s).matches()) {
                throw new ConfigException(
                        "DATABASE_SCHEMA",
                        "DATABASE_SCHEMA='" + s + "' is not valid; accepted values: lower-case letters, digits and"
                                + " underscores, starting with a letter or underscore, at most 63 characters");
            }
            b.schema(s);
        });
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public Kind kind() {
        return kind;
    }

    /** The schema the tables live in ({@code public} unless chosen). */
    public String schema() {
        return schema;
    }

    /** The JDBC URL with any password masked. */
    public String displayUrl() {
        return displayUrl;
    }

    /** Closes the pool; a {@linkplain Builder#inMemory() private in-memory} database is dropped as well. */
    @Override
    public void close() {
        pool.close();
        if (dropOnClose != null) {
            try (Connection c = java.sql.DriverManager.getConnection(dropOnClose);
                    var st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                log.debug("dropping the in-memory database {} failed: {}", displayUrl, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "Database[" + kind + " " + displayUrl + " schema=" + schema + "]";
    }

    /** Converts {@code postgresql://user:pass@host:port/db} (and {@code postgres://}) to JDBC form. */
    static JdbcUrl toJdbc(String url) {
        String u = url.strip();
        if (u.startsWith("jdbc:")) {
            return new JdbcUrl(u, Optional.empty(), Optional.empty());
        }
        if (!(u.startsWith("postgresql://") || u.startsWith("postgres://"))) {
            throw new ConfigException(
                    "DATABASE_URL",
                    "DATABASE_URL must look like postgresql://user:pass@host:port/db or jdbc:postgresql://host:port/db");
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "DATABASE_URL", "DATABASE_URL is not a valid URL (postgresql://user:pass@host:port/db)");
        }
        if (uri.getHost() == null) {
            throw new ConfigException("DATABASE_URL", "DATABASE_URL has no host (postgresql://user:pass@host:port/db)");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(decode(info.substring(colon + 1)));
            }
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new JdbcUrl(jdbc, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    record JdbcUrl(String url, Optional<String> user, Optional<String> password) {}

    /** Builds and migrates a {@link Database}. */
    public static final class Builder {
        private String url;
        private String user;
        private String password;
        private String schema;
        private Path home;
        private int poolSize = 10;
        private boolean migrate = true;
        private boolean inMemory;
        private java.time.Duration connectionTimeout = java.time.Duration.ofSeconds(10);

        private Builder() {}

        /** {@code postgresql://…}, {@code jdbc:postgresql://…} or {@code jdbc:h2:…}. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Put every table in this schema (created when missing); lower-case letters, digits, underscores. */
        public Builder schema(String schema) {
            if (!SCHEMA.matcher(schema).matches()) {
                throw new ConfigException("schema", "schema must match " + SCHEMA.pattern() + ", got '" + schema + "'");
            }
            this.schema = schema;
            return this;
        }

        /**
         * A private, empty in-memory H2 database (PostgreSQL mode) of its own, dropped at {@link
         * Database#close()}: what {@code CryptoGo.demo()} uses, so every demo starts from nothing.
         */
        public Builder inMemory() {
            this.inMemory = true;
            return this;
        }

        /** Where the embedded H2 file goes when no URL is set (default {@code ~/.cryptogo}). */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new ConfigException("DATABASE_POOL_SIZE", "pool size must be at least 1");
            }
            this.poolSize = poolSize;
            return this;
        }

        /**
         * How long a caller waits for a connection before failing (default 10 s, at least 250 ms): the bound
         * on how long a read blocks while the server is unreachable.
         */
        public Builder connectionTimeout(java.time.Duration timeout) {
            if (timeout.toMillis() < 250) {
                throw new ConfigException(
                        "DATABASE_CONNECT_TIMEOUT", "connection timeout must be at least 250ms, got " + timeout);
            }
            this.connectionTimeout = timeout;
            return this;
        }

        /** Whether to run the migrations at build (default true). */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Opens the pool and migrates.
         *
         * @throws CryptoGoException naming the Maven artifacts to add when the storage libraries (optional in
         *     {@code cryptogo-core}) are not on the class path ({@link StorageDependencies})
         */
        public Database build() {
            // before any HikariCP, Flyway or driver class is touched
            StorageDependencies.require(inMemory ? Kind.H2 : StorageDependencies.kindOf(url));
            HikariConfig hc = new HikariConfig();
            Kind kind;
            String jdbc;
            String dropOnClose = null;
            Path embeddedDir = null;
            if (inMemory) {
                jdbc = "jdbc:h2:mem:cryptogo-" + java.util.UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
                kind = Kind.H2;
                dropOnClose = jdbc;
            } else if (url == null) {
                Path defaultHome = Path.of(System.getProperty("user.home"), ".cryptogo");
                embeddedDir = (home != null ? home : defaultHome).toAbsolutePath();
                // No AUTO_SERVER: it would open a TCP port on every interface, with its key in the lock file.
                // One process owns the file; a second one fails at start (see probeEmbedded).
                jdbc = "jdbc:h2:file:" + embeddedDir.resolve(EMBEDDED_NAME)
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
                kind = Kind.H2;
                EmbeddedFiles.prepare(embeddedDir, embeddedDir.equals(defaultHome.toAbsolutePath()));
                probeEmbedded(jdbc, embeddedDir);
            } else {
                JdbcUrl j = toJdbc(url);
                jdbc = j.url();
                j.user().ifPresent(hc::setUsername);
                j.password().ifPresent(hc::setPassword);
                kind = jdbc.startsWith("jdbc:h2:") ? Kind.H2 : Kind.POSTGRESQL;
                if (!jdbc.startsWith("jdbc:postgresql:") && !jdbc.startsWith("jdbc:h2:")) {
                    throw new ConfigException(
                            "DATABASE_URL",
                            "DATABASE_URL must be a PostgreSQL URL (postgresql://… or jdbc:postgresql://…)");
                }
            }
            if (user != null) {
                hc.setUsername(user);
            }
            if (password != null) {
                hc.setPassword(password);
            }
            String effectiveSchema = schema != null ? schema : "public";
            hc.setJdbcUrl(jdbc);
            hc.setMaximumPoolSize(poolSize);
            hc.setMinimumIdle(Math.min(2, poolSize));
            hc.setPoolName("cryptogo-db");
            hc.setConnectionTimeout(connectionTimeout.toMillis());
            if (kind == Kind.POSTGRESQL) {
                // names this pool's sessions in pg_stat_activity (per schema, so tests can find their own)
                hc.addDataSourceProperty("ApplicationName", "cryptogo" + (schema != null ? ":" + schema : ""));
            }
            // A pool that starts while the server is down keeps trying instead of failing at once.
            hc.setInitializationFailTimeout(-1);
            String display = Config.mask("DATABASE_URL", jdbc);
            if (schema != null) {
                createSchema(hc, kind, schema);
                hc.setSchema(schema);
            }
            HikariDataSource ds = new HikariDataSource(hc);
            Database db = new Database(ds, kind, effectiveSchema, display, dropOnClose);
            if (migrate) {
                try {
                    HistoryCarryOver.run(ds, effectiveSchema);
                    Flyway.configure()
                            // its own connections, not the pool's: Flyway holds more than one at a time,
                            // which would starve a pool of DATABASE_POOL_SIZE=1
                            .dataSource(jdbc, hc.getUsername(), hc.getPassword())
                            .schemas(effectiveSchema)
                            .defaultSchema(effectiveSchema)
                            .locations("classpath:io/cryptogo/db/migration")
                            .table("cryptogo_schema_history")
                            // a schema that already holds a host application's tables (and no CryptoGo
                            // history yet) gets an empty baseline at version 0: every migration still runs
                            .baselineOnMigrate(true)
                            .baselineVersion("0")
                            .load()
                            .migrate();
                } catch (RuntimeException e) {
                    db.close();
                    throw new CryptoGoException("migrating " + display + " failed: " + e.getMessage(), e);
                }
            }
            if (embeddedDir != null) {
                EmbeddedFiles.ownerOnly(embeddedDir);
            }
            log.info("database {} ({}), schema {}", display, kind, effectiveSchema);
            return db;
        }

        /**
         * Opens the embedded file once before the pool does, so that a file held by another process fails the
         * start at once with a message that says what to do (the pool would only time out).
         */
        private static void probeEmbedded(String jdbc, Path dir) {
            try (Connection c = java.sql.DriverManager.getConnection(jdbc)) {
                c.isValid(1);
            } catch (SQLException e) {
                if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                    throw new StoreUnavailableException(
                            "the embedded database " + dir.resolve(EMBEDDED_NAME + ".mv.db")
                                    + " is in use by another process (only one process may open it; it serves no"
                                    + " network port). Stop the other CryptoGo process, point CRYPTOGO_HOME at another"
                                    + " folder, or set DATABASE_URL to a PostgreSQL database that several processes"
                                    + " can share.",
                            e);
                }
                throw new CryptoGoException("cannot open the embedded database in " + dir + ": " + e.getMessage(), e);
            }
        }

        private static void createSchema(HikariConfig hc, Kind kind, String schema) {
            try (var c = java.sql.DriverManager.getConnection(hc.getJdbcUrl(), hc.getUsername(), hc.getPassword());
                    var st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + (kind == Kind.H2 ? "\"" + schema + "\"" : schema));
            } catch (SQLException e) {
                throw new CryptoGoException(
                        "cannot create schema " + schema + " at " + Config.mask("DATABASE_URL", hc.getJdbcUrl()) + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }
}
