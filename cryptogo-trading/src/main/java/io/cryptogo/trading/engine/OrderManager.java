package io.cryptogo.trading.engine;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderEvent;
import io.cryptogo.trading.OrderListener;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Subscription;
import io.cryptogo.trading.Venue;
import io.cryptogo.trading.risk.RiskContext;
import io.cryptogo.trading.risk.RiskManager;
import io.cryptogo.trading.store.OrderStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order management: rounds, validates, risk-checks and sends orders; cancels; keeps submission idempotent
 * by client order id; marks an order whose placement outcome is unknown UNKNOWN and settles it by query
 * before anything new is sent; reconciles open orders at start; applies every venue report (new fills,
 * order state, position, and the balances the engine keeps) in one store transaction, under the engine's
 * lock. After a failed write, a venue whose balances the engine keeps goes back to the stored ones.
 */
public final class OrderManager {
    private static final Logger log = LoggerFactory.getLogger(OrderManager.class);
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

    private final MarketDataSource market;
    private final OrderStore store;
    private final Venue venue;
    private final RiskManager risk;
    private final Ledger ledger;
    private final Clock clock;
    private final ReentrantLock lock;
    private final Map<Symbol, SymbolInfo> infos = new ConcurrentHashMap<>();
    private final List<OrderListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ProtectiveExits exits;
    private volatile boolean reconciled;
    private boolean restoring;

