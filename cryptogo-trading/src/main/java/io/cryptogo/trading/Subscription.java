package io.cryptogo.trading;

/**
 * A registered listener (order events, proposals): close it to unregister. Closing throws no checked
 * exception, so it needs no {@code try/catch (Exception)}.
 *
 * <pre>{@code
 * try (Subscription s = trader.onOrderEvent(e -> System.out.println(e.kind()))) {
 *     trader.submit(OrderRequest.market("BTC/USDT", Side.BUY, "0.001"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Unregisters; idempotent. */
    @Override
    void close();
}
