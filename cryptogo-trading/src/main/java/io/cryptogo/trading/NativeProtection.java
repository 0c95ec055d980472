package io.cryptogo.trading;

import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A venue's ability to rest protective exits on its own book, so that they hold while the application is
 * down. The engine places one after a position opens (or changes), cancels it when the position closes
 * another way, and at start adopts what {@link #open} reports. Fills of a resting exit reach the engine as
 * ordinary {@link ExecutionReport}s through {@link Venue#onExecution}, under the leg's own client order id
 * with its fills (a SELL of the symbol): the engine stores them as its SELL order of that id. A leg that
 * executed while the application was down is reported the same way once the venue learns of it (at the
 * latest when {@link #open} no longer lists the protection). Before a SELL of the same asset the engine
 * cancels the resting protection, and afterwards rests one for what is left.
 */
public interface NativeProtection {
    /**
     * Rests a SELL of {@code quantity} with the given stop loss and/or take profit, under the client id
     * {@code listClientId} (unique per attempt).
     */
    RestingProtection place(
            Symbol symbol,
            BigDecimal quantity,
            Optional<BigDecimal> stopLoss,
            Optional<BigDecimal> takeProfit,
            String listClientId);

    /** Cancels a resting protection; a no-op when it is already gone. */
    void cancel(RestingProtection protection);

    /** The protections resting now for a symbol (reconciled at start). */
    List<RestingProtection> open(Symbol symbol);
}
