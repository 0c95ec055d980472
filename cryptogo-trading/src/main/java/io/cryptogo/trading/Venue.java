package io.cryptogo.trading;

import io.cryptogo.model.Balance;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where orders go: the paper account or an exchange. Implementations never retry a placement blindly;
 * when the outcome of {@link #place} is unknown (a timeout, a 5xx) they throw {@link
 * io.cryptogo.error.ExchangeUnavailableException} and the trader marks the order {@link OrderStatus#UNKNOWN}
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
    default Optional<NativeProtection> nativeProtection() {
        return Optional.empty();
    }

    /**
     * The largest relative move beyond the quoted price at which a market order may fill (the paper venue's
     * {@code PAPER_SLIPPAGE_BPS} ÷ 10,000; 0 when unknown). The risk check values a BUY at the worst price it
     * may reach, {@code price × (1 + maxSlippage)}.
     */
    default BigDecimal maxSlippage() {
        return BigDecimal.ZERO;
    }

    /**
     * Whether the engine keeps this venue's balances: a paper account lives in memory, so the engine stores
     * its balances with each execution (in the same transaction as the order, fills and position) and gives
     * the stored ones back at start through {@link #restoreBalances}. An exchange keeps its own (false).
     */
    default boolean balancesKeptByEngine() {
        return false;
    }

    /**
     * Sets the balances to stored ones and forgets every working order (the engine resumes open orders by
     * {@link #query}): what a restart does. Called only when {@link #balancesKeptByEngine()}; a no-op
     * otherwise.
     */
    default void restoreBalances(List<Balance> stored) {}

    /**
     * Hands the venue the engine's lock before anything else: a venue that produces executions on its own
     * (a paper limit order crossing, an exchange's user stream) holds this lock while it changes its state
     * and reports, so that the engine stores each execution with the account state right after it.
     */
    default void useLock(ReentrantLock engineLock) {}

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
