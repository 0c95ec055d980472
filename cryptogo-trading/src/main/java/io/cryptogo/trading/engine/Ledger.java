package io.cryptogo.trading.engine;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.store.OrderStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portfolio: positions by symbol, the day's realised PnL (minus fees) and accepted order count, kept
 * incrementally as executions are applied and restored from the store at start, and equity. Money is in
 * the {@link Valuation}'s currency. Mutated only under the engine's lock.
 *
 * <pre>{@code
 * BigDecimal pnl = ledger.pnlToday();    // no store read: kept as fills arrive
 * }</pre>
 */
public final class Ledger {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    private static final long DAY_MS = 86_400_000L;

    private final String accountId;
    private final Clock clock;
    private final Valuation valuation;
    private final Map<Symbol, Position> positions = new HashMap<>();
    private long day = Long.MIN_VALUE;
    private BigDecimal pnlToday = BigDecimal.ZERO;
    private int tradesToday;
    private int openCount;

    public Ledger(String accountId, Clock clock, Valuation valuation) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.valuation = Objects.requireNonNull(valuation, "valuation");
    }

    /** Reads positions, today's fills and today's accepted orders from the store (once, at start). */
    public void restore(OrderStore store) {
        positions.clear();
        openCount = 0;
        for (Position p : store.positions(accountId)) {
            put(p);
        }
        day = today();
        Instant since = Instant.ofEpochMilli(day * DAY_MS);
        tradesToday = store.countAccepted(accountId, since);
        BigDecimal pnl = BigDecimal.ZERO;
        for (Fill f : store.fills(accountId, Optional.empty(), since, 1_000_000)) {
            pnl = pnl.add(valued(f));
        }
        pnlToday = pnl;
    }

    public Valuation valuation() {
        return valuation;
    }

    /** The position of a symbol (flat when none). */
    public Optional<Position> position(Symbol symbol) {
        return Optional.ofNullable(positions.get(symbol));
    }

    /** Held quantity of a symbol (0 when flat). */
    public BigDecimal quantity(Symbol symbol) {
        Position p = positions.get(symbol);
        return p == null ? BigDecimal.ZERO : p.quantity();
    }

    /** Whether any position is open (a replayed bar without one, and without orders, costs nothing). */
    public boolean anyOpen() {
        return openCount > 0;
    }

    /** Open positions, by symbol. */
    public List<Position> open() {
        List<Position> out = new ArrayList<>();
        for (Position p : positions.values()) {
            if (p.isOpen()) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(Position::symbol));
        return out;
    }

    /** Replaces a symbol's position. */
    public void put(Position p) {
        Position old = positions.put(p.symbol(), p);
        if (old != null && old.isOpen()) {
            openCount--;
        }
        if (p.isOpen()) {
            openCount++;
        }
    }

    /** A new order was stored: counts toward today's trades. */
    public void onInserted(Order o) {
        roll();
        if (o.status() != OrderStatus.REJECTED && isToday(o.createdAt())) {
            tradesToday++;
        }
    }

    /** An order changed status: a rejection of today's order no longer counts. */
    public void onStatus(Order before, Order after) {
        roll();
        if (after.status() == OrderStatus.REJECTED
                && before.status() != OrderStatus.REJECTED
                && isToday(before.createdAt())) {
            tradesToday--;
        }
    }

    /** A new fill: its realised PnL minus its fee joins today's PnL. */
    public void onFill(Fill f) {
        roll();
        if (isToday(f.time())) {
            pnlToday = pnlToday.add(valued(f));
        }
    }

    private BigDecimal valued(Fill f) {
        try {
            return valuation.pnl(f);
        } catch (CryptoGoException e) {
            log.warn("fill {} of order {} left out of the daily PnL: {}", f.tradeId(), f.orderId(), e.getMessage());
            return BigDecimal.ZERO;
        }
    }

    /** Realised PnL minus fees of today's (UTC) fills, in the valuation currency. */
    public BigDecimal pnlToday() {
        roll();
        return pnlToday;
    }

    /** Orders accepted today (UTC), as {@code MAX_DAILY_TRADES} counts them. */
    public int tradesToday() {
        roll();
        return tradesToday;
    }

    /** Total value of the balances in the valuation currency (assets without a price count 0). */
    public BigDecimal equity(List<Balance> balances) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Balance b : balances) {
            if (b.total().signum() == 0) {
                continue;
            }
            try {
                sum = sum.add(valuation.value(b.asset(), b.total()));
            } catch (CryptoGoException e) {
                log.debug("no {} price for {}: left out of equity", valuation.currency(), b.asset());
            }
        }
        return sum;
    }

    private void roll() {
        long d = today();
        if (d != day) {
            day = d;
            pnlToday = BigDecimal.ZERO;
            tradesToday = 0;
        }
    }

    private boolean isToday(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), DAY_MS) == day;
    }

    private long today() {
        return Math.floorDiv(clock.millis(), DAY_MS);
    }
}
