package io.cryptogo;

import io.cryptogo.config.Config;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.store.Database;
import java.util.Objects;

/**
 * The one entry point: configuration, market data and storage hang off it.
 *
 * <pre>{@code
 * try (CryptoGo cg = CryptoGo.builder().market(myMarket).build()) {
 *     List<Candle> c = cg.market().klines("BTC/USDT", Interval.H1, 100);
 * }
 * }</pre>
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
                throw new io.cryptogo.config.ConfigException("market", "a market data source is required");
            }
            return new CryptoGo(this);
        }
    }
}
