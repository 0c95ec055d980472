package io.cryptogo.trading;

import io.cryptogo.model.Balance;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Where orders go: the paper account or an exchange. Implementations never retry a placement blindly;
 * when the outcome of {@link #place} is unknown (a timeout, a 5xx) they throw {@link
 * io.cryptogo.ExchangeUnavailableException} and the trader marks the order {@link OrderStatus#UNKNOWN}
 * until {@link #query} by client order id settles it.
 */
public interface Venue extends AutoCloseable {
    /** The account orders and balances belong to, e.g. {@code paper} or {@code binance-testnet}. */
    String accountId();

    /** Whether orders here move real money (shown loudly by the modes); false on an exchange's testnet. */
    boolean live();

    /**
     * Whether this is an exchange's test environment (Binance's spot testnet): exchange behaviour with play
     * money. Such a venue is an exchange for {@code AUTO_TRADING=live}, but not {@link #live()}.
     */
    default boolean testnet() {
        return false;
    }

    /** The fee rate the risk checks assume for a fill (e.g. 0.001). */
    BigDecimal feeRate();

    /** Sends a new order; returns the venue's view right after placement. */
    ExecutionReport place(Order order);

    /** Cancels an open order; returns the venue's view afterwards. */
    ExecutionReport cancel(Order order);

    /**
     * Asks the venue about an order by its client order id; empty when the venue has never seen it (so it
     * was never placed).
     */
    Optional<ExecutionReport> query(Order order);

    /** The account's balances. */
    List<Balance> balances();

    /**
     * The venue's own resting stop loss / take profit orders, when it has them (Binance, and the paper venue
     * modelling them); empty when protection is only watched by the engine.
     */
    default java.util.Optional<NativeProtection> nativeProtection() {
        return java.util.Optional.empty();
    }

    /** Where a venue reports changes it notices by itself (a paper limit order crossing, say). */
    default void onExecution(ExecutionListener listener) {}

    @Override
    default void close() {}

    /** Receives reports a venue produces on its own. */
    @FunctionalInterface
    interface ExecutionListener {
        void onReport(ExecutionReport report);
    }
}
