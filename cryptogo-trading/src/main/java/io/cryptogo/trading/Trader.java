package io.cryptogo.trading;

import io.cryptogo.CryptoGoException;
import io.cryptogo.ExchangeUnavailableException;
import io.cryptogo.InvalidRequestException;
import io.cryptogo.RiskRejectedException;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import io.cryptogo.store.Database;
import io.cryptogo.trading.mode.AutoTrading;
import io.cryptogo.trading.mode.Proposals;
import io.cryptogo.trading.risk.PriceBounds;
import io.cryptogo.trading.risk.RiskContext;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.risk.RiskManager;
import io.cryptogo.trading.store.OrderStore;
import io.cryptogo.trading.store.ProposalStore;
import io.cryptogo.trading.venue.binance.BinanceVenue;
import io.cryptogo.trading.venue.paper.PaperSettings;
import io.cryptogo.trading.venue.paper.PaperVenue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * The trading entry point: submit, cancel and look up orders, positions, balances and equity, behind the
 * {@link RiskManager}, on one {@link Venue} (paper by default), with every order, fill and position
 * stored. A client order id submitted twice yields the same order. On start, open and unknown orders are
 * reconciled with the venue before anything new is sent.
 *
 * <pre>{@code
 * try (Trader trader = Trader.builder().market(market).database(db).risk(RiskLimits.defaults()).build()) {
 *     trader.onOrderEvent(e -> System.out.println(e.kind() + " " + e.order().status()));
 *     Order o = trader.submit(OrderRequest.market(Symbol.parse("BTC/USDT"), Side.BUY, new BigDecimal("0.001")));
 *     trader.proposals().propose(signal);   // manual confirmation
 * }
 * }</pre>
 */
