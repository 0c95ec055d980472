package io.cryptogo.ai.journal;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which decisions to list: optionally one symbol, candle times within {@code [from, to]}, one origin ({@code
 * live} or {@code backtest}; every origin when empty, the default), at most {@code limit} (1..1000), newest
 * first.
 *
 * <pre>{@code
 * store.find(DecisionQuery.latest(100).symbol(Symbol.parse("BTC/USDT")).from(Instant.parse("2025-01-01T00:00:00Z")));
 * }</pre>
 */
public record DecisionQuery(
        Optional<Symbol> symbol,
        Optional<Instant> from,
        Optional<Instant> to,
        int limit,
        Optional<Decision.Origin.Kind> origin) {
    public static final int MAX_LIMIT = 1000;

    public DecisionQuery {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be within 1..1000, got " + limit);
        }
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new InvalidRequestException("from", "from " + from.get() + " is after to " + to.get());
        }
    }

    /** Every origin (the form before the origin was recorded). */
    public DecisionQuery(Optional<Symbol> symbol, Optional<Instant> from, Optional<Instant> to, int limit) {
        this(symbol, from, to, limit, Optional.empty());
    }

    /** The newest {@code limit} decisions of every symbol and origin. */
    public static DecisionQuery latest(int limit) {
        return new DecisionQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    /** Only decisions of this origin ({@code live} or {@code backtest}). */
    public DecisionQuery origin(Decision.Origin.Kind k) {
        return new DecisionQuery(symbol, from, to, limit, Optional.of(k));
    }

    /** Decisions of every origin (the default). */
    public DecisionQuery anyOrigin() {
        return new DecisionQuery(symbol, from, to, limit, Optional.empty());
    }

    public DecisionQuery symbol(Symbol s) {
        return new DecisionQuery(Optional.of(s), from, to, limit, origin);
    }

    /** As {@link #symbol(Symbol)} with {@code "BTC/USDT"}. */
    public DecisionQuery symbol(String s) {
        return symbol(Symbol.parse(s));
    }

    public DecisionQuery from(Instant t) {
        return new DecisionQuery(symbol, Optional.of(t), to, limit, origin);
    }

    public DecisionQuery to(Instant t) {
        return new DecisionQuery(symbol, from, Optional.of(t), limit, origin);
    }
}
