package io.cryptogo.trading;

import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution of (part of) an order. {@code tradeId} is unique within its order; {@code realizedPnl}
 * is what a SELL realised against the position's cost (zero for a BUY), before fees. {@code source} is the
 * market source the fill was made on ({@code binance} / {@code simulated}); the engine stamps it on the way
 * in, a venue may leave it empty.
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
        Instant time,
        String source) {
    public Fill {
        Objects.requireNonNull(source, "source");
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

    /** A fill as a venue reports it; the engine stamps the market source. */
    public Fill(
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
        this(orderId, tradeId, symbol, side, price, quantity, fee, feeAsset, realizedPnl, time, "");
    }

    /** price × quantity. */
    public BigDecimal notional() {
        return price.multiply(quantity);
    }

    public Fill withOrderId(long id) {
        return new Fill(id, tradeId, symbol, side, price, quantity, fee, feeAsset, realizedPnl, time, source);
    }

    public Fill withSource(String s) {
        return new Fill(orderId, tradeId, symbol, side, price, quantity, fee, feeAsset, realizedPnl, time, s);
    }

    public Fill withRealizedPnl(BigDecimal pnl) {
        return new Fill(orderId, tradeId, symbol, side, price, quantity, fee, feeAsset, pnl, time, source);
    }
}
