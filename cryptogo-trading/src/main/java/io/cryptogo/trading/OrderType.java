package io.cryptogo.trading;

/** MARKET executes at once at the best price available; LIMIT waits for its price. */
public enum OrderType {
    MARKET,
    LIMIT
}
