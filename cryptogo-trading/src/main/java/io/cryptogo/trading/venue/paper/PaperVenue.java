package io.cryptogo.trading.venue.paper;

import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.OrderType;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Venue;
import io.cryptogo.trading.store.OrderStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated account filled against the live market: market orders at the current ask (bid) plus
 * slippage, limit orders when the price crosses their limit, a fee on every fill paid in the quote asset,
 * orders above {@link PaperSettings#partialFillSize()} filled in pieces, one per price update.
 *
 * <p>Balances never go negative: a limit order locks what it may spend (quantity × limit × (1 + fee) of
 * the quote asset for a BUY, the quantity of the base asset for a SELL), a market order fills only what
 * the free balance covers. Balances are stored (account {@code paper}) after every change when a store is
 * given, and read back at start; locks are rebuilt from the open orders the trader resumes.
 *
 * <pre>{@code
 * PaperVenue paper = new PaperVenue(market, PaperSettings.fromConfig(config), Clock.systemUTC(), store);
 * }</pre>
 */
public final class PaperVenue implements Venue {
    /** The paper account's id in the store. */
    public static final String ACCOUNT = "paper";

    private static final Logger log = LoggerFactory.getLogger(PaperVenue.class);
    private static final BigDecimal BPS = new BigDecimal("10000");

    private final MarketDataSource market;
    private final PaperSettings settings;
    private final Clock clock;
    private final Optional<OrderStore> store;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean balancesWithOrders;
    private final Map<String, Funds> funds = new TreeMap<>();
    private final Map<String, Working> working = new LinkedHashMap<>();
    private final Map<String, ExecutionReport> done = new HashMap<>();
    private final Map<Symbol, StreamHandle> streams = new ConcurrentHashMap<>();
    private final Map<Symbol, SymbolInfo> infos = new ConcurrentHashMap<>();
    private volatile ExecutionListener listener = r -> {};

    public PaperVenue(MarketDataSource market, PaperSettings settings, Clock clock, Optional<OrderStore> store) {
        this.market = Objects.requireNonNull(market, "market");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        List<Balance> saved = store.map(s -> s.balances(ACCOUNT)).orElse(List.of());
        if (saved.isEmpty()) {
            settings.startingBalances().forEach((a, v) -> funds.put(a, new Funds(v, BigDecimal.ZERO)));
            store.ifPresent(s -> {
                s.ensureAccount(ACCOUNT, "paper", clock.instant());
                s.saveBalances(ACCOUNT, balancesLocked(), clock.instant());
            });
            log.info("paper account opened with {}", settings.startingBalances());
        } else {
            // locks belong to open orders; the trader resumes those (query) and they lock again
            for (Balance b : saved) {
                funds.put(b.asset(), new Funds(b.total(), BigDecimal.ZERO));
            }
            log.info("paper account resumed: {}", funds);
        }
    }

    public PaperSettings settings() {
        return settings;
    }

    @Override
    public String accountId() {
        return ACCOUNT;
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public BigDecimal feeRate() {
        return settings.feeRate();
    }

    @Override
    public void onExecution(ExecutionListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
    }

    @Override
    public ExecutionReport place(Order order) {
        SymbolInfo info = info(order.symbol());
        ExecutionReport report;
        lock.lock();
        try {
            ExecutionReport known = reportOf(order.clientOrderId());
            if (known != null) {
                return known;
            }
            report = accept(order, info, Optional.of(market.ticker(order.symbol())));
            persist();
        } finally {
            lock.unlock();
        }
        watch(order.symbol());
        return report;
    }

    /** Registers a new or resumed order and fills what the current ticker allows. Under the lock. */
    private ExecutionReport accept(Order order, SymbolInfo info, Optional<Ticker> ticker) {
        Working w = new Working(order, info);
        w.filled = order.filledQuantity();
        w.cost = order.averagePrice()
                .map(p -> p.multiply(order.filledQuantity()))
                .orElse(BigDecimal.ZERO);
        w.fee = order.fee();
        w.trades = 0;
        if (order.type() == OrderType.LIMIT) {
            BigDecimal limit = order.limitPrice().orElseThrow();
            if (order.side() == Side.BUY) {
                BigDecimal need = withFee(w.remaining().multiply(limit));
                Funds q = funds(order.symbol().quote());
                if (q.free.compareTo(need) < 0) {
                    return finish(
                            w, OrderStatus.REJECTED, insufficient(order.symbol().quote(), need, q.free));
                }
                q.free = q.free.subtract(need);
                q.locked = q.locked.add(need);
            } else {
                Funds b = funds(order.symbol().base());
                if (b.free.compareTo(w.remaining()) < 0) {
                    return finish(
                            w, OrderStatus.REJECTED, insufficient(order.symbol().base(), w.remaining(), b.free));
                }
                b.free = b.free.subtract(w.remaining());
                b.locked = b.locked.add(w.remaining());
            }
        }
        working.put(order.clientOrderId(), w);
        List<Fill> fills = new ArrayList<>();
        if (ticker.isPresent()) {
            Ticker t = ticker.get();
            BigDecimal ask = t.ask().signum() > 0 ? t.ask() : t.price();
            BigDecimal bid = t.bid().signum() > 0 ? t.bid() : t.price();
            step(w, order.side() == Side.BUY ? ask : bid, true, fills);
        }
        return w.done ? done.get(order.clientOrderId()) : w.report(fills);
    }

    /** One price update for a working order: fill a piece when the price allows. Under the lock. */
    private void step(Working w, BigDecimal price, boolean atPlacement, List<Fill> out) {
        Order o = w.order;
        BigDecimal fillPrice;
        if (o.type() == OrderType.MARKET) {
            BigDecimal slip = BigDecimal.valueOf(settings.slippageBps()).divide(BPS);
            BigDecimal raw = o.side() == Side.BUY
                    ? price.multiply(BigDecimal.ONE.add(slip))
                    : price.multiply(BigDecimal.ONE.subtract(slip));
            fillPrice = w.info.roundPrice(raw);
            if (fillPrice.signum() <= 0) {
                return;
            }
        } else {
            BigDecimal limit = o.limitPrice().orElseThrow();
            boolean crosses = o.side() == Side.BUY ? price.compareTo(limit) <= 0 : price.compareTo(limit) >= 0;
            if (!crosses) {
                return;
            }
            // crossing at placement takes the book's better price (taker); later crossings fill at the limit
            fillPrice = atPlacement ? price : limit;
        }
        BigDecimal qty = w.remaining();
        if (settings.partialFillSize().isPresent()) {
            qty = qty.min(w.info.roundQuantity(settings.partialFillSize().get()));
            if (qty.signum() <= 0) {
                qty = w.remaining();
            }
        }
        Funds quote = funds(o.symbol().quote());
        Funds base = funds(o.symbol().base());
        BigDecimal notional = qty.multiply(fillPrice);
        BigDecimal fee = notional.multiply(settings.feeRate());
        if (o.side() == Side.BUY) {
            BigDecimal pay = notional.add(fee);
            if (o.type() == OrderType.LIMIT) {
                BigDecimal release = withFee(qty.multiply(o.limitPrice().orElseThrow()));
                quote.locked = quote.locked.subtract(release);
                quote.free = quote.free.add(release.subtract(pay));
            } else {
                if (quote.free.compareTo(pay) < 0) {
                    String why = insufficient(o.symbol().quote(), pay, quote.free);
                    finish(w, w.filled.signum() == 0 ? OrderStatus.REJECTED : OrderStatus.CANCELED, why);
                    return;
                }
                quote.free = quote.free.subtract(pay);
            }
            base.free = base.free.add(qty);
        } else {
            if (o.type() == OrderType.LIMIT) {
                base.locked = base.locked.subtract(qty);
            } else {
                if (base.free.compareTo(qty) < 0) {
                    String why = insufficient(o.symbol().base(), qty, base.free);
                    finish(w, w.filled.signum() == 0 ? OrderStatus.REJECTED : OrderStatus.CANCELED, why);
                    return;
                }
                base.free = base.free.subtract(qty);
            }
            quote.free = quote.free.add(notional.subtract(fee));
        }
        w.trades++;
        w.filled = w.filled.add(qty);
        w.cost = w.cost.add(notional);
        w.fee = w.fee.add(fee);
        Fill f = new Fill(
                o.id(),
                "paper-" + w.trades + "-" + w.filled.toPlainString(),
                o.symbol(),
                o.side(),
                fillPrice,
                qty,
                fee,
                o.symbol().quote(),
                BigDecimal.ZERO,
                clock.instant());
        out.add(f);
        log.info(
                "paper fill {} {} {} {} @ {} fee {}",
                o.clientOrderId(),
                o.side(),
                qty.toPlainString(),
                o.symbol(),
                fillPrice.toPlainString(),
                fee.toPlainString());
        if (w.remaining().signum() == 0) {
            finish(w, OrderStatus.FILLED, null, out);
        }
    }

    private ExecutionReport finish(Working w, OrderStatus status, String reason) {
        return finish(w, status, reason, List.of());
    }

    /** Ends a working order: releases what it still locks and remembers its final report. */
    private ExecutionReport finish(Working w, OrderStatus status, String reason, List<Fill> fills) {
        Order o = w.order;
        if (o.type() == OrderType.LIMIT && working.containsKey(o.clientOrderId())) {
            if (o.side() == Side.BUY) {
                BigDecimal rest = withFee(w.remaining().multiply(o.limitPrice().orElseThrow()));
                Funds q = funds(o.symbol().quote());
                q.locked = q.locked.subtract(rest);
                q.free = q.free.add(rest);
            } else {
                Funds b = funds(o.symbol().base());
                b.locked = b.locked.subtract(w.remaining());
                b.free = b.free.add(w.remaining());
            }
        }
        working.remove(o.clientOrderId());
        w.done = true;
        w.status = status;
        w.reason = reason;
        ExecutionReport r = w.report(fills);
        done.put(o.clientOrderId(), r);
        if (reason != null) {
            log.info("paper order {} {}: {}", o.clientOrderId(), status, reason);
        }
        return r;
    }

    @Override
    public ExecutionReport cancel(Order order) {
        lock.lock();
        try {
            Working w = working.get(order.clientOrderId());
            if (w == null) {
                ExecutionReport known = done.get(order.clientOrderId());
                return known != null ? known : ExecutionReport.status(order, OrderStatus.CANCELED, "canceled");
            }
            ExecutionReport r = finish(w, OrderStatus.CANCELED, "canceled on request");
            persist();
            return r;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The order's state here. An open order this venue does not hold (after a restart) is resumed: a
     * limit order locks its funds again and waits for its price, a market order with fills continues;
     * a market order that never filled is reported expired rather than executed late.
     */
    @Override
    public Optional<ExecutionReport> query(Order order) {
        Symbol symbol = order.symbol();
        ExecutionReport r;
        lock.lock();
        try {
            ExecutionReport known = reportOf(order.clientOrderId());
            if (known != null) {
                return Optional.of(known);
            }
            if (!(order.status().isOpen() || order.status() == OrderStatus.UNKNOWN)) {
                return Optional.empty();
            }
            if (order.type() == OrderType.MARKET && order.filledQuantity().signum() == 0) {
                Working w = new Working(order, info(symbol));
                return Optional.of(finish(w, OrderStatus.EXPIRED, "market order not executed before a restart"));
            }
            r = accept(order, info(symbol), Optional.empty());
            persist();
        } finally {
            lock.unlock();
        }
        watch(symbol);
        return Optional.of(r);
    }

    @Override
    public List<Balance> balances() {
        lock.lock();
        try {
            return balancesLocked();
        } finally {
            lock.unlock();
        }
    }

    private List<Balance> balancesLocked() {
        List<Balance> out = new ArrayList<>();
        funds.forEach((a, f) -> out.add(new Balance(a, f.free, f.locked)));
        return out;
    }

    /**
     * A new price for a symbol (from the market stream, or fed by a test): fills the working orders it
     * allows and reports them to the listener.
     */
    public void onPrice(Symbol symbol, BigDecimal price) {
        List<ExecutionReport> reports = new ArrayList<>();
        lock.lock();
        try {
            for (Working w : List.copyOf(working.values())) {
                // a listener called below may have ended or restored an order of this snapshot already
                if (!w.order.symbol().equals(symbol) || working.get(w.order.clientOrderId()) != w) {
                    continue;
                }
                List<Fill> fills = new ArrayList<>();
                step(w, price, false, fills);
                if (!fills.isEmpty() || w.done) {
                    ExecutionReport r = w.done ? withFills(done.get(w.order.clientOrderId()), fills) : w.report(fills);
                    if (balancesWithOrders) {
                        // the listener stores this execution with the balances as they are now, before the next
                        notifyListener(r);
                    } else {
                        reports.add(r);
                    }
                }
            }
            if (!reports.isEmpty()) {
                persist();
            }
        } finally {
            lock.unlock();
        }
        reports.forEach(this::notifyListener);
        unwatchIdle();
    }

    private void notifyListener(ExecutionReport r) {
        try {
            listener.onReport(r);
        } catch (RuntimeException e) {
            log.warn("order listener failed for {}: {}", r.clientOrderId(), e.toString());
        }
    }

    /**
     * Hands the storing of balances to the caller, for the {@link io.cryptogo.trading.Trader}: from now on
     * this venue no longer writes its balances by itself; the caller stores {@link #balances()} with each
     * execution's order, fills and position in one transaction ({@link OrderStore#record(Order, List,
     * java.util.Collection, java.util.Collection)}). Returns the venue's lock, which the caller must hold
     * while it places, cancels, queries and stores, so that the balances it stores are exactly those after
     * the execution it stores; reports from price updates reach the listener one by one under this lock.
     *
     * <pre>{@code
     * ReentrantLock lock = paper.storeBalancesWithOrders();
     * }</pre>
     */
    public ReentrantLock storeBalancesWithOrders() {
        balancesWithOrders = true;
        return lock;
    }

    /**
     * Forgets every order and sets the balances to the given stored ones (totals free; open orders lock
     * again when they are resumed by {@link #query}): what a restart does, for a caller whose write of an
     * execution failed and was rolled back, so that memory and store agree again.
     *
     * <pre>{@code
     * paper.restore(store.balances(PaperVenue.ACCOUNT));
     * }</pre>
     */
    public void restore(List<Balance> stored) {
        Objects.requireNonNull(stored, "stored");
        lock.lock();
        try {
            funds.clear();
            for (Balance b : stored) {
                funds.put(b.asset(), new Funds(b.total(), BigDecimal.ZERO));
            }
            working.clear();
            done.clear();
            log.warn("paper account restored from the store: {}", funds);
        } finally {
            lock.unlock();
        }
    }

    /** Whether an order is still working here. */
    public boolean isWorking(String clientOrderId) {
        lock.lock();
        try {
            return working.containsKey(clientOrderId);
        } finally {
            lock.unlock();
        }
    }

    private static ExecutionReport withFills(ExecutionReport r, List<Fill> fills) {
        return new ExecutionReport(
                r.clientOrderId(),
                r.exchangeOrderId(),
                r.status(),
                r.filledQuantity(),
                r.averagePrice(),
                r.fee(),
                r.feeAsset(),
                fills,
                r.reason());
    }

    private ExecutionReport reportOf(String clientOrderId) {
        Working w = working.get(clientOrderId);
        if (w != null) {
            return w.report(List.of());
        }
        return done.get(clientOrderId);
    }

    private void watch(Symbol symbol) {
        lock.lock();
        try {
            if (working.values().stream().noneMatch(w -> w.order.symbol().equals(symbol))) {
                return;
            }
        } finally {
            lock.unlock();
        }
        streams.computeIfAbsent(symbol, s -> {
            try {
                return market.stream(s, Interval.M1, c -> onPrice(s, c.close()));
            } catch (RuntimeException e) {
                log.warn("cannot stream {} for paper fills: {}", s, e.toString());
                return null;
            }
        });
    }

    private void unwatchIdle() {
        for (Symbol s : List.copyOf(streams.keySet())) {
            boolean idle;
            lock.lock();
            try {
                idle = working.values().stream().noneMatch(w -> w.order.symbol().equals(s));
            } finally {
                lock.unlock();
            }
            if (idle) {
                StreamHandle h = streams.remove(s);
                if (h != null) {
                    h.close();
                }
            }
        }
    }

    private void persist() {
        if (balancesWithOrders) {
            return;
        }
        store.ifPresent(s -> s.saveBalances(ACCOUNT, balancesLocked(), clock.instant()));
    }

    private SymbolInfo info(Symbol s) {
        return infos.computeIfAbsent(s, market::symbol);
    }

    private Funds funds(String asset) {
        return funds.computeIfAbsent(asset, a -> new Funds(BigDecimal.ZERO, BigDecimal.ZERO));
    }

    private BigDecimal withFee(BigDecimal notional) {
        return notional.add(notional.multiply(settings.feeRate()));
    }

    private static String insufficient(String asset, BigDecimal need, BigDecimal free) {
        return "insufficient " + asset + ": need " + need.stripTrailingZeros().toPlainString() + ", free "
                + free.stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() {
        streams.values().forEach(StreamHandle::close);
        streams.clear();
    }

    private static final class Funds {
        BigDecimal free;
        BigDecimal locked;

        Funds(BigDecimal free, BigDecimal locked) {
            this.free = free;
            this.locked = locked;
        }

        @Override
        public String toString() {
            return free.toPlainString() + (locked.signum() == 0 ? "" : "+" + locked.toPlainString() + " locked");
        }
    }

    private static final class Working {
        final Order order;
        final SymbolInfo info;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal fee = BigDecimal.ZERO;
        int trades;
        boolean done;
        OrderStatus status;
        String reason;

        Working(Order order, SymbolInfo info) {
            this.order = order;
            this.info = info;
        }

        BigDecimal remaining() {
            return order.quantity().subtract(filled);
        }

        ExecutionReport report(List<Fill> fills) {
            OrderStatus s =
                    status != null ? status : filled.signum() == 0 ? OrderStatus.NEW : OrderStatus.PARTIALLY_FILLED;
            Optional<BigDecimal> avg = filled.signum() == 0
                    ? Optional.empty()
                    : Optional.of(cost.divide(filled, new MathContext(20, RoundingMode.HALF_EVEN)));
            return new ExecutionReport(
                    order.clientOrderId(),
                    Optional.of("paper-" + order.id()),
                    s,
                    filled,
                    avg,
                    fee,
                    Optional.of(order.symbol().quote()),
                    fills,
                    Optional.ofNullable(reason));
        }
    }
}
