package io.cryptogo.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** Open interest of a perpetual future, in contracts of the base asset (e.g. BTC), at a time. */
public record OpenInterest(Symbol symbol, BigDecimal amount, Instant time) {
    public OpenInterest {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(time, "time");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("open interest cannot be negative: " + amount);
        }
    }
}
