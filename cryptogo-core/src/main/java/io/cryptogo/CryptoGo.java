package io.cryptogo;

import io.cryptogo.config.Config;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.store.jdbc.Database;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point: configuration, market data and storage hang off it.
 *
 * <pre>{@code
 * var cg = CryptoGo.fromEnv();        // .env, environment, system properties; Binance or the simulated market
 * var demo = CryptoGo.demo();         // simulated market, fresh in-memory H2, paper: offline, no keys
 * List<Candle> c = cg.market().klines("BTC/USDT", Interval.H1, 100);   // oldest first
 * cg.market().source();               // BINANCE or SIMULATED, and why
 * }</pre>
 *
 * The other modules take a {@code CryptoGo}'s parts: {@code Indicators.on(candles)}, {@code
 * MarketSnapshot.builder(cg.market())}, {@code Signals.fromConfig(cg.config())}, {@code
 * Trader.fromConfig(cg.config(), cg.market(), cg.database())}.
 *
 * <p>{@link #close()} closes what this {@code CryptoGo} built (the market it chose from {@code EXCHANGE},
 * the database it opened) and nothing the caller passed to the {@link Builder}.
 */
public final class CryptoGo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CryptoGo.class);

    /** The settings of {@link #demo()}: nothing from the environment. */
    static final Map<String, String> DEMO_SETTINGS = Map.of(
            "EXCHANGE", "simulated",
            "SIM_SEED", Long.toString(SimulatedMarket.DEFAULT_SEED),
            "TRADING_VENUE", "paper",
            "AUTO_TRADING", "off");

    private final Config config;
    private final MarketDataSource market;
    private final boolean ownsMarket;
    /** Opens the database on first use; null when the caller passed one. */
    private final Supplier<Database> databaseFactory;

    private volatile Database database;
    private volatile boolean closed;

    private CryptoGo(
            Config config, MarketDataSource market, boolean ownsMarket, Database database, Supplier<Database> factory) {
        this.config = config;
        this.market = market;
        this.ownsMarket = ownsMarket;
        this.database = database;
        this.databaseFactory = database == null ? factory : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings from {@code .env}, the environment and system properties (a system property wins); market
     * data from {@code EXCHANGE} (Binance, falling back to the simulated market when unreachable while trading
     * stays on paper; see {@link MarketSources}).
     *
     * @throws ExchangeUnavailableException when Binance is unreachable and {@code TRADING_VENUE=binance} or
     *     {@code AUTO_TRADING=live} is set
     */
    public static CryptoGo fromEnv() {
        return fromConfig(Config.fromEnv());
    }

    /** As {@link #fromEnv()} with the given settings. */
    public static CryptoGo fromConfig(Config config) {
        return builder().config(config).build();
    }

    /**
     * Offline, keyless and the same every time, whatever the environment holds: the simulated market (seed
     * 42), a fresh private in-memory H2 database (dropped at {@link #close()}), paper trading, no AI keys. No
     * setting is read from {@code .env}, the environment or system properties, so {@code DATABASE_URL},
     * {@code SIM_SEED}, {@code TRADING_VENUE} and the rest cannot leak in; run it twice and the second run
     * starts from the same empty paper account.
     */
    public static CryptoGo demo() {
        Config config = Config.of(DEMO_SETTINGS);
        MarketDataSource market = SimulatedMarket.builder()
                .seed(SimulatedMarket.DEFAULT_SEED)
                .reason("demo: simulated market, seed " + SimulatedMarket.DEFAULT_SEED)
                .build();
        return new CryptoGo(
                config, market, true, null, () -> Database.builder().inMemory().build());
    }

    public Config config() {
        return config;
    }

    /** Market data: klines, tickers, 24h stats, symbols, live streams. */
    public MarketDataSource market() {
        return market;
    }

    /**
     * The database (opened and migrated on first use): PostgreSQL from {@code DATABASE_URL}, otherwise an
     * embedded H2 file under {@code ~/.cryptogo}; in {@link #demo()} a private in-memory one. Nothing else here
     * opens storage: market data alone never loads a storage class.
     *
     * @throws CryptoGoException naming the Maven artifacts to add when the storage libraries (HikariCP, Flyway,
     *     the driver: optional dependencies of {@code cryptogo-core}) are not on the class path
     */
    public Database database() {
        Database d = database;
        if (d == null) {
            synchronized (this) {
                d = database;
                if (d == null) {
                    if (closed) {
                        throw new CryptoGoException("this CryptoGo is closed; its database cannot be opened");
                    }
                    d = databaseFactory.get();
                    database = d;
                }
            }
        }
        return d;
    }

    /**
     * Closes the market and the database if this {@code CryptoGo} built them; a market or database passed to
     * the {@link Builder} stays open (its owner closes it). Never throws a checked exception; idempotent.
     */
    @Override
    public void close() {
        Database d;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            d = database;
        }
        RuntimeException failure = null;
        if (ownsMarket) {
            try {
                market.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (databaseFactory != null && d != null) {
            try {
                d.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            log.warn("closing CryptoGo: {}", failure.toString());
            throw failure;
        }
    }

    /** Builds a {@link CryptoGo}; {@link #build()} validates and freezes. */
    public static final class Builder {
        private Config config = Config.of(Map.of());
        private MarketDataSource market;
        private Database database;

        private Builder() {}

        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Use this market-data source instead of the one {@code EXCHANGE} selects. The caller keeps ownership
         * and closes it: {@link CryptoGo#close()} leaves it open.
         */
        public Builder market(MarketDataSource market) {
            this.market = Objects.requireNonNull(market, "market");
            return this;
        }

        /** Use this database (the caller keeps ownership and closes it: {@link CryptoGo#close()} leaves it open). */
        public Builder database(Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /**
         * The handle, with what was not given chosen from the configuration.
         *
         * @throws ExchangeUnavailableException when no market was given, Binance is unreachable and a live venue
         *     is configured (see {@link MarketSources#fromConfig})
         */
        public CryptoGo build() {
            Config c = config;
            boolean ownsMarket = market == null;
            MarketDataSource m = ownsMarket ? MarketSources.fromConfig(c) : market;
            return new CryptoGo(c, m, ownsMarket, database, () -> Database.fromConfig(c));
        }
    }
}
