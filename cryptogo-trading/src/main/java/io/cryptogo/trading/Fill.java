package io.cryptogo.trading;

import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution of (part of) an order. {@code tradeId} is unique within its order; {@code realizedPnl}
 * is what a SELL realised against the position's cost (zero for a BUY), before fees.
 */
public record Fill(
        long orderId,
        String tradeId,
        Symbol symbol,
        Side side,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal fee,
        String feeAsset,
        BigDecimal realizedPnl,
        Instant time) {
    public Fill {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(feeAsset, "feeAsset");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(time, "time");
        if (price.signum() <= 0 || quantity.signum() <= 0 || fee.signum() < 0) {
            throw new IllegalArgumentException(
                    "fill needs price > 0, quantity > 0, fee >= 0: " + price + " " + quantity + " " + fee);
        }
    }

    /** price × quantity. */
    public BigDecimal notional() {
        return price.multiply(quantity);
    }

    public Fill withOrderId(long id) {
        return new Fill(id, tradeId, symbol, side, price, quantity, fee, feeAsset, realizedPnl, time);
    }

    public Fill withRealizedPnl(BigDecimal pnl) {
        return new Fill(orderId, tradeId, symbol, side, price, quantity, fee, feeAsset, pnl, time);
    }
}
