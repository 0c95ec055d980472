package io.cryptogo.trading;

/**
 * The life of an order. {@code UNKNOWN} means the venue may or may not have it (a timeout or a 5xx on
 * placement): nothing new is sent until a query by client order id settles it.
 */
public enum OrderStatus {
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED,
    UNKNOWN;

    /** Whether the order may still fill (NEW or PARTIALLY_FILLED). */
    public boolean isOpen() {
        return this == NEW || this == PARTIALLY_FILLED;
    }

    /** Whether nothing will ever change it again. */
    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }
}
