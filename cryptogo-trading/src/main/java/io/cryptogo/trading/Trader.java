package io.cryptogo.trading;

import io.cryptogo.CryptoGo;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.trading.engine.Engine;
import io.cryptogo.trading.engine.ProtectiveExits;
import io.cryptogo.trading.mode.AutoTrading;
import io.cryptogo.trading.mode.Proposals;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.risk.RiskManager;
import io.cryptogo.trading.store.OrderStore;
import io.cryptogo.trading.store.jdbc.JdbcOrderStore;
import io.cryptogo.trading.store.jdbc.JdbcProposalStore;
import io.cryptogo.trading.venue.binance.BinanceVenue;
import io.cryptogo.trading.venue.paper.PaperSettings;
import io.cryptogo.trading.venue.paper.PaperVenue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trading entry point: submit, cancel and look up orders, positions, balances and equity, behind the
 * {@link RiskManager}, on one {@link Venue} (paper by default), with every order, fill and position
 * stored. A client order id submitted twice yields the same order. On start, open and unknown orders are
 * reconciled with the venue before anything new is sent. A small facade over the {@link Engine} (the same
 * engine a replay or backtest runs), with manual confirmation ({@link #proposals()}) and auto trading
 * ({@link #auto()}) on top.
 *
 * <pre>{@code
 * try (Trader trader = Trader.on(CryptoGo.demo())) {
 *     trader.onOrderEvent(e -> System.out.println(e.kind() + " " + e.order().status()));
 *     Order o = trader.submit(OrderRequest.market("BTC/USDT", Side.BUY, "0.001"));
 *     trader.proposals().propose(signal);   // manual confirmation
 * }
 * }</pre>
 */
public final class Trader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Trader.class);

    private final Engine engine;
    private final Proposals proposals;
    private final AutoTrading auto;
    private final boolean ownsVenue;

    private Trader(Engine engine, Proposals proposals, AutoTrading auto, boolean ownsVenue) {
        this.engine = engine;
        this.proposals = proposals;
        this.auto = auto;
        this.ownsVenue = ownsVenue;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The trader of a {@link CryptoGo}: its configuration, market and database ({@link #fromConfig}).
     *
     * <pre>{@code
     * Trader trader = Trader.on(CryptoGo.demo());
     * }</pre>
     */
    public static Trader on(CryptoGo cg) {
        Objects.requireNonNull(cg, "cg");
        return fromConfig(cg.config(), cg.market(), cg.database());
    }

    /**
     * From configuration: venue {@code TRADING_VENUE} ({@code paper} default, or {@code binance}), risk
     * limits ({@code MAX_POSITION_SIZE}, {@code MAX_DAILY_TRADES}, {@code RISK_PER_TRADE}, {@code
     * MAX_DAILY_LOSS}, {@code RISK_CURRENCY}), paper settings ({@code PAPER_*}), {@code PROPOSAL_TTL},
     * {@code MAX_PRICE_DRIFT}, {@code AUTO_TRADING}. A bad value fails here with a {@link ConfigException}
     * naming it; so does a live venue on a simulated market (simulated prices never reach a live venue).
     */
    public static Trader fromConfig(Config config, MarketDataSource market, Database database) {
        AutoTrading.Mode mode = config.enumValue("AUTO_TRADING", AutoTrading.Mode.class, AutoTrading.Mode.OFF);
        String venueName = config.string("TRADING_VENUE", "paper").toLowerCase(Locale.ROOT);
        if (!venueName.equals("paper") && !venueName.equals("binance")) {
            throw new ConfigException(
                    "TRADING_VENUE", "TRADING_VENUE='" + venueName + "' is not valid; accepted values: paper, binance");
        }
        boolean live = venueName.equals("binance") || mode == AutoTrading.Mode.LIVE;
        if (live && market.source().simulated()) {
            String setting = venueName.equals("binance") ? "TRADING_VENUE" : "AUTO_TRADING";
            throw new ConfigException(
                    setting,
                    "TRADING_VENUE=" + venueName + " with AUTO_TRADING="
                            + mode.name().toLowerCase(Locale.ROOT)
                            + " would send real orders sized and stop-lossed on simulated prices (market source: "
                            + market.source() + "); simulated prices never reach a live venue. Make Binance market"
                            + " data reachable (EXCHANGE=binance, BINANCE_BASE_URL), or trade on paper:"
                            + " TRADING_VENUE=paper and AUTO_TRADING=off or paper");
        }
        Builder b = builder()
                .market(market)
                .database(database)
                .risk(RiskLimits.fromConfig(config))
                .paper(PaperSettings.fromConfig(config))
                .proposalTtl(config.duration("PROPOSAL_TTL", Duration.ofMinutes(15)))
                .maxPriceDrift(config.decimal(
                        "MAX_PRICE_DRIFT", new BigDecimal("0.005"), BigDecimal.ZERO, new BigDecimal("0.5")))
                .autoTrading(mode);
        if (venueName.equals("binance")) {
            b.venue(BinanceVenue.fromConfig(config, market), true);
        }
        return b.build();
    }

    // ---- orders ----

    /**
     * Rounds, validates, risk-checks and sends an order. Returns the stored order (the earlier one when the
     * client order id was seen before).
     *
     * @throws InvalidRequestException for a bad symbol, a quantity below the minimum quantity or notional
     * @throws RiskRejectedException naming the rule, the limit and the value
     * @throws ExchangeUnavailableException when an earlier order's outcome is still unknown
     */
    public Order submit(OrderRequest request) {
        return engine.submit(request);
    }

    /** Cancels an open order (a no-op for one already final); returns its state afterwards. */
    public Order cancel(long orderId) {
        return engine.cancel(orderId);
    }

    public Optional<Order> order(long id) {
        return engine.order(id);
    }

    public Optional<Order> order(String clientOrderId) {
        return engine.order(clientOrderId);
    }

    /** Orders that may still fill (NEW, PARTIALLY_FILLED) or whose outcome is UNKNOWN, oldest first. */
    public List<Order> openOrders() {
        return engine.openOrders();
    }

    /** The account's orders, newest first, only those with the given statuses when any are given. */
    public List<Order> orders(Collection<OrderStatus> statuses, int limit) {
        return engine.orders(statuses, limit);
    }

    /** Fills since {@code since}, newest first, optionally of one symbol. */
    public List<Fill> fills(Optional<Symbol> symbol, Instant since, int limit) {
        return engine.fills(symbol, since, limit);
    }

    // ---- account ----

    /** Open positions (quantity above zero). */
    public List<Position> positions() {
        return engine.positions();
    }

    public List<Balance> balances() {
        return engine.balances();
    }

    /** Total value of all balances in {@link #equityAsset()} at the last prices (assets without one count 0). */
    public BigDecimal equity() {
        return engine.equity();
    }

    /** The currency equity, PnL and the money limits are counted in ({@code RISK_CURRENCY}, USDT). */
    public String equityAsset() {
        return engine.currency();
    }

    /** Stores the current equity as a point of the equity curve and returns it. */
    public BigDecimal snapshotEquity() {
        return engine.snapshotEquity();
    }

    /** Realised PnL minus fees of today's (UTC) fills, in {@link #equityAsset()} (kept incrementally). */
    public BigDecimal pnlToday() {
        return engine.pnlToday();
    }

    /** Orders accepted today (UTC), as {@code MAX_DAILY_TRADES} counts them. */
    public int tradesToday() {
        return engine.tradesToday();
    }

    /** How each protected position is protected now (resting on the venue or watched), with failed attempts. */
    public List<ProtectiveExits.Status> protection() {
        return engine.exits().status();
    }

    /**
     * Sells the position of {@code symbol} at market when {@code price} reaches its stop loss or take
     * profit, unless a resting protection on the venue guards it. Returns the exit order, if one was sent.
     */
    public Optional<Order> checkProtection(Symbol symbol, BigDecimal price) {
        return engine.exits().check(symbol, price, price);
    }

    /** As {@link #checkProtection(Symbol, BigDecimal)} with {@code "BTC/USDT"}. */
    public Optional<Order> checkProtection(String symbol, BigDecimal price) {
        return checkProtection(Symbol.parse(symbol), price);
    }

    /** The market source orders are made on: {@code binance} / {@code simulated}. */
    public String source() {
        return engine.source();
    }

    public Venue venue() {
        return engine.venue();
    }

    public RiskManager risk() {
        return engine.risk();
    }

    public OrderStore store() {
        return engine.store();
    }

    public MarketDataSource market() {
        return engine.market();
    }

    public Clock clock() {
        return engine.clock();
    }

    /** The execution engine under this facade. */
    public Engine engine() {
        return engine;
    }

    /** Manual confirmation: signals become proposals a person approves or rejects. */
    public Proposals proposals() {
        return proposals;
    }

    /** Routes signals by {@code AUTO_TRADING}: proposals when off, orders when paper or live. */
    public AutoTrading auto() {
        return auto;
    }

    /** Registers a listener for order events; close the returned handle to unregister. */
    public Subscription onOrderEvent(OrderListener listener) {
        return engine.onOrderEvent(listener);
    }

    /** The symbol's trading rules (cached). */
    public SymbolInfo info(Symbol symbol) {
        return engine.info(symbol);
    }

    /** As {@link #info(Symbol)} with {@code "BTC/USDT"}. */
    public SymbolInfo info(String symbol) {
        return info(Symbol.parse(symbol));
    }

    /** The price a market order would see: the ask for a BUY, the bid for a SELL, the last price without a book. */
    public BigDecimal marketPrice(Symbol symbol, Side side) {
        return engine.marketPrice(symbol, side);
    }

    /** As {@link #marketPrice(Symbol, Side)} with {@code "BTC/USDT"}. */
    public BigDecimal marketPrice(String symbol, Side side) {
        return marketPrice(Symbol.parse(symbol), side);
    }

    /** Free balance of one asset. */
    public BigDecimal free(String asset) {
        return engine.free(asset);
    }

    /**
     * Asks the venue about every open or unknown order and applies what it says; an order the venue has
     * never seen is marked EXPIRED (it was never placed).
     *
     * @throws ExchangeUnavailableException when the venue cannot be asked
     */
    public void reconcile() {
        engine.reconcile();
    }

    @Override
    public void close() {
        auto.close();
        engine.close();
        if (ownsVenue) {
            engine.venue().close();
        }
    }

    /** Builds a {@link Trader}; {@link #build()} validates, starts the engine and reconciles. */
    public static final class Builder {
        private MarketDataSource market;
        private Database database;
        private OrderStore store;
        private Venue venue;
        private boolean ownsVenue;
        private RiskLimits limits = RiskLimits.defaults();
        private Optional<String> equityAsset = Optional.empty();
        private PaperSettings paper = PaperSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private Duration proposalTtl = Duration.ofMinutes(15);
        private BigDecimal maxPriceDrift = new BigDecimal("0.005");
        private AutoTrading.Mode autoMode = AutoTrading.Mode.OFF;

        private Builder() {}

        public Builder market(MarketDataSource market) {
            this.market = Objects.requireNonNull(market, "market");
            return this;
        }

        public Builder database(Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** The order store (default: JDBC on the database). */
        public Builder store(OrderStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The venue (default: a paper account on the given market). The caller closes it. */
        public Builder venue(Venue venue) {
            return venue(venue, false);
        }

        /** The venue, and whether the trader closes it with itself. */
        public Builder venue(Venue venue, boolean closeWithTrader) {
            this.venue = Objects.requireNonNull(venue, "venue");
            this.ownsVenue = closeWithTrader;
            return this;
        }

        public Builder risk(RiskLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Settings of the default paper venue. */
        public Builder paper(PaperSettings paper) {
            this.paper = Objects.requireNonNull(paper, "paper");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The valuation currency ({@code RISK_CURRENCY}); the same as {@code risk(limits.withRiskCurrency(asset))}. */
        public Builder equityAsset(String asset) {
            this.equityAsset = Optional.of(Objects.requireNonNull(asset, "asset"));
            return this;
        }

        /** How long a proposal may be approved ({@code PROPOSAL_TTL}, default 15 minutes). */
        public Builder proposalTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new ConfigException("PROPOSAL_TTL", "PROPOSAL_TTL must be positive, got " + ttl);
            }
            this.proposalTtl = ttl;
            return this;
        }

        /** Largest relative move of the price between a proposal and its approval ({@code MAX_PRICE_DRIFT}, 0.005). */
        public Builder maxPriceDrift(BigDecimal drift) {
            if (drift == null || drift.signum() < 0 || drift.compareTo(new BigDecimal("0.5")) > 0) {
                throw new ConfigException(
                        "MAX_PRICE_DRIFT", "MAX_PRICE_DRIFT=" + drift + " is out of range; accepted range: 0..0.5");
            }
            this.maxPriceDrift = drift;
            return this;
        }

        /** What signals do ({@code AUTO_TRADING}: off = proposals, paper, live). */
        public Builder autoTrading(AutoTrading.Mode mode) {
            this.autoMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Validates, composes the engine, starts it (lease, restore, reconcile) and returns the trader. */
        public Trader build() {
            if (market == null) {
                throw new ConfigException("market", "a market data source is required");
            }
            if (database == null) {
                throw new ConfigException("DATABASE_URL", "a database is required for orders, fills and positions");
            }
            AutoTrading.validate(autoMode, venue != null && (venue.live() || venue.testnet()));
            Venue v = venue != null ? venue : new PaperVenue(market, paper, clock);
            RiskLimits l = equityAsset.map(limits::withRiskCurrency).orElse(limits);
            Engine engine = Engine.builder()
                    .market(market)
                    .venue(v)
                    .store(store != null ? store : new JdbcOrderStore(database))
                    .clock(clock)
                    .risk(l)
                    .build();
            try {
                engine.start();
            } catch (RuntimeException e) {
                if (venue == null || ownsVenue) {
                    v.close();
                }
                throw e;
            }
            Proposals proposals = new Proposals(
                    engine, new JdbcProposalStore(database), proposalTtl, maxPriceDrift, clock, v.accountId());
            AutoTrading auto = new AutoTrading(engine, proposals, autoMode);
            log.info(
                    "trader ready: venue {} ({}), market source {}, limits {}, auto trading {}",
                    v.accountId(),
                    v.live() ? "LIVE" : v.testnet() ? "testnet" : "simulated",
                    engine.source(),
                    l,
                    autoMode.name().toLowerCase(Locale.ROOT));
            return new Trader(engine, proposals, auto, venue == null || ownsVenue);
        }
    }
}
