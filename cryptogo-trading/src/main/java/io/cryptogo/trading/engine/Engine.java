package io.cryptogo.trading.engine;

import io.cryptogo.config.ConfigException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderListener;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Subscription;
import io.cryptogo.trading.Venue;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.risk.RiskManager;
import io.cryptogo.trading.store.OrderStore;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution engine: {@link OrderManager}, {@link Ledger}, {@link ProtectiveExits} and the {@link
 * RiskManager} over one {@link Venue}, one {@link OrderStore}, one {@link MarketDataSource} and one {@link
 * Clock}, composed the same way for live, paper and replay. One lock (the engine's, shared with the venue)
 * orders every execution; each is stored all or nothing. Nothing happens in the constructor: {@link
 * #start()} takes the account's one-writer lease, restores balances, positions and the day's counters from
 * the store, reconciles open orders and protects open positions.
 *
 * <pre>{@code
 * Engine engine = Engine.builder().market(market).venue(venue).store(store).clock(clock).build();
 * engine.start();
 * Order o = engine.submit(OrderRequest.market("BTC/USDT", Side.BUY, "0.001"));
 * }</pre>
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final MarketDataSource market;
    private final Venue venue;
    private final OrderStore store;
    private final Clock clock;
    private final RiskManager risk;
    private final ReentrantLock lock = new ReentrantLock();
    private final Ledger ledger;
    private final OrderManager orders;
    private final ProtectiveExits exits;
    private final boolean lease;
    private OrderStore.Lease held;
    private boolean started;

    private Engine(Builder b) {
        this.market = b.market;
        this.venue = b.venue;
        this.store = b.store;
        this.clock = b.clock;
        this.risk = new RiskManager(b.limits);
        this.lease = b.lease;
        this.ledger = new Ledger(venue.accountId(), clock, new Valuation(market, b.limits.riskCurrency()));
        this.orders = new OrderManager(market, store, venue, risk, ledger, clock, lock);
        this.exits = new ProtectiveExits(market, venue, orders, ledger, clock, lock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes the account's lease, restores the account from the store, reconciles open orders with the
     * venue (a venue that cannot be reached now is reconciled before the first new order) and protects open
     * positions. Returns this engine.
     *
     * @throws io.cryptogo.error.CryptoGoException when another trader holds the account
     */
    public Engine start() {
        lock.lock();
        try {
            if (started) {
                return this;
            }
            if (lease) {
                held = store.lease(venue.accountId(), holder());
            }
            try {
                venue.useLock(lock);
                orders.exits(exits);
                venue.onExecution(orders::onVenueReport);
                store.ensureAccount(venue.accountId(), venue.accountId(), clock.instant());
                if (venue.balancesKeptByEngine()) {
                    List<Balance> saved = store.balances(venue.accountId());
                    if (saved.isEmpty()) {
                        store.saveBalances(venue.accountId(), venue.balances(), clock.instant());
                        log.info("account {} opened with {}", venue.accountId(), venue.balances());
                    } else {
                        venue.restoreBalances(saved);
                    }
                }
                ledger.restore(store);
                try {
                    orders.reconcile();
                } catch (ExchangeUnavailableException e) {
                    log.warn(
                            "venue {} unreachable at start; orders wait until reconciliation succeeds: {}",
                            venue.accountId(),
                            e.getMessage());
                }
                exits.adopt();
                started = true;
            } catch (RuntimeException e) {
                releaseLease();
                throw e;
            }
        } finally {
            lock.unlock();
        }
        return this;
    }

    private static String holder() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    // ---- orders ----

    /** Rounds, validates, risk-checks and sends an order ({@link OrderManager#submit}). */
    public Order submit(OrderRequest request) {
        return orders.submit(request, false);
    }

    /** Cancels an open order; returns its state afterwards. */
    public Order cancel(long orderId) {
        return orders.cancel(orderId);
    }

    public Optional<Order> order(long id) {
        return store.byId(id);
    }

    public Optional<Order> order(String clientOrderId) {
        return store.byClientOrderId(clientOrderId);
    }

    /** Orders that may still fill (NEW, PARTIALLY_FILLED) or whose outcome is UNKNOWN, oldest first. */
    public List<Order> openOrders() {
        return store.unsettled(venue.accountId());
    }

    /** The account's orders, newest first, only those with the given statuses when any are given. */
    public List<Order> orders(Collection<OrderStatus> statuses, int limit) {
        return store.orders(venue.accountId(), statuses, limit);
    }

    /** Fills since {@code since}, newest first, optionally of one symbol. */
    public List<Fill> fills(Optional<Symbol> symbol, Instant since, int limit) {
        return store.fills(venue.accountId(), symbol, since, limit);
    }

    /** Asks the venue about every open or unknown order and applies what it says. */
    public void reconcile() {
        orders.reconcile();
    }

    /** Registers a listener for order events; close the returned handle to unregister. */
    public Subscription onOrderEvent(OrderListener listener) {
        return orders.onOrderEvent(listener);
    }

    // ---- account ----

    /** Open positions (quantity above zero), by symbol. */
    public List<Position> positions() {
        lock.lock();
        try {
            return ledger.open();
        } finally {
            lock.unlock();
        }
    }

    /** Whether no position is open. */
    public boolean flat() {
        lock.lock();
        try {
            return !ledger.anyOpen();
        } finally {
            lock.unlock();
        }
    }

    public List<Balance> balances() {
        return venue.balances();
    }

    /** Total value of all balances in the valuation currency at the last prices. */
    public BigDecimal equity() {
        return ledger.equity(venue.balances());
    }

    /** Stores the current equity as a point of the equity curve and returns it. */
    public BigDecimal snapshotEquity() {
        BigDecimal e = equity();
        store.saveEquity(venue.accountId(), clock.instant(), e);
        return e;
    }

    /** Realised PnL minus fees of today's (UTC) fills, in the valuation currency (kept incrementally). */
    public BigDecimal pnlToday() {
        lock.lock();
        try {
            return ledger.pnlToday();
        } finally {
            lock.unlock();
        }
    }

    /** Orders accepted today (UTC), as {@code MAX_DAILY_TRADES} counts them. */
    public int tradesToday() {
        lock.lock();
        try {
            return ledger.tradesToday();
        } finally {
            lock.unlock();
        }
    }

    /** Free balance of one asset. */
    public BigDecimal free(String asset) {
        return orders.free(asset);
    }

    /** The symbol's trading rules (cached). */
    public SymbolInfo info(Symbol symbol) {
        return orders.info(symbol);
    }

    /** The price a market order would see: the ask for a BUY, the bid for a SELL. */
    public BigDecimal marketPrice(Symbol symbol, Side side) {
        return orders.marketPrice(symbol, side);
    }

    /** The valuation currency of limits, PnL and equity ({@code RISK_CURRENCY}). */
    public String currency() {
        return ledger.valuation().currency();
    }

    public Valuation valuation() {
        return ledger.valuation();
    }

    /** The market source orders are made on: {@code binance} / {@code simulated}. */
    public String source() {
        return orders.source();
    }

    public ProtectiveExits exits() {
        return exits;
    }

    public Venue venue() {
        return venue;
    }

    public RiskManager risk() {
        return risk;
    }

    public OrderStore store() {
        return store;
    }

    public MarketDataSource market() {
        return market;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        exits.close();
        releaseLease();
    }

    private void releaseLease() {
        if (held != null) {
            held.close();
            held = null;
        }
    }

    /** Builds an {@link Engine}; nothing is read or sent until {@link Engine#start()}. */
    public static final class Builder {
        private MarketDataSource market;
        private Venue venue;
        private OrderStore store;
        private Clock clock = Clock.systemUTC();
        private RiskLimits limits = RiskLimits.defaults();
        private boolean lease = true;

        private Builder() {}

        public Builder market(MarketDataSource market) {
            this.market = Objects.requireNonNull(market, "market");
            return this;
        }

        public Builder venue(Venue venue) {
            this.venue = Objects.requireNonNull(venue, "venue");
            return this;
        }

        public Builder store(OrderStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder risk(RiskLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Whether {@link Engine#start()} takes the account's one-writer lease (default true). */
        public Builder lease(boolean take) {
            this.lease = take;
            return this;
        }

        public Engine build() {
            if (market == null) {
                throw new ConfigException("market", "a market data source is required");
            }
            if (venue == null) {
                throw new ConfigException("TRADING_VENUE", "a venue is required (paper or binance)");
            }
            if (store == null) {
                throw new ConfigException("DATABASE_URL", "a store is required for orders, fills and positions");
            }
            return new Engine(this);
        }
    }
}