public final class Trader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Trader.class);
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

    private final MarketDataSource market;
    private final OrderStore store;
    private final Venue venue;
    private final RiskManager risk;
    private final Clock clock;
    private final String equityAsset;
    private final boolean ownsVenue;
    private final ReentrantLock lock;
    private final boolean balancesWithOrders;
    private boolean restoring;
    private final Map<Symbol, Position> positions = new HashMap<>();
    private final Map<Symbol, SymbolInfo> infos = new ConcurrentHashMap<>();
    private final Map<Symbol, StreamHandle> protectionStreams = new ConcurrentHashMap<>();
    private final List<OrderListener> listeners = new CopyOnWriteArrayList<>();
    private final Proposals proposals;
    private final AutoTrading auto;
    private volatile boolean reconciled;

    private Trader(Builder b) {
        this.market = b.market;
        this.store = new OrderStore(b.database);
        this.clock = b.clock;
        this.venue = b.venue != null ? b.venue : new PaperVenue(b.market, b.paper, b.clock, Optional.of(store));
        this.ownsVenue = b.venue == null || b.ownsVenue;
        if (venue instanceof PaperVenue paper) {
            // one lock for the venue and the trader: each paper execution is stored with its balances
            this.lock = paper.storeBalancesWithOrders();
            this.balancesWithOrders = true;
        } else {
            this.lock = new ReentrantLock();
            this.balancesWithOrders = false;
        }
        this.risk = new RiskManager(b.limits);
        this.equityAsset = b.equityAsset;
        store.ensureAccount(venue.accountId(), venue.accountId(), clock.instant());
        for (Position p : store.positions(venue.accountId())) {
            positions.put(p.symbol(), p);
        }
        venue.onExecution(this::onVenueReport);
        this.proposals = new Proposals(
                this, new ProposalStore(b.database), b.proposalTtl, b.maxPriceDrift, b.clock, venue.accountId());
        this.auto = new AutoTrading(this, b.autoMode);
        try {
            reconcile();
        } catch (ExchangeUnavailableException e) {
            log.warn(
                    "venue {} unreachable at start; orders wait until reconciliation succeeds: {}",
                    venue.accountId(),
                    e.getMessage());
        }
        positions.values().stream().filter(this::protects).forEach(p -> watch(p.symbol()));
        log.info(
                "trader ready: venue {} ({}), limits {}, auto trading {}",
                venue.accountId(),
                venue.live() ? "LIVE" : "simulated",
                b.limits,
                b.autoMode.name().toLowerCase(Locale.ROOT));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * From configuration: venue {@code TRADING_VENUE} ({@code paper} default, or {@code binance}), risk
     * limits ({@code MAX_POSITION_SIZE}, {@code MAX_DAILY_TRADES}, {@code RISK_PER_TRADE}, {@code
     * MAX_DAILY_LOSS}), paper settings ({@code PAPER_*}), {@code PROPOSAL_TTL}, {@code MAX_PRICE_DRIFT},
     * {@code AUTO_TRADING}. A bad value fails here with a {@link ConfigException} naming it.
     */
    public static Trader fromConfig(Config config, MarketDataSource market, Database database) {
        Builder b = builder()
                .market(market)
                .database(database)
                .risk(RiskLimits.fromConfig(config))
                .paper(PaperSettings.fromConfig(config))
                .proposalTtl(config.duration("PROPOSAL_TTL", Duration.ofMinutes(15)))
                .maxPriceDrift(config.decimal(
                        "MAX_PRICE_DRIFT", new BigDecimal("0.005"), BigDecimal.ZERO, new BigDecimal("0.5")))
                .autoTrading(config.enumValue("AUTO_TRADING", AutoTrading.Mode.class, AutoTrading.Mode.OFF));
        String venueName = config.string("TRADING_VENUE", "paper").toLowerCase(Locale.ROOT);
        switch (venueName) {
            case "paper" -> {}
            case "binance" -> b.venue(BinanceVenue.fromConfig(config, market), true);
            default ->
                throw new ConfigException(
                        "TRADING_VENUE",
                        "TRADING_VENUE='" + venueName + "' is not valid; accepted values: paper, binance");
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
        return submit(request, false);
    }

    private Order submit(OrderRequest request, boolean protectiveExit) {
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
        PriceBounds.BINANCE_DEFAULT.check(
                r, info, r.limitPrice().isPresent() ? marketPrice(r.symbol(), r.side()) : price);
        List<OrderEvent> events = new ArrayList<>();
        Order order;
        lock.lock();
        try {
            seen = store.byClientOrderId(r.clientOrderId());
            if (seen.isPresent()) {
                return seen.get();
            }
            settleBeforeSending();
            risk.check(r, price, context(r.symbol()), protectiveExit);
            order = store.insert(Order.from(r, venue.accountId(), clock.instant()));
            events.add(new OrderEvent(OrderEvent.Kind.SUBMITTED, order, Optional.empty()));
            log.info(
                    "order {} {} {} {} {}{} on {}",
                    order.clientOrderId(),
                    order.side(),
                    order.quantity().toPlainString(),
                    order.symbol(),
                    order.type(),
                    order.limitPrice().map(p -> " @ " + p.toPlainString()).orElse(""),
                    venue.accountId());
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
                order = order.withStatus(OrderStatus.REJECTED, e.getMessage(), clock.instant());
                store.update(order);
                events.add(new OrderEvent(OrderEvent.Kind.UPDATED, order, Optional.empty()));
                log.info("order {} rejected by {}: {}", order.clientOrderId(), venue.accountId(), e.getMessage());
            }
        } finally {
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

    // ---- account ----

    /** Open positions (quantity above zero). */
    public List<Position> positions() {
        lock.lock();
        try {
            return positions.values().stream()
                    .filter(Position::isOpen)
                    .sorted((a, b) -> a.symbol().compareTo(b.symbol()))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    public List<Balance> balances() {
        return venue.balances();
    }

    /** Total value of all balances in {@link #equityAsset()} at the last prices (assets without one count 0). */
    public BigDecimal equity() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Balance b : venue.balances()) {
            if (b.total().signum() == 0) {
                continue;
            }
            if (b.asset().equals(equityAsset)) {
                sum = sum.add(b.total());
            } else {
                try {
                    sum = sum.add(b.total()
                            .multiply(market.ticker(new Symbol(b.asset(), equityAsset))
                                    .price()));
                } catch (CryptoGoException e) {
                    log.debug("no {} price for {}: left out of equity", equityAsset, b.asset());
                }
            }
        }
        return sum;
    }

    /** The asset equity is counted in ({@code USDT}). */
    public String equityAsset() {
        return equityAsset;
    }

    /** Stores the current equity as a point of the equity curve and returns it. */
    public BigDecimal snapshotEquity() {
        BigDecimal e = equity();
        store.saveEquity(venue.accountId(), clock.instant(), e);
        return e;
    }

    /** Realised PnL minus fees of today's (UTC) fills, in the quote assets. */
    public BigDecimal pnlToday() {
        BigDecimal pnl = BigDecimal.ZERO;
        for (Fill f : store.fills(venue.accountId(), Optional.empty(), startOfDay(), 100_000)) {
            BigDecimal fee =
                    f.feeAsset().equals(f.symbol().quote()) ? f.fee() : f.fee().multiply(f.price());
            pnl = pnl.add(f.realizedPnl()).subtract(fee);
        }
        return pnl;
    }

    /** Orders accepted today (UTC), as {@code MAX_DAILY_TRADES} counts them. */
    public int tradesToday() {
        return store.countAccepted(venue.accountId(), startOfDay());
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

    /** Manual confirmation: signals become proposals a person approves or rejects. */
    public Proposals proposals() {
        return proposals;
    }

    /** Routes signals by {@code AUTO_TRADING}: proposals when off, orders when paper or live. */
    public AutoTrading auto() {
        return auto;
    }

    /** Registers a listener for order events; close the returned handle to unregister. */
    public AutoCloseable onOrderEvent(OrderListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    // ---- sizing used by the modes ----

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

    /** Free balance of one asset. */
    public BigDecimal free(String asset) {
        return venue.balances().stream()
                .filter(b -> b.asset().equals(asset))
                .map(Balance::free)
                .findFirst()
                .orElse(BigDecimal.ZERO);
    }

    // ---- reconciliation ----

    /**
     * Asks the venue about every open or unknown order and applies what it says; an order the venue has
     * never seen is marked EXPIRED (it was never placed). Runs at start and before any new order while an
     * earlier outcome is unknown.
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

    private void onVenueReport(ExecutionReport r) {
        List<OrderEvent> events = new ArrayList<>();
        lock.lock();
        try {
            Optional<Order> o = store.byClientOrderId(r.clientOrderId());
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

    /** Applies a venue report: new fills, the order's state and the position, in one transaction. Under the lock. */
    private Order apply(Order before, ExecutionReport r, List<OrderEvent> events) {
        Instant now = clock.instant();
        Order after = before.withReport(r, now);
        Set<String> known = new HashSet<>();
        for (Fill f : store.fillsOf(before.id())) {
            known.add(f.tradeId());
        }
        List<Fill> incoming = new ArrayList<>();
        BigDecimal reportedQty = BigDecimal.ZERO;
        for (Fill f : r.fills()) {
            reportedQty = reportedQty.add(f.quantity());
            if (!known.contains(f.tradeId())) {
                incoming.add(f.withOrderId(before.id()));
            }
        }
        BigDecimal delta = after.filledQuantity().subtract(before.filledQuantity());
        if (r.fills().isEmpty() && delta.signum() > 0) {
            // the venue gave totals only (an order query): one fill for the difference
            BigDecimal notional = after.averagePrice().orElseThrow().multiply(after.filledQuantity());
            BigDecimal prior = before.averagePrice()
                    .map(p -> p.multiply(before.filledQuantity()))
                    .orElse(BigDecimal.ZERO);
            BigDecimal price = notional.subtract(prior).divide(delta, MC);
            BigDecimal fee = after.fee().subtract(before.fee()).max(BigDecimal.ZERO);
            incoming.add(new Fill(
                    before.id(),
                    "q-" + after.filledQuantity().toPlainString(),
                    before.symbol(),
                    before.side(),
                    price,
                    delta,
                    fee,
                    after.feeAsset(),
                    BigDecimal.ZERO,
                    now));
        }
        List<Fill> priced = new ArrayList<>();
        Position p = positions.getOrDefault(before.symbol(), Position.flat(venue.accountId(), before.symbol(), now));
        Position start = p;
        for (Fill f : incoming) {
            Position.Applied a = p.apply(
                    f,
                    before.side() == Side.BUY ? before.stopLoss() : Optional.empty(),
                    before.side() == Side.BUY ? before.takeProfit() : Optional.empty());
            p = a.position();
            priced.add(a.fill());
        }
        // a paper venue's balances go in the same transaction: a crash never leaves them out of step
        List<Fill> added;
        try {
            added = store.record(
                    after,
                    priced,
                    p == start ? List.of() : List.of(p),
                    balancesWithOrders ? venue.balances() : List.of());
        } catch (RuntimeException e) {
            restorePaper(e);
            throw e;
        }
        if (p != start) {
            positions.put(p.symbol(), p);
            if (protects(p)) {
                watch(p.symbol());
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
     * After a failed (rolled back) write of a paper execution: the paper venue goes back to the stored
     * balances and the stored open orders are resumed, as after a restart. Under the lock.
     */
    private void restorePaper(RuntimeException cause) {
        if (!(venue instanceof PaperVenue paper) || restoring) {
            return;
        }
        restoring = true;
        try {
            paper.restore(store.balances(venue.accountId()));
            reconciled = false;
            List<OrderEvent> ignored = new ArrayList<>();
            for (Order o : store.unsettled(venue.accountId())) {
                settle(o, ignored);
            }
            reconciled = true;
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            log.warn("paper account not restored after a failed write (a restart restores it): {}", e.toString());
        } finally {
            restoring = false;
        }
    }

    // ---- protection (stop loss, take profit) ----

    private boolean protects(Position p) {
        return p.isOpen() && (p.stopLoss().isPresent() || p.takeProfit().isPresent());
    }

    private void watch(Symbol symbol) {
        protectionStreams.computeIfAbsent(symbol, s -> {
            try {
                return market.stream(s, Interval.M1, c -> checkProtection(s, c.close()));
            } catch (RuntimeException e) {
                log.warn("cannot watch {} for stop loss / take profit: {}", s, e.toString());
                return null;
            }
        });
    }

    /**
     * Sells the position of {@code symbol} at market when {@code price} reaches its stop loss or take
     * profit (called for every live price; callable directly). Returns the exit order, if one was sent.
     */
    public Optional<Order> checkProtection(Symbol symbol, BigDecimal price) {
        Position p;
        lock.lock();
        try {
            p = positions.get(symbol);
        } finally {
            lock.unlock();
        }
        if (p == null || !p.isOpen()) {
            return Optional.empty();
        }
        String kind;
        if (p.stopLoss().isPresent() && price.compareTo(p.stopLoss().get()) <= 0) {
            kind = "sl";
        } else if (p.takeProfit().isPresent() && price.compareTo(p.takeProfit().get()) >= 0) {
            kind = "tp";
        } else {
            return Optional.empty();
        }
        SymbolInfo info = info(symbol);
        BigDecimal qty = info.roundQuantity(p.quantity().min(free(symbol.base())));
        if (qty.signum() <= 0 || qty.compareTo(info.minQty()) < 0) {
            return Optional.empty();
        }
        // one exit per position and trigger: the id is derived from the position's opening time
        String id =
                "x-" + kind + "-" + symbol.exchangeCode() + "-" + p.openedAt().toEpochMilli() + "-"
                        + p.quantity().stripTrailingZeros().toPlainString().replace(".", "_");
        if (id.length() > 36) {
            id = id.substring(0, 36);
        }
        log.info(
                "{} hit for {} at {}: selling {}",
                kind.equals("sl") ? "stop loss" : "take profit",
                symbol,
                price.toPlainString(),
                qty.toPlainString());
        try {
            return Optional.of(
                    submit(OrderRequest.market(symbol, Side.SELL, qty).withClientOrderId(id), true));
        } catch (CryptoGoException e) {
            log.warn("exit of {} failed: {}", symbol, e.getMessage());
            return Optional.empty();
        }
    }

    // ---- helpers ----

    private RiskContext context(Symbol symbol) {
        BigDecimal freeQuote = BigDecimal.ZERO;
        BigDecimal freeBase = BigDecimal.ZERO;
        for (Balance b : venue.balances()) {
            if (b.asset().equals(symbol.quote())) {
                freeQuote = b.free();
            } else if (b.asset().equals(symbol.base())) {
                freeBase = b.free();
            }
        }
        Position p = positions.get(symbol);
        return new RiskContext(
                freeQuote,
                freeBase,
                p == null ? BigDecimal.ZERO : p.quantity(),
                tradesToday(),
                pnlToday(),
                venue.feeRate());
    }

    private Instant startOfDay() {
        return clock.instant()
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    private static OrderRequest round(OrderRequest r, SymbolInfo info) {
        return new OrderRequest(
                r.symbol(),
                r.side(),
                r.type(),
                positiveOr(info.roundQuantity(r.quantity()), r.quantity(), info),
                r.limitPrice().map(info::roundPrice),
                r.stopLoss().map(info::roundPrice),
                r.takeProfit().map(info::roundPrice),
                r.clientOrderId());
    }

    /** Rounding may reach zero; keep the raw quantity so the minimum-quantity check names the numbers. */
    private static BigDecimal positiveOr(BigDecimal rounded, BigDecimal raw, SymbolInfo info) {
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

    private void emit(List<OrderEvent> events) {
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

    @Override
    public void close() {
        auto.close();
        protectionStreams.values().forEach(StreamHandle::close);
        protectionStreams.clear();
        if (ownsVenue) {
            venue.close();
        }
    }

    /** Builds a {@link Trader}; {@link #build()} validates, opens the venue and reconciles. */
    public static final class Builder {
        private MarketDataSource market;
        private Database database;
        private Venue venue;
        private boolean ownsVenue;
        private RiskLimits limits = RiskLimits.defaults();
        private PaperSettings paper = PaperSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private String equityAsset = "USDT";
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

        /** The venue (default: a paper account on the given market and database). The caller closes it. */
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

        public Builder equityAsset(String asset) {
            this.equityAsset = Objects.requireNonNull(asset, "asset");
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

        public Trader build() {
            if (market == null) {
                throw new ConfigException("market", "a market data source is required");
            }
            if (database == null) {
                throw new ConfigException("DATABASE_URL", "a database is required for orders, fills and positions");
            }
            if (venue != null) {
                AutoTrading.validate(autoMode, venue.live());
            } else {
                AutoTrading.validate(autoMode, false);
            }
            return new Trader(this);
        }
    }
}
