package io.cryptogo;

import io.cryptogo.config.Config;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.store.Database;
import java.util.Objects;

/**
 * The one entry point: configuration, market data and storage hang off it.
 *
 * <pre>{@code
 * var cg = CryptoGo.fromEnv();        // .env, environment, system properties; Binance or the simulated market
 * var demo = CryptoGo.demo();         // simulated market, embedded H2: works offline with no keys
 * List<Candle> c = cg.market().klines("BTC/USDT", Interval.H1, 100);   // oldest first
 * cg.market().source();               // BINANCE or SIMULATED, and why
 * }</pre>
 *
 * The other modules take a {@code CryptoGo}'s parts: {@code Indicators.on(candles)}, {@code
 * MarketSnapshot.builder(cg.market())}, {@code Signals.fromConfig(cg.config())}, {@code
 * Trader.fromConfig(cg.config(), cg.market(), cg.database())}.
 */
public final class CryptoGo implements AutoCloseable {
    private final Config config;
    private final MarketDataSource market;
    private volatile Database database;
    private final boolean ownsDatabase;

    private CryptoGo(Builder b) {
        this.config = b.config;
        this.market = b.market;
        this.database = b.database;
        this.ownsDatabase = b.database == null;
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
     * Offline and keyless: the simulated market (seed 42) and the embedded H2 database under {@code
     * ~/.cryptogo} (or {@code CRYPTOGO_HOME}).
     */
    public static CryptoGo demo() {
        Config config = Config.fromEnv().with("EXCHANGE", "simulated");
        return builder()
                .config(config)
                .market(io.cryptogo.market.sim.SimulatedMarket.builder()
                        .config(config)
                        .reason("demo: simulated market")
                        .build())
                .build();
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
     * embedded H2 file under {@code ~/.cryptogo}.
     */
    public Database database() {
        Database d = database;
        if (d == null) {
            synchronized (this) {
                d = database;
                if (d == null) {
                    d = Database.fromConfig(config);
                    database = d;
                }
            }
        }
        return d;
    }

    @Override
    public void close() {
        market.close();
        Database d = database;
        if (ownsDatabase && d != null) {
            d.close();
        }
    }

    /** Builds a {@link CryptoGo}; {@link #build()} validates and freezes. */
    public static final class Builder {
        private Config config = Config.of(java.util.Map.of());
        private MarketDataSource market;
        private Database database;

        private Builder() {}

        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Use this market-data source instead of the one {@code EXCHANGE} selects. */
        public Builder market(MarketDataSource market) {
            this.market = Objects.requireNonNull(market, "market");
            return this;
        }

        /** Use this database (the caller keeps ownership and closes it). */
        public Builder database(Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        public CryptoGo build() {
            if (market == null) {
                market = MarketSources.fromConfig(config);
            }
            return new CryptoGo(this);
        }
    }
}
