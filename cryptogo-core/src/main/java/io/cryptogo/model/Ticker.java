package io.cryptogo.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** Last trade price and best bid/ask of a symbol at a moment. */
public record Ticker(Symbol symbol, BigDecimal price, BigDecimal bid, BigDecimal ask, Instant time) {
    public Ticker {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(ask, "ask");
        Objects.requireNonNull(time, "time");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive: " + price);
        }
    }

    /** (bid + ask) / 2, or the last price when the book side is empty. */
    public BigDecimal mid() {
        if (bid.signum() <= 0 || ask.signum() <= 0) {
            return price;
        }
        return bid.add(ask).divide(BigDecimal.TWO);
    }
}
