package io.cryptogo.backtest.engine;

import io.cryptogo.model.Symbol;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.risk.RiskLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the backtest loop needs from the execution engine, and nothing more: the one place a change of
 * engine composition touches. Single-threaded; each run owns its own instance.
 */
public interface ReplayExecution extends AutoCloseable {

    /** Replayed time and price move to ({@code t}, {@code price}); the engine matches and runs exits. */
    void tick(Instant t, BigDecimal price);

    /**
     * Submits an order at the current replayed time and price through the engine's order management and risk
     * manager.
     *
     * @throws io.cryptogo.RiskRejectedException naming the rule
     * @throws io.cryptogo.InvalidRequestException for a quantity below the symbol's filters
     */
    Order submit(OrderRequest request);

    /** Cancels every open order. */
    void cancelAll();

    /** Whether the engine needs the prices inside a bar: open orders, or a position with a stop or target. */
    boolean needsTicks();

    /** Prices a bar's path must visit exactly: limit prices of open orders, the position's stop and target. */
    List<BigDecimal> levels();

    /** Fills since the last call, in the order they happened. */
    List<Fill> drainFills();

    /** The client order id of an order the engine stored (protective exits start with {@code x-sl-} / {@code x-tp-}). */
    String clientOrderId(long orderId);

    /** Total (free + locked) of an asset. */
    BigDecimal total(String asset);

    /** Free balance of an asset. */
    BigDecimal free(String asset);

    /** The risk limits the engine enforces. */
    RiskLimits limits();

    /** The fee rate of a fill. */
    BigDecimal feeRate();

    /** The symbol being replayed. */
    Symbol symbol();

    @Override
    void close();
}
