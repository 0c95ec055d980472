package io.cryptogo.trading;

import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A protective exit resting on a venue's own book for a long position: a stop loss and/or a take profit
 * that sell {@code quantity} (on Binance an OCO {@code SELL} with a {@code STOP_LOSS_LIMIT} leg, or a
 * {@code STOP_LOSS_LIMIT} alone). {@code listClientId} is ours and unique per attempt; {@code venueId} is
 * the venue's id for the order list (or the single order).
 */
public record RestingProtection(
        Symbol symbol,
        String listClientId,
        String venueId,
        BigDecimal quantity,
        Optional<BigDecimal> stopLoss,
        Optional<BigDecimal> takeProfit) {

    public RestingProtection {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(listClientId, "listClientId");
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(stopLoss, "stopLoss");
        Objects.requireNonNull(takeProfit, "takeProfit");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive, got " + quantity);
        }
        if (stopLoss.isEmpty() && takeProfit.isEmpty()) {
            throw new IllegalArgumentException("a resting protection needs a stop loss or a take profit");
        }
    }
}
