package io.cryptogo.ai.journal;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which decisions to list: optionally one symbol, candle times within {@code [from, to]}, at most {@code
 * limit} (1..1000), newest first.
 *
 * <pre>{@code
 * store.find(DecisionQuery.latest(100).symbol(Symbol.parse("BTC/USDT")).from(Instant.parse("2025-01-01T00:00:00Z")));
 * }</pre>
 */
public record DecisionQuery(Optional<Symbol> symbol, Optional<Instant> from, Optional<Instant> to, int limit) {
    public static final int MAX_LIMIT = 1000;

    public DecisionQuery {
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

    /** The newest {@code limit} decisions of every symbol. */
    public static DecisionQuery latest(int limit) {
        return new DecisionQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public DecisionQuery symbol(Symbol s) {
        return new DecisionQuery(Optional.of(s), from, to, limit);
    }

    /** As {@link #symbol(Symbol)} with {@code "BTC/USDT"}. */
    public DecisionQuery symbol(String s) {
        return symbol(Symbol.parse(s));
    }

    public DecisionQuery from(Instant t) {
        return new DecisionQuery(symbol, Optional.of(t), to, limit);
    }

    public DecisionQuery to(Instant t) {
        return new DecisionQuery(symbol, from, Optional.of(t), limit);
    }
}
