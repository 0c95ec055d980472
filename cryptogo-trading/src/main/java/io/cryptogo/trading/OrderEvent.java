package io.cryptogo.trading;

import java.util.Objects;
import java.util.Optional;

/** Something happened to an order: it was accepted, (partly) filled, canceled, rejected or became unknown. */
public record OrderEvent(Kind kind, Order order, Optional<Fill> fill) {
    /** What happened. */
    public enum Kind {
        SUBMITTED,
        FILLED,
        UPDATED
    }

    public OrderEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(fill, "fill");
    }
}
