package io.cryptogo.trading.venue.paper;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.NativeProtection;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.OrderType;
import io.cryptogo.trading.RestingProtection;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Venue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
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
 * A simulated account filled against the market: market orders at the current ask (bid) plus slippage,
 * limit orders when the price crosses their limit, a fee on every fill paid in the quote asset, orders
 * above {@link PaperSettings#partialFillSize()} filled in pieces, one per price update.
 *
 * <p>Prices come from the market's 1m stream while something works here. A closed candle that opened at
 * or after an order was placed is matched on its whole range (a BUY limit fills when the low reaches it, a
 * SELL limit when the high does, at the limit); any other update counts as one trade at its close. That is
 * how a replay over candles and the live market fill alike.
 *
 * <p>Balances never go negative: a limit order locks what it may spend (quantity × limit × (1 + fee) of
 * the quote asset for a BUY, the quantity of the base asset for a SELL), a market order fills only what
 * the free balance covers. The venue keeps its balances in memory only: the engine stores them with every
 * execution ({@link #balancesKeptByEngine()}) and gives them back at start ({@link #restoreBalances}).
 *
 * <p>It also models resting protection ({@link #nativeProtection()}): a stop loss and/or take profit that
 * lock the base quantity on its book like Binance's OCO and sell when reached; within one candle that
 * reaches both, the stop is taken first. Its legs report under the client ids {@code x-sl-…} and {@code
 * x-tp-…} (the list's id with {@code x-} replaced).
 *
 * <pre>{@code
 * PaperVenue paper = new PaperVenue(market, PaperSettings.fromConfig(config), Clock.systemUTC());
 * }</pre>
 */
public final class PaperVenue implements Venue, NativeProtection {
    /** The paper account's id in the store. */
    public static final String ACCOUNT = "paper";

    private static final Logger log = LoggerFactory.getLogger(PaperVenue.class);
    private static final BigDecimal BPS = new BigDecimal("10000");
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

    private final MarketDataSource market;
    private final PaperSettings settings;
    private final Clock clock;
    private final BigDecimal slippage;
    private volatile ReentrantLock lock = new ReentrantLock();
    private final Map<String, Funds> funds = new TreeMap<>();
    private final Map<String, Working> working = new LinkedHashMap<>();
    private final Map<String, ExecutionReport> done = new HashMap<>();
    private final Map<Symbol, Resting> resting = new LinkedHashMap<>();
    private final Map<Symbol, StreamHandle> streams = new ConcurrentHashMap<>();
    private final Map<Symbol, SymbolInfo> infos = new ConcurrentHashMap<>();
    private volatile ExecutionListener listener = r -> {};

    /** A paper account with the settings' starting balances (the engine may restore stored ones). */
    public PaperVenue(MarketDataSource market, PaperSettings settings, Clock clock) {
        this.market = Objects.requireNonNull(market, "market");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.slippage = BigDecimal.valueOf(settings.slippageBps()).divide(BPS);
        settings.startingBalances().forEach((a, v) -> funds.put(a, new Funds(v, BigDecimal.ZERO)));
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
    public BigDecimal maxSlippage() {
        return slippage;
    }

    @Override
    public boolean balancesKeptByEngine() {
        return true;
    }

    @Override
    public void useLock(ReentrantLock engineLock) {
        this.lock = Objects.requireNonNull(engineLock, "engineLock");
    }

    @Override
    public Optional<NativeProtection> nativeProtection() {
        return Optional.of(this);
    }

    @Override
    public void onExecution(ExecutionListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
    }

    @Override
    public ExecutionReport place(Order order) {
        SymbolInfo info = info(order.symbol());
        ExecutionReport report;
        ReentrantLock l = lock;
        l.lock();
        try {
            ExecutionReport known = reportOf(order.clientOrderId());
            if (known != null) {
                return known;
            }
            report = accept(order, info, Optional.of(market.ticker(order.symbol())), order.createdAt());
        } finally {
            l.unlock();
        }
        watch(order.symbol());
        return report;
    }

    /** Registers a new or resumed order and fills what the current ticker allows. Under the lock. */
    private ExecutionReport accept(Order order, SymbolInfo info, Optional<Ticker> ticker, Instant placedAt) {
        Working w = new Working(order, info, placedAt);
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

    /**
     * One trade at {@code price} for a working order (a limit fills at its limit when crossed, at the book's
     * better price when crossing at placement; a market order at the price with slippage). Under the lock.
     */
    private void step(Working w, BigDecimal price, boolean atPlacement, List<Fill> out) {
        Order o = w.order;
        BigDecimal fillPrice;
        if (o.type() == OrderType.MARKET) {
            BigDecimal raw = o.side() == Side.BUY
                    ? price.multiply(BigDecimal.ONE.add(slippage))
                    : price.multiply(BigDecimal.ONE.subtract(slippage));
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
            fillPrice = atPlacement ? price : limit;
        }
        fill(w, fillPrice, out);
    }

    /** A closed candle after placement: the whole range traded. Under the lock. */
    private void stepRange(Working w, Candle c, List<Fill> out) {
        Order o = w.order;
        if (o.type() == OrderType.MARKET) {
            step(w, c.open(), false, out);
            return;
        }
        BigDecimal limit = o.limitPrice().orElseThrow();
        boolean crosses =
                o.side() == Side.BUY ? c.low().compareTo(limit) <= 0 : c.high().compareTo(limit) >= 0;
        if (crosses) {
            fill(w, limit, out);
        }
    }

    private void fill(Working w, BigDecimal fillPrice, List<Fill> out) {
        Order o = w.order;
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
        w.lastPrice = fillPrice;
        w.filled = w.filled.add(qty);
        w.cost = w.cost.add(notional);
        w.fee = w.fee.add(fee);
        Fill f = Fill.builder()
                .orderId(o.id())
                .tradeId("paper-" + w.trades + "-" + w.filled.toPlainString())
                .symbol(o.symbol())
                .side(o.side())
                .price(fillPrice)
                .quantity(qty)
                .fee(fee)
                .feeAsset(o.symbol().quote())
                .realizedPnl(BigDecimal.ZERO)
                .time(clock.instant())
                .build();
        out.add(f);
        if (log.isInfoEnabled()) {
            log.info(
                    "paper fill {} {} {} {} @ {} fee {}",
                    o.clientOrderId(),
                    o.side(),
                    qty.toPlainString(),
                    o.symbol(),
                    fillPrice.toPlainString(),
                    fee.toPlainString());
        }
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
        ReentrantLock l = lock;
        l.lock();
        try {
            Working w = working.get(order.clientOrderId());
            if (w == null) {
                ExecutionReport known = done.get(order.clientOrderId());
                return known != null ? known : ExecutionReport.status(order, OrderStatus.CANCELED, "canceled");
            }
            return finish(w, OrderStatus.CANCELED, "canceled on request");
        } finally {
            l.unlock();
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
        ReentrantLock l = lock;
        l.lock();
        try {
            ExecutionReport known = reportOf(order.clientOrderId());
            if (known != null) {
                return Optional.of(known);
            }
            if (!(order.status().isOpen() || order.status() == OrderStatus.UNKNOWN)) {
                return Optional.empty();
            }
            if (order.type() == OrderType.MARKET && order.filledQuantity().signum() == 0) {
                Working w = new Working(order, info(symbol), clock.instant());
                return Optional.of(finish(w, OrderStatus.EXPIRED, "market order not executed before a restart"));
            }
            r = accept(order, info(symbol), Optional.empty(), clock.instant());
        } finally {
            l.unlock();
        }
        watch(symbol);
        return Optional.of(r);
    }

    @Override
    public List<Balance> balances() {
        ReentrantLock l = lock;
        l.lock();
        try {
            List<Balance> out = new ArrayList<>(funds.size());
            funds.forEach((a, f) -> out.add(new Balance(a, f.free, f.locked)));
            return out;
        } finally {
            l.unlock();
        }
    }

    /** A new price for a symbol (a tick, fed by a test or a caller): one trade at that price. */
    public void onPrice(Symbol symbol, BigDecimal price) {
        onUpdate(symbol, null, price);
    }

    /**
     * A candle of the symbol from the market stream: a closed candle is matched on its whole range for
     * orders placed at or before its open, any other update as one trade at its close.
     */
    public void onCandle(Candle c) {
        onUpdate(c.symbol(), c, c.close());
    }

    private void onUpdate(Symbol symbol, Candle c, BigDecimal price) {
        ReentrantLock l = lock;
        l.lock();
        try {
            for (Working w : List.copyOf(working.values())) {
                // a listener called below may have ended or restored an order of this snapshot already
                if (!w.order.symbol().equals(symbol) || working.get(w.order.clientOrderId()) != w) {
                    continue;
                }
                List<Fill> fills = new ArrayList<>();
                if (c != null && c.closed() && !c.openTime().isBefore(w.placedAt)) {
                    stepRange(w, c, fills);
                } else {
                    step(w, price, false, fills);
                }
                if (!fills.isEmpty() || w.done) {
                    // the listener stores this execution with the balances as they are now, before the next
                    notifyListener(w.done ? withFills(done.get(w.order.clientOrderId()), fills) : w.report(fills));
                }
            }
            Resting r = resting.get(symbol);
            if (r != null) {
                trigger(r, c, price);
            }
        } finally {
            l.unlock();
        }
        unwatchIdle();
    }

    private void notifyListener(ExecutionReport r) {
        try {
            listener.onReport(r);
        } catch (RuntimeException e) {
            log.warn("order listener failed for {}: {}", r.clientOrderId(), e.toString());
        }
    }

    // ---- resting protection (stop loss / take profit on the book) ----

    @Override
    public RestingProtection place(
            Symbol symbol,
            BigDecimal quantity,
            Optional<BigDecimal> stopLoss,
            Optional<BigDecimal> takeProfit,
            String listClientId) {
        RestingProtection p;
        ReentrantLock l = lock;
        l.lock();
        try {
            Resting old = resting.get(symbol);
            if (old != null && old.protection.listClientId().equals(listClientId)) {
                return old.protection;
            }
            if (old != null) {
                throw new InvalidRequestException(
                        "symbol", symbol + " already has a resting protection " + old.protection.listClientId());
            }
            Funds b = funds(symbol.base());
            if (b.free.compareTo(quantity) < 0) {
                throw new InvalidRequestException(
                        "quantity",
                        "resting protection of " + symbol + ": " + insufficient(symbol.base(), quantity, b.free));
            }
            b.free = b.free.subtract(quantity);
            b.locked = b.locked.add(quantity);
            p = new RestingProtection(
                    symbol, listClientId, "paper-list-" + listClientId, quantity, stopLoss, takeProfit);
            resting.put(symbol, new Resting(p, info(symbol), clock.instant()));
            if (log.isInfoEnabled()) {
                log.info(
                        "paper resting protection {} of {} {}: stop {} target {}",
                        listClientId,
                        quantity.toPlainString(),
                        symbol,
                        stopLoss.map(BigDecimal::toPlainString).orElse("-"),
                        takeProfit.map(BigDecimal::toPlainString).orElse("-"));
            }
        } finally {
            l.unlock();
        }
        watch(symbol);
        return p;
    }

    @Override
    public void cancel(RestingProtection protection) {
        ReentrantLock l = lock;
        l.lock();
        try {
            Resting r = resting.get(protection.symbol());
            if (r == null || !r.protection.listClientId().equals(protection.listClientId())) {
                return;
            }
            resting.remove(protection.symbol());
            Funds b = funds(protection.symbol().base());
            b.locked = b.locked.subtract(protection.quantity());
            b.free = b.free.add(protection.quantity());
            log.info("paper resting protection {} canceled", protection.listClientId());
        } finally {
            l.unlock();
        }
    }

    @Override
    public List<RestingProtection> open(Symbol symbol) {
        ReentrantLock l = lock;
        l.lock();
        try {
            Resting r = resting.get(symbol);
            return r == null ? List.of() : List.of(r.protection);
        } finally {
            l.unlock();
        }
    }

    /** Client order id of a leg: {@code x-sl-…} or {@code x-tp-…} from the list's {@code x-…}. */
    public static String legId(String listClientId, boolean stop) {
        String rest = listClientId.startsWith("x-") ? listClientId.substring(2) : listClientId;
        String id = (stop ? "x-sl-" : "x-tp-") + rest;
        return id.length() > 36 ? id.substring(0, 36) : id;
    }

    /** Stop first: a candle (or tick) that reaches both the stop and the target sells at the stop. */
    private void trigger(Resting r, Candle c, BigDecimal price) {
        RestingProtection p = r.protection;
        boolean range = c != null && c.closed() && !c.openTime().isBefore(r.placedAt);
        BigDecimal low = range ? c.low() : price;
        BigDecimal high = range ? c.high() : price;
        BigDecimal exit;
        boolean stop;
        if (p.stopLoss().isPresent() && low.compareTo(p.stopLoss().get()) <= 0) {
            stop = true;
            BigDecimal at = range ? c.open().min(p.stopLoss().get()) : price;
            exit = r.info.roundPrice(at.multiply(BigDecimal.ONE.subtract(slippage)));
        } else if (p.takeProfit().isPresent() && high.compareTo(p.takeProfit().get()) >= 0) {
            stop = false;
            exit = p.takeProfit().get();
        } else {
            return;
        }
        resting.remove(p.symbol());
        Symbol s = p.symbol();
        Funds base = funds(s.base());
        Funds quote = funds(s.quote());
        BigDecimal qty = p.quantity();
        BigDecimal notional = qty.multiply(exit);
        BigDecimal fee = notional.multiply(settings.feeRate());
        base.locked = base.locked.subtract(qty);
        quote.free = quote.free.add(notional.subtract(fee));
        String id = legId(p.listClientId(), stop);
        Fill f = Fill.builder()
                .orderId(0)
                .tradeId("paper-1-" + qty.toPlainString())
                .symbol(s)
                .side(Side.SELL)
                .price(exit)
                .quantity(qty)
                .fee(fee)
                .feeAsset(s.quote())
                .realizedPnl(BigDecimal.ZERO)
                .time(clock.instant())
                .build();
        ExecutionReport report = new ExecutionReport(
                id,
                Optional.of("paper-" + id),
                OrderStatus.FILLED,
                qty,
                Optional.of(exit),
                fee,
                Optional.of(s.quote()),
                List.of(f),
                Optional.of(stop ? "stop loss reached" : "take profit reached"));
        done.put(id, report);
        if (log.isInfoEnabled()) {
            log.info(
                    "paper {} {} sold {} {} @ {}",
                    stop ? "stop loss" : "take profit",
                    id,
                    qty.toPlainString(),
                    s,
                    exit.toPlainString());
        }
        notifyListener(report);
    }

    /**
     * Sets the balances to the given stored ones (totals free; open orders lock again when they are resumed
     * by {@link #query}) and forgets every order and resting protection: what a restart does.
     */
    @Override
    public void restoreBalances(List<Balance> stored) {
        Objects.requireNonNull(stored, "stored");
        ReentrantLock l = lock;
        l.lock();
        try {
            funds.clear();
            for (Balance b : stored) {
                funds.put(b.asset(), new Funds(b.total(), BigDecimal.ZERO));
            }
            working.clear();
            done.clear();
            resting.clear();
            log.info("paper account restored from the store: {}", funds);
        } finally {
            l.unlock();
        }
    }

    /** Whether an order is still working here. */
    public boolean isWorking(String clientOrderId) {
        ReentrantLock l = lock;
        l.lock();
        try {
            return working.containsKey(clientOrderId);
        } finally {
            l.unlock();
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

    private boolean busy(Symbol symbol) {
        if (resting.containsKey(symbol)) {
            return true;
        }
        for (Working w : working.values()) {
            if (w.order.symbol().equals(symbol)) {
                return true;
            }
        }
        return false;
    }

    private void watch(Symbol symbol) {
        ReentrantLock l = lock;
        l.lock();
        try {
            if (!busy(symbol)) {
                return;
            }
        } finally {
            l.unlock();
        }
        streams.computeIfAbsent(symbol, s -> {
            try {
                return market.stream(s, Interval.M1, this::onCandle);
            } catch (RuntimeException e) {
                log.warn("cannot stream {} for paper fills: {}", s, e.toString());
                return null;
            }
        });
    }

    private void unwatchIdle() {
        if (streams.isEmpty()) {
            return;
        }
        for (Symbol s : List.copyOf(streams.keySet())) {
            boolean idle;
            ReentrantLock l = lock;
            l.lock();
            try {
                idle = !busy(s);
            } finally {
                l.unlock();
            }
            if (idle) {
                StreamHandle h = streams.remove(s);
                if (h != null) {
                    h.close();
                }
            }
        }
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

    /**
     * {@code cost.divide(filled, MC)}, without the long division when it is known: when the cost is exactly
     * {@code price × filled} (one fill) at the preferred scale and the price fits the precision, that quotient
     * is {@code price} itself, the same value and scale {@code divide} returns.
     */
    static BigDecimal average(BigDecimal cost, BigDecimal filled, BigDecimal price) {
        if (price != null
                && price.precision() <= MC.getPrecision()
                && (long) price.scale() == (long) cost.scale() - filled.scale()
                && price.multiply(filled).equals(cost)) {
            return price;
        }
        return cost.divide(filled, MC);
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

    private record Resting(RestingProtection protection, SymbolInfo info, Instant placedAt) {}

    private static final class Working {
        final Order order;
        final SymbolInfo info;
        final Instant placedAt;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal fee = BigDecimal.ZERO;
        int trades;
        BigDecimal lastPrice;
        boolean done;
        OrderStatus status;
        String reason;

        Working(Order order, SymbolInfo info, Instant placedAt) {
            this.order = order;
            this.info = info;
            this.placedAt = placedAt;
        }

        BigDecimal remaining() {
            return order.quantity().subtract(filled);
        }

        ExecutionReport report(List<Fill> fills) {
            OrderStatus s =
                    status != null ? status : filled.signum() == 0 ? OrderStatus.NEW : OrderStatus.PARTIALLY_FILLED;
            Optional<BigDecimal> avg =
                    filled.signum() == 0 ? Optional.empty() : Optional.of(average(cost, filled, lastPrice));
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
