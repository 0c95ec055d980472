package io.cryptogo.trading;

import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An order as the trader tracks it: what was asked (rounded to the symbol's tick and step sizes), its
 * status, how much filled at which average price, and the fees paid (in {@code feeAsset}).
 *
 * @param id the store's id ({@code 0} before the order is stored)
 * @param reason why it was rejected, canceled or expired; empty otherwise
 * @param source the market source the order was made on ({@code binance} / {@code simulated})
 */
public record Order(
        long id,
        String clientOrderId,
        String accountId,
        Optional<String> exchangeOrderId,
        Symbol symbol,
        Side side,
        OrderType type,
        BigDecimal quantity,
        Optional<BigDecimal> limitPrice,
        Optional<BigDecimal> stopLoss,
        Optional<BigDecimal> takeProfit,
        OrderStatus status,
        BigDecimal filledQuantity,
        Optional<BigDecimal> averagePrice,
        BigDecimal fee,
        String feeAsset,
        Optional<String> reason,
        Instant createdAt,
        Instant updatedAt,
        String source) {

    public Order {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(exchangeOrderId, "exchangeOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(limitPrice, "limitPrice");
        Objects.requireNonNull(stopLoss, "stopLoss");
        Objects.requireNonNull(takeProfit, "takeProfit");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(averagePrice, "averagePrice");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(feeAsset, "feeAsset");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (filledQuantity.signum() < 0 || filledQuantity.compareTo(quantity) > 0) {
            throw new IllegalArgumentException(
                    "filledQuantity " + filledQuantity + " outside 0.." + quantity + " for " + clientOrderId);
        }
        if (fee.signum() < 0) {
            throw new IllegalArgumentException("fee cannot be negative: " + fee);
        }
    }

    /** A fresh order from a (rounded) request whose market source is not known ({@code unknown}). */
    public static Order from(OrderRequest r, String accountId, Instant now) {
        return from(r, accountId, "unknown", now);
    }

    /** A fresh order from a (rounded) request, status NEW, nothing filled, made on market source {@code source}. */
    public static Order from(OrderRequest r, String accountId, String source, Instant now) {
        return new Order(
                0,
                r.clientOrderId(),
                accountId,
                Optional.empty(),
                r.symbol(),
                r.side(),
                r.type(),
                r.quantity(),
                r.limitPrice(),
                r.stopLoss(),
                r.takeProfit(),
                OrderStatus.NEW,
                BigDecimal.ZERO,
                Optional.empty(),
                BigDecimal.ZERO,
                r.symbol().quote(),
                Optional.empty(),
                now,
                now,
                source);
    }

    /** Quantity still to fill. */
    public BigDecimal remainingQuantity() {
        return quantity.subtract(filledQuantity);
    }

    public Order withId(long newId) {
        return new Order(
                newId,
                clientOrderId,
                accountId,
                exchangeOrderId,
                symbol,
                side,
                type,
                quantity,
                limitPrice,
                stopLoss,
                takeProfit,
                status,
                filledQuantity,
                averagePrice,
                fee,
                feeAsset,
                reason,
                createdAt,
                updatedAt,
                source);
    }

    /** This order with the venue's view applied. */
    public Order withReport(ExecutionReport r, Instant now) {
        return new Order(
                id,
                clientOrderId,
                accountId,
                r.exchangeOrderId().or(() -> exchangeOrderId),
                symbol,
                side,
                type,
                quantity,
                limitPrice,
                stopLoss,
                takeProfit,
                r.status(),
                r.filledQuantity(),
                r.averagePrice().or(() -> averagePrice),
                r.fee(),
                r.feeAsset().orElse(feeAsset),
                r.reason().or(() -> reason),
                createdAt,
                now,
                source);
    }

    public Order withStatus(OrderStatus s, String why, Instant now) {
        return new Order(
                id,
                clientOrderId,
                accountId,
                exchangeOrderId,
                symbol,
                side,
                type,
                quantity,
                limitPrice,
                stopLoss,
                takeProfit,
                s,
                filledQuantity,
                averagePrice,
                fee,
                feeAsset,
                Optional.ofNullable(why).or(() -> reason),
                createdAt,
                now,
                source);
    }
}