    OrderManager(
            MarketDataSource market,
            OrderStore store,
            Venue venue,
            RiskManager risk,
            Ledger ledger,
            Clock clock,
            ReentrantLock lock) {
        this.market = Objects.requireNonNull(market, "market");
        this.store = Objects.requireNonNull(store, "store");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    void exits(ProtectiveExits e) {
        this.exits = e;
    }

    /** The market source orders and fills are made on: {@code binance} / {@code simulated}. */
    public String source() {
        return market.source().kind().label();
    }

    // ---- orders ----

    /**
     * Rounds, validates, risk-checks and sends an order. Returns the stored order (the earlier one when the
     * client order id was seen before).
     *
     * @param protectiveExit a stop-loss / take-profit exit (skips the daily limits)
     * @throws InvalidRequestException for a bad symbol, a quantity below the minimum quantity or notional
     * @throws RiskRejectedException naming the rule, the limit and the value
     * @throws ExchangeUnavailableException when an earlier order's outcome is still unknown
     */
    public Order submit(OrderRequest request, boolean protectiveExit) {
        Objects.requireNonNull(request, "request");
        Optional<Order> seen = store.byClientOrderId(request.clientOrderId());
        if (seen.isPresent()) {
            return seen.get();
        }
        SymbolInfo info = info(request.symbol());
        if (!info.trading()) {
            throw new InvalidRequestException(
                    "symbol", request.symbol() + " is not trading now (status " + info.status() + ")");
        }
        OrderRequest r = round(request, info);
        BigDecimal price = r.limitPrice().orElseGet(() -> marketPrice(r.symbol(), r.side()));
        checkFilters(request, r, info, price);
        // Binance-style price band on every venue (paper too): an absurd price never locks a balance
        io.cryptogo.trading.risk.PriceBounds.BINANCE_DEFAULT.check(
                r, info, r.limitPrice().isPresent() ? marketPrice(r.symbol(), r.side()) : price);
        List<OrderEvent> events = new ArrayList<>();
        Order order;
        boolean releasedProtection = false;
        lock.lock();
        try {
            seen = store.byClientOrderId(r.clientOrderId());
            if (seen.isPresent()) {
                return seen.get();
            }
            settleBeforeSending();
            ProtectiveExits x = exits;
            BigDecimal resting = r.side() == Side.SELL && x != null ? x.restingQuantity(r.symbol()) : BigDecimal.ZERO;
            // a market BUY may fill up to the venue's slippage above the quote: value it there
            BigDecimal worst = r.limitPrice().isPresent() || r.side() == Side.SELL
                    ? price
                    : price.multiply(BigDecimal.ONE.add(venue.maxSlippage()));
            risk.check(r, worst, context(r.symbol(), resting), protectiveExit);
            if (resting.signum() > 0) {
                // the resting exit locks the base asset on the venue's book: free it for this SELL
                x.release(r.symbol());
                releasedProtection = true;
            }
            order = store.insert(Order.from(r, venue.accountId(), source(), clock.instant()));
            ledger.onInserted(order);
            events.add(new OrderEvent(OrderEvent.Kind.SUBMITTED, order, Optional.empty()));
            if (log.isInfoEnabled()) {
                log.info(
                        "order {} {} {} {} {}{} on {}",
                        order.clientOrderId(),
                        order.side(),
                        order.quantity().toPlainString(),
                        order.symbol(),
                        order.type(),
                        order.limitPrice().map(p -> " @ " + p.toPlainString()).orElse(""),
                        venue.accountId());
            }
            try {
                order = apply(order, venue.place(order), events);
            } catch (ExchangeUnavailableException e) {
                order = order.withStatus(
                        OrderStatus.UNKNOWN,
                        "placement outcome unknown (" + e.getMessage() + "); settled by query",
                        clock.instant());
                store.update(order);
                events.add(new OrderEvent(OrderEvent.Kind.UPDATED, order, Optional.empty()));
                log.warn("order {} is UNKNOWN: {}", order.clientOrderId(), e.getMessage());
            } catch (CryptoGoException e) {
                Order rejected = order.withStatus(OrderStatus.REJECTED, e.getMessage(), clock.instant());
                store.update(rejected);
                ledger.onStatus(order, rejected);
                order = rejected;
                events.add(new OrderEvent(OrderEvent.Kind.UPDATED, order, Optional.empty()));
                log.info("order {} rejected by {}: {}", order.clientOrderId(), venue.accountId(), e.getMessage());
            }
        } finally {
            if (releasedProtection) {
                exits.rearm(r.symbol());
            }
            lock.unlock();
        }
        emit(events);
        return order;
    }

    /** Cancels an open order (a no-op for one already final); returns its state afterwards. */
    public Order cancel(long orderId) {
        List<OrderEvent> events = new ArrayList<>();
        Order order;
        lock.lock();
        try {
            order = store.byId(orderId)
                    .orElseThrow(() -> new InvalidRequestException("id", "no order with id " + orderId));
            if (order.status() == OrderStatus.UNKNOWN) {
                order = settle(order, events);
            }
            if (order.status().isOpen()) {
                order = apply(order, venue.cancel(order), events);
                log.info("order {} cancel requested: now {}", order.clientOrderId(), order.status());
            }
        } finally {
            lock.unlock();
        }
        emit(events);
        return order;
    }

    /** Registers a listener for order events; close the returned handle to unregister. */
    public Subscription onOrderEvent(OrderListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** The symbol's trading rules (cached). */
    public SymbolInfo info(Symbol symbol) {
        return infos.computeIfAbsent(symbol, market::symbol);
    }

    /** The price a market order would see: the ask for a BUY, the bid for a SELL, the last price without a book. */
    public BigDecimal marketPrice(Symbol symbol, Side side) {
        Ticker t = market.ticker(symbol);
        BigDecimal p = side == Side.BUY ? t.ask() : t.bid();
        return p.signum() > 0 ? p : t.price();
    }

    // ---- reconciliation ----

    /**
     * Asks the venue about every open or unknown order and applies what it says; an order the venue has
     * never seen is marked EXPIRED (it was never placed).
     *
     * @throws ExchangeUnavailableException when the venue cannot be asked
     */
    public void reconcile() {
        List<OrderEvent> events = new ArrayList<>();
        lock.lock();
        try {
            for (Order o : store.unsettled(venue.accountId())) {
                settle(o, events);
            }
            reconciled = true;
        } finally {
            lock.unlock();
            emit(events);
        }
    }

    private void settleBeforeSending() {
        if (!reconciled) {
            List<OrderEvent> events = new ArrayList<>();
            for (Order o : store.unsettled(venue.accountId())) {
                settle(o, events);
            }
            reconciled = true;
            emit(events);
        }
        for (Order o : store.orders(venue.accountId(), List.of(OrderStatus.UNKNOWN), 100)) {
            Order s = settle(o, new ArrayList<>());
            if (s.status() == OrderStatus.UNKNOWN) {
                throw new ExchangeUnavailableException("order " + o.clientOrderId()
                        + " is still UNKNOWN at the venue; nothing new is sent until a query settles it");
            }
        }
    }

    private Order settle(Order o, List<OrderEvent> events) {
        Optional<ExecutionReport> r = venue.query(o);
        if (r.isPresent()) {
            Order after = apply(o, r.get(), events);
            if (after.status() != o.status()) {
                log.info("reconciled order {}: {} -> {}", o.clientOrderId(), o.status(), after.status());
            }
            return after;
        }
        Order expired =
                o.withStatus(OrderStatus.EXPIRED, "the venue has no such order: it was never placed", clock.instant());
        store.update(expired);
        events.add(new OrderEvent(OrderEvent.Kind.UPDATED, expired, Optional.empty()));
        log.info(
                "reconciled order {}: {} -> EXPIRED (unknown to {})", o.clientOrderId(), o.status(), venue.accountId());
        return expired;
    }

    // ---- applying venue reports ----

    /** A report the venue produced by itself (a fill after placement, a resting exit's leg). */
    void onVenueReport(ExecutionReport r) {
        List<OrderEvent> events = new ArrayList<>();
        lock.lock();
        try {
            Optional<Order> o = store.byClientOrderId(r.clientOrderId());
            if (o.isEmpty()) {
                o = exitLeg(r, events);
            }
            if (o.isEmpty()) {
                log.warn("report for an order not in the store: {}", r.clientOrderId());
                return;
            }
            apply(o.get(), r, events);
        } finally {
            lock.unlock();
        }
        emit(events);
    }

    /** A fill of a resting protection's leg: the engine stores it as its own SELL order first. */
    private Optional<Order> exitLeg(ExecutionReport r, List<OrderEvent> events) {
        ProtectiveExits x = exits;
        if (r.fills().isEmpty() || x == null) {
            return Optional.empty();
        }
        Fill first = r.fills().get(0);
        if (first.side() != Side.SELL || !x.legFilled(first.symbol())) {
            return Optional.empty();
        }
        BigDecimal qty = first.quantity();
        for (Fill f : r.fills().subList(1, r.fills().size())) {
            qty = qty.add(f.quantity());
        }
        qty = qty.max(r.filledQuantity());
        Order o = store.insert(Order.from(
                OrderRequest.market(first.symbol(), Side.SELL, qty, r.clientOrderId()),
                venue.accountId(),
                source(),
                clock.instant()));
        ledger.onInserted(o);
        events.add(new OrderEvent(OrderEvent.Kind.SUBMITTED, o, Optional.empty()));
        log.info("resting exit {} of {} executed on {}", o.clientOrderId(), o.symbol(), venue.accountId());
        return Optional.of(o);
    }

    /** Applies a venue report: new fills, the order's state and the position, in one transaction. Under the lock. */
    private Order apply(Order before, ExecutionReport r, List<OrderEvent> events) {
        Instant now = clock.instant();
        Order after = before.withReport(r, now);
        String source = before.source();
        List<Fill> incoming = new ArrayList<>();
        BigDecimal delta = after.filledQuantity().subtract(before.filledQuantity());
        if (!r.fills().isEmpty()) {
            Set<String> known = new HashSet<>();
            if (before.filledQuantity().signum() > 0) {
                for (Fill f : store.fillsOf(before.id())) {
                    known.add(f.tradeId());
                }
            }
            for (Fill f : r.fills()) {
                if (!known.contains(f.tradeId())) {
                    incoming.add(f.withOrderId(before.id()).withSource(source));
                }
            }
        } else if (delta.signum() > 0) {
            // the venue gave totals only (an order query): one fill for the difference
            BigDecimal notional = after.averagePrice().orElseThrow().multiply(after.filledQuantity());
            BigDecimal prior = before.averagePrice()
                    .map(p -> p.multiply(before.filledQuantity()))
                    .orElse(BigDecimal.ZERO);
            BigDecimal price = notional.subtract(prior).divide(delta, MC);
            BigDecimal fee = after.fee().subtract(before.fee()).max(BigDecimal.ZERO);
            incoming.add(Fill.builder()
                    .orderId(before.id())
                    .tradeId("q-" + after.filledQuantity().toPlainString())
                    .symbol(before.symbol())
                    .side(before.side())
                    .price(price)
                    .quantity(delta)
                    .fee(fee)
                    .feeAsset(after.feeAsset())
                    .realizedPnl(BigDecimal.ZERO)
                    .time(now)
                    .source(source)
                    .build());
        }
        List<Fill> priced = new ArrayList<>(incoming.size());
        Position start = ledger.position(before.symbol())
                .orElseGet(() -> Position.flat(venue.accountId(), before.symbol(), source, now));
        Position p = start;
        for (Fill f : incoming) {
            Position.Applied a = p.apply(
                    f,
                    before.side() == Side.BUY ? before.stopLoss() : Optional.empty(),
                    before.side() == Side.BUY ? before.takeProfit() : Optional.empty(),
                    feeInQuote(f));
            p = a.position();
            priced.add(a.fill());
        }
        // balances the engine keeps go in the same transaction: a crash never leaves them out of step
        List<Fill> added;
        try {
            added = store.record(
                    after,
                    priced,
                    p == start ? List.of() : List.of(p),
                    venue.balancesKeptByEngine() ? venue.balances() : List.of());
        } catch (RuntimeException e) {
            restoreVenue(e);
            throw e;
        }
        ledger.onStatus(before, after);
        for (Fill f : added) {
            ledger.onFill(f);
        }
        if (p != start) {
            ledger.put(p);
            ProtectiveExits x = exits;
            if (x != null) {
                x.positionChanged(p);
            }
        }
        for (Fill f : added) {
            events.add(new OrderEvent(OrderEvent.Kind.FILLED, after, Optional.of(f)));
        }
        if (added.isEmpty() && (after.status() != before.status() || r.fills().isEmpty() && delta.signum() != 0)) {
            events.add(new OrderEvent(OrderEvent.Kind.UPDATED, after, Optional.empty()));
        } else if (!added.isEmpty()
                && after.status() != before.status()
                && after.status() != OrderStatus.FILLED
                && after.status() != OrderStatus.PARTIALLY_FILLED) {
            events.add(new OrderEvent(OrderEvent.Kind.UPDATED, after, Optional.empty()));
        }
        return after;
    }

    /**
     * After a failed (rolled back) write of an execution on a venue whose balances the engine keeps: the
     * venue goes back to the stored balances and the stored open orders are resumed, as after a restart.
     * Under the lock.
     */
    private void restoreVenue(RuntimeException cause) {
        if (!venue.balancesKeptByEngine() || restoring) {
            return;
        }
        restoring = true;
        try {
            venue.restoreBalances(store.balances(venue.accountId()));
            ledger.restore(store);
            reconciled = false;
            List<OrderEvent> ignored = new ArrayList<>();
            for (Order o : store.unsettled(venue.accountId())) {
                settle(o, ignored);
            }
            reconciled = true;
            ProtectiveExits x = exits;
            if (x != null) {
                x.adopt();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            log.warn("account not restored after a failed write (a restart restores it): {}", e.toString());
        } finally {
            restoring = false;
        }
    }

    // ---- helpers ----

    /** The fill's fee in its quote asset: a fee in a third asset (BNB) at that asset's price. */
    private BigDecimal feeInQuote(Fill f) {
        Symbol s = f.symbol();
        if (f.feeAsset().equals(s.quote()) || f.fee().signum() == 0) {
            return f.fee();
        }
        if (f.feeAsset().equals(s.base())) {
            return f.fee().multiply(f.price());
        }
        try {
            Valuation v = ledger.valuation();
            return v.value(f.feeAsset(), f.fee()).divide(v.value(s.quote(), BigDecimal.ONE), MC);
        } catch (CryptoGoException e) {
            log.warn("fee of {} {} not valued in {}: {}", f.fee(), f.feeAsset(), s.quote(), e.getMessage());
            return BigDecimal.ZERO;
        }
    }

    /** The id of the account's newest order (0 when none). */
    long newestOrderId() {
        return store.orders(venue.accountId(), List.of(), 1).stream()
                .mapToLong(Order::id)
                .findFirst()
                .orElse(0);
    }

    /** Free balance of one asset. */
    public BigDecimal free(String asset) {
        for (Balance b : venue.balances()) {
            if (b.asset().equals(asset)) {
                return b.free();
            }
        }
        return BigDecimal.ZERO;
    }

    private RiskContext context(Symbol symbol, BigDecimal restingBase) {
        BigDecimal freeQuote = BigDecimal.ZERO;
        BigDecimal freeBase = BigDecimal.ZERO;
        for (Balance b : venue.balances()) {
            if (b.asset().equals(symbol.quote())) {
                freeQuote = b.free();
            } else if (b.asset().equals(symbol.base())) {
                freeBase = b.free();
            }
        }
        Valuation v = ledger.valuation();
        return new RiskContext(
                freeQuote,
                freeBase.add(restingBase),
                ledger.quantity(symbol),
                ledger.tradesToday(),
                ledger.pnlToday(),
                venue.feeRate(),
                v.currency(),
                symbol.quote().equals(v.currency()) ? BigDecimal.ONE : v.value(symbol.quote(), BigDecimal.ONE));
    }

    private static OrderRequest round(OrderRequest r, SymbolInfo info) {
        return new OrderRequest(
                r.symbol(),
                r.side(),
                r.type(),
                positiveOr(info.roundQuantity(r.quantity()), r.quantity()),
                r.limitPrice().map(info::roundPrice),
                r.stopLoss().map(info::roundPrice),
                r.takeProfit().map(info::roundPrice),
                r.clientOrderId());
    }

    /** Rounding may reach zero; keep the raw quantity so the minimum-quantity check names the numbers. */
    private static BigDecimal positiveOr(BigDecimal rounded, BigDecimal raw) {
        return rounded.signum() > 0 ? rounded : raw;
    }

    private static void checkFilters(OrderRequest asked, OrderRequest r, SymbolInfo info, BigDecimal price) {
        BigDecimal qty = info.roundQuantity(r.quantity());
        if (qty.signum() <= 0 || qty.compareTo(info.minQty()) < 0) {
            throw new InvalidRequestException(
                    "quantity",
                    "quantity " + asked.quantity().toPlainString() + " (" + qty.toPlainString() + " after rounding down"
                            + " to the step size " + info.stepSize().toPlainString()
                            + ") is below the minimum quantity "
                            + info.minQty().stripTrailingZeros().toPlainString() + " of " + r.symbol());
        }
        if (r.limitPrice().isPresent() && r.limitPrice().get().signum() <= 0) {
            throw new InvalidRequestException(
                    "limitPrice",
                    "limitPrice rounds to 0 at tick size " + info.tickSize().toPlainString());
        }
        BigDecimal notional = qty.multiply(price);
        if (notional.compareTo(info.minNotional()) < 0) {
            throw new InvalidRequestException(
                    "quantity",
                    "order value " + notional.stripTrailingZeros().toPlainString() + " "
                            + r.symbol().quote() + " ("
                            + qty.toPlainString() + " × " + price.toPlainString() + ") is below the minimum notional "
                            + info.minNotional().stripTrailingZeros().toPlainString() + " of " + r.symbol());
        }
    }

    void emit(List<OrderEvent> events) {
        for (OrderEvent e : events) {
            for (OrderListener l : listeners) {
                try {
                    l.onEvent(e);
                } catch (RuntimeException ex) {
                    log.warn("order listener failed: {}", ex.toString());
                }
            }
        }
    }
}
