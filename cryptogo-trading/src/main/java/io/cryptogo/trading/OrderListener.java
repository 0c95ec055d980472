package io.cryptogo.trading;

/** Receives {@link OrderEvent}s; called after the change is stored, never under the trader's lock. */
@FunctionalInterface
public interface OrderListener {
    void onEvent(OrderEvent event);
}
