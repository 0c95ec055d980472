package io.cryptogo.trading.engine;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.NativeProtection;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.RestingProtection;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Venue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protective exits: keeps every open position with a stop loss or take profit protected until it is
 * closed. When the venue can rest protection on its book ({@link Venue#nativeProtection()}), one is placed
 * after the position opens or changes, cancelled when the position closes another way, and adopted at
 * start. Otherwise (or while placing fails) the engine watches the market itself: a candle (or price) at
 * or below the stop, or at or above the target, sends a market SELL; within one candle that reaches both,
 * the stop is taken first. Each exit attempt has its own client order id; a failed attempt is retried at
 * the next trigger after a backoff (1 s doubling up to 60 s), logged and shown by {@link #status()}.
 *
 * <pre>{@code
 * for (ProtectiveExits.Status s : engine.exits().status()) System.out.println(s);
 * }</pre>
 */
public final class ProtectiveExits implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProtectiveExits.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    /**
     * How a position is protected now: {@code resting} on the venue's book, or watched here; the failed
     * exit or placement attempts so far, the last error and when the next attempt may go.
     */
    public record Status(
            Symbol symbol,
            Optional<BigDecimal> stopLoss,
            Optional<BigDecimal> takeProfit,
            Optional<RestingProtection> resting,
            int failedAttempts,
            Optional<String> lastError,
            Optional<Instant> nextAttemptAt) {
        public Status {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(stopLoss, "stopLoss");
            Objects.requireNonNull(takeProfit, "takeProfit");
            Objects.requireNonNull(resting, "resting");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        }
    }

    private static final class Guard {
        Position position;
        RestingProtection resting;
        boolean released;
        int failures;
        int attempts;
        String lastError;
        Instant nextAttempt = Instant.MIN;
        Instant armedAt;
    }

    private final MarketDataSource market;
    private final Venue venue;
    private final OrderManager orders;
    private final Ledger ledger;
    private final Clock clock;
    private final ReentrantLock lock;
    private final Optional<NativeProtection> resting;
    private final Map<Symbol, Guard> guards = new HashMap<>();
    private final Map<Symbol, StreamHandle> streams = new HashMap<>();
    private long seq;

    ProtectiveExits(
            MarketDataSource market, Venue venue, OrderManager orders, Ledger ledger, Clock clock, ReentrantLock lock) {
        this.market = Objects.requireNonNull(market, "market");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.resting = venue.nativeProtection();
    }

    /** The protection of every open protected position. */
    public List<Status> status() {
        lock.lock();
        try {
            List<Status> out = new ArrayList<>();
            for (Map.Entry<Symbol, Guard> e : guards.entrySet()) {
                Guard g = e.getValue();
                out.add(new Status(
                        e.getKey(),
                        g.position.stopLoss(),
                        g.position.takeProfit(),
                        Optional.ofNullable(g.resting),
                        g.failures,
                        Optional.ofNullable(g.lastError),
                        g.failures == 0 ? Optional.empty() : Optional.of(g.nextAttempt)));
            }
            out.sort(Comparator.comparing(Status::symbol));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** At start (or after a restore): adopts resting protections and protects every open position. */
    void adopt() {
        lock.lock();
        try {
            // list ids stay unique across restarts: the sequence continues from the newest order's id
            seq = Math.max(seq, orders.newestOrderId());
            for (Guard g : guards.values()) {
                g.resting = null;
            }
            for (Position p : ledger.open()) {
                if (protects(p) && resting.isPresent()) {
                    Guard g = guard(p);
                    try {
                        List<RestingProtection> open = resting.get().open(p.symbol());
                        if (!open.isEmpty()) {
                            g.resting = open.get(0);
                            log.info("adopted resting protection {} of {}", g.resting.listClientId(), p.symbol());
                            for (RestingProtection extra : open.subList(1, open.size())) {
                                resting.get().cancel(extra);
                            }
                        }
                    } catch (CryptoGoException e) {
                        log.warn("cannot read resting protections of {}: {}", p.symbol(), e.getMessage());
                    }
                }
                positionChanged(p);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A position changed (under the lock): protect it, move its resting protection, or let it go. */
    void positionChanged(Position p) {
        Symbol s = p.symbol();
        if (!protects(p)) {
            Guard g = guards.remove(s);
            if (g != null && g.resting != null) {
                cancelResting(g);
            }
            unwatch(s);
            return;
        }
        Guard g = guard(p);
        g.position = p;
        if (g.released) {
            return;
        }
        if (resting.isPresent()) {
            if (g.resting != null && matches(g.resting, p)) {
                return;
            }
            if (g.resting != null) {
                cancelResting(g);
            }
            placeResting(g);
        }
        if (g.resting == null) {
            watch(s);
        } else {
            unwatch(s);
        }
    }

    private boolean matches(RestingProtection r, Position p) {
        return r.quantity().compareTo(restQuantity(p, r)) == 0
                && same(r.stopLoss(), p.stopLoss())
                && same(r.takeProfit(), p.takeProfit());
    }

    /** BigDecimal equality is scale-sensitive; a price read back from the store may differ only in scale. */
    private static boolean same(Optional<BigDecimal> a, Optional<BigDecimal> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || a.get().compareTo(b.get()) == 0);
    }

    private BigDecimal restQuantity(Position p, RestingProtection current) {
        SymbolInfo info = orders.info(p.symbol());
        BigDecimal free = orders.free(p.symbol().base()).add(current == null ? BigDecimal.ZERO : current.quantity());
        return info.roundQuantity(p.quantity().min(free));
    }

    private void placeResting(Guard g) {
        Position p = g.position;
        BigDecimal qty = restQuantity(p, null);
        SymbolInfo info = orders.info(p.symbol());
        if (qty.signum() <= 0 || qty.compareTo(info.minQty()) < 0) {
            return;
        }
        String id = "x-" + p.symbol().exchangeCode().toLowerCase(java.util.Locale.ROOT) + "-"
                + Long.toString(clock.millis(), 36) + "-" + (++seq);
        try {
            g.resting = resting.get().place(p.symbol(), qty, p.stopLoss(), p.takeProfit(), id);
            g.failures = 0;
            g.lastError = null;
        } catch (CryptoGoException e) {
            g.failures++;
            g.lastError = "resting protection not placed: " + e.getMessage();
            log.warn(
                    "resting protection of {} not placed ({}); the engine watches it instead",
                    p.symbol(),
                    e.getMessage());
        }
    }

    private void cancelResting(Guard g) {
        RestingProtection r = g.resting;
        g.resting = null;
        try {
            resting.orElseThrow().cancel(r);
        } catch (CryptoGoException e) {
            log.warn("resting protection {} of {} not cancelled: {}", r.listClientId(), r.symbol(), e.getMessage());
        }
    }

    /** Base quantity a resting protection of the symbol locks (0 when none). */
    BigDecimal restingQuantity(Symbol s) {
        Guard g = guards.get(s);
        return g == null || g.resting == null ? BigDecimal.ZERO : g.resting.quantity();
    }

    /** Cancels the resting protection before a SELL of the same asset; {@link #rearm} follows the SELL. */
    void release(Symbol s) {
        Guard g = guards.get(s);
        if (g != null && g.resting != null) {
            g.released = true;
            cancelResting(g);
        }
    }

    /** After a SELL that needed the resting protection out of the way: protect what is left. */
    void rearm(Symbol s) {
        Guard g = guards.get(s);
        if (g != null) {
            g.released = false;
            ledger.position(s).ifPresent(this::positionChanged);
        }
    }

    /**
     * A SELL the engine never sent reports a fill for a protected position: a leg of its resting protection
     * (also one executed while the application was down, reported by the venue at start). True when the
     * symbol is protected.
     */
    boolean legFilled(Symbol s) {
        Guard g = guards.get(s);
        if (g == null) {
            return false;
        }
        g.resting = null;
        return true;
    }

    private Guard guard(Position p) {
        Guard g = guards.computeIfAbsent(p.symbol(), k -> new Guard());
        if (g.position == null || !g.position.openedAt().equals(p.openedAt())) {
            g.armedAt = clock.instant();
            g.failures = 0;
            g.lastError = null;
            g.nextAttempt = Instant.MIN;
        }
        g.position = p;
        return g;
    }

    private static boolean protects(Position p) {
        return p.isOpen() && (p.stopLoss().isPresent() || p.takeProfit().isPresent());
    }

    // ---- watching here ----

    private void watch(Symbol symbol) {
        if (streams.containsKey(symbol)) {
            return;
        }
        try {
            streams.put(symbol, market.stream(symbol, Interval.M1, this::onCandle));
        } catch (RuntimeException e) {
            log.warn("cannot watch {} for stop loss / take profit: {}", symbol, e.toString());
        }
    }

    private void unwatch(Symbol symbol) {
        StreamHandle h = streams.remove(symbol);
        if (h != null) {
            h.close();
        }
    }

    private void onCandle(Candle c) {
        Guard g;
        lock.lock();
        try {
            g = guards.get(c.symbol());
            if (g == null || g.resting != null) {
                return;
            }
            boolean range = c.closed() && !c.openTime().isBefore(g.armedAt);
            check(c.symbol(), range ? c.low() : c.close(), range ? c.high() : c.close());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the exit of {@code symbol} when a price between {@code low} and {@code high} reaches its stop
     * loss (first) or its take profit. Returns the exit order, if one was sent.
     */
    public Optional<Order> check(Symbol symbol, BigDecimal low, BigDecimal high) {
        lock.lock();
        try {
            Guard g = guards.get(symbol);
            if (g == null || g.resting != null || !g.position.isOpen()) {
                return Optional.empty();
            }
            Position p = g.position;
            String kind;
            if (p.stopLoss().isPresent() && low.compareTo(p.stopLoss().get()) <= 0) {
                kind = "sl";
            } else if (p.takeProfit().isPresent()
                    && high.compareTo(p.takeProfit().get()) >= 0) {
                kind = "tp";
            } else {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (now.isBefore(g.nextAttempt)) {
                return Optional.empty();
            }
            SymbolInfo info = orders.info(symbol);
            BigDecimal qty = info.roundQuantity(p.quantity().min(orders.free(symbol.base())));
            if (qty.signum() <= 0 || qty.compareTo(info.minQty()) < 0) {
                return Optional.empty();
            }
            // each attempt its own id: a rejected exit never blocks the next one
            g.attempts++;
            String id = "x-" + kind + "-" + symbol.exchangeCode().toLowerCase(java.util.Locale.ROOT) + "-"
                    + Long.toString(p.openedAt().toEpochMilli(), 36) + "-" + g.attempts;
            if (id.length() > 36) {
                id = id.substring(id.length() - 36);
            }
            if (log.isInfoEnabled()) {
                log.info(
                        "{} hit for {} (low {}, high {}): selling {} (attempt {})",
                        kind.equals("sl") ? "stop loss" : "take profit",
                        symbol,
                        low.toPlainString(),
                        high.toPlainString(),
                        qty.toPlainString(),
                        g.attempts);
            }
            String error;
            Order o = null;
            try {
                o = orders.submit(OrderRequest.market(symbol, Side.SELL, qty, id), true);
                error = o.status() == OrderStatus.REJECTED || o.status() == OrderStatus.EXPIRED
                        ? o.status() + ": " + o.reason().orElse("")
                        : null;
            } catch (CryptoGoException e) {
                error = e.getMessage();
            }
            if (error != null) {
                g.failures++;
                g.lastError = error;
                long factor = 1L << Math.min(g.failures - 1, 6);
                Duration wait = FIRST_BACKOFF.multipliedBy(factor);
                g.nextAttempt = now.plus(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
                log.warn(
                        "exit {} of {} failed (attempt {}, failure {}): {}; next attempt after {}",
                        id,
                        symbol,
                        g.attempts,
                        g.failures,
                        error,
                        g.nextAttempt);
            } else {
                g.failures = 0;
                g.lastError = null;
            }
            return Optional.ofNullable(o);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            streams.values().forEach(StreamHandle::close);
            streams.clear();
        } finally {
            lock.unlock();
        }
    }
}
