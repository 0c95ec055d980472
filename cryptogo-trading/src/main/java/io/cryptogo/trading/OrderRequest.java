package io.cryptogo.trading;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What to trade. The client order id makes submission idempotent: submitting the same id twice yields
 * the same order. It is generated ({@code cg-} and 32 hex digits) when absent.
 *
 * <pre>{@code
 * OrderRequest buy = OrderRequest.market(Symbol.parse("BTC/USDT"), Side.BUY, new BigDecimal("0.01"));
 * OrderRequest sell = OrderRequest.limit(Symbol.parse("BTC/USDT"), Side.SELL, new BigDecimal("0.01"),
 *         new BigDecimal("70000")).withClientOrderId("my-id-1");
 * }</pre>
 */
public record OrderRequest(
        Symbol symbol,
        Side side,
        OrderType type,
        BigDecimal quantity,
        Optional<BigDecimal> limitPrice,
        Optional<BigDecimal> stopLoss,
        Optional<BigDecimal> takeProfit,
        String clientOrderId) {

    /** Binance accepts {@code ^[.A-Z:/a-z0-9_-]{1,36}$} for newClientOrderId ({@link #validClientId}). */
    public OrderRequest {
        if (symbol == null) {
            throw new InvalidRequestException("symbol", "symbol is required, e.g. BTC/USDT");
        }
        if (side == null) {
            throw new InvalidRequestException("side", "side is required; accepted values: BUY, SELL");
        }
        if (type == null) {
            throw new InvalidRequestException("type", "type is required; accepted values: MARKET, LIMIT");
        }
        if (quantity == null || quantity.signum() <= 0) {
            throw new InvalidRequestException("quantity", "quantity must be positive, got " + quantity);
        }
        limitPrice = Objects.requireNonNullElse(limitPrice, Optional.empty());
        stopLoss = Objects.requireNonNullElse(stopLoss, Optional.empty());
        takeProfit = Objects.requireNonNullElse(takeProfit, Optional.empty());
        if (type == OrderType.LIMIT && limitPrice.isEmpty()) {
            throw new InvalidRequestException("limitPrice", "a LIMIT order needs a limitPrice");
        }
        if (type == OrderType.MARKET && limitPrice.isPresent()) {
            throw new InvalidRequestException("limitPrice", "a MARKET order takes no limitPrice");
        }
        positive("limitPrice", limitPrice);
        positive("stopLoss", stopLoss);
        positive("takeProfit", takeProfit);
        if (stopLoss.isPresent() && takeProfit.isPresent()) {
            boolean ok = side == Side.BUY
                    ? stopLoss.get().compareTo(takeProfit.get()) < 0
                    : takeProfit.get().compareTo(stopLoss.get()) < 0;
            if (!ok) {
                throw new InvalidRequestException(
                        "stopLoss",
                        (side == Side.BUY ? "a BUY needs stopLoss < takeProfit" : "a SELL needs takeProfit < stopLoss")
                                + ", got stopLoss=" + stopLoss.get().toPlainString() + " takeProfit="
                                + takeProfit.get().toPlainString());
            }
        }
        if (clientOrderId == null || clientOrderId.isBlank()) {
            clientOrderId = newClientOrderId();
        } else if (!validClientId(clientOrderId)) {
            throw new InvalidRequestException(
                    "clientOrderId",
                    "clientOrderId must be 1-36 characters of A-Z a-z 0-9 . : / _ -, got '" + clientOrderId + "'");
        }
    }

    /** {@code [.A-Za-z0-9:/_-]{1,36}}, checked without a regex (every order of a backtest passes here). */
    private static boolean validClientId(String id) {
        int n = id.length();
        if (n < 1 || n > 36) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == ':'
                    || c == '/'
                    || c == '_'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void positive(String field, Optional<BigDecimal> v) {
        if (v.isPresent() && v.get().signum() <= 0) {
            throw new InvalidRequestException(
                    field, field + " must be positive, got " + v.get().toPlainString());
        }
    }

    /** A fresh id: {@code cg-} and 32 hex digits. */
    public static String newClientOrderId() {
        return "cg-" + UUID.randomUUID().toString().replace("-", "");
    }

    public static OrderRequest market(Symbol symbol, Side side, BigDecimal quantity) {
        return new OrderRequest(
                symbol, side, OrderType.MARKET, quantity, Optional.empty(), Optional.empty(), Optional.empty(), null);
    }

    /** A market order with the given client order id (generated only when null: no random id per order). */
    public static OrderRequest market(Symbol symbol, Side side, BigDecimal quantity, String clientOrderId) {
        return new OrderRequest(
                symbol,
                side,
                OrderType.MARKET,
                quantity,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                clientOrderId);
    }

    /** {@code market("BTC/USDT", Side.BUY, "0.001")}. */
    public static OrderRequest market(String symbol, Side side, String quantity) {
        return market(Symbol.parse(symbol), side, decimal("quantity", quantity));
    }

    /** {@code market("BTC/USDT", Side.BUY, "0.001", "my-id-1")}: a market order with the given client order id. */
    public static OrderRequest market(String symbol, Side side, String quantity, String clientOrderId) {
        return market(Symbol.parse(symbol), side, decimal("quantity", quantity), clientOrderId);
    }

    /** {@code limit("BTC/USDT", Side.BUY, "0.001", "60000")}. */
    public static OrderRequest limit(String symbol, Side side, String quantity, String price) {
        return limit(Symbol.parse(symbol), side, decimal("quantity", quantity), decimal("limitPrice", price));
    }

    private static BigDecimal decimal(String field, String v) {
        try {
            return new BigDecimal(Objects.requireNonNull(v, field).strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, field + " must be a decimal number, got '" + v + "'");
        }
    }

    public static OrderRequest limit(Symbol symbol, Side side, BigDecimal quantity, BigDecimal price) {
        return new OrderRequest(
                symbol, side, OrderType.LIMIT, quantity, Optional.of(price), Optional.empty(), Optional.empty(), null);
    }

    public OrderRequest withClientOrderId(String id) {
        return new OrderRequest(symbol, side, type, quantity, limitPrice, stopLoss, takeProfit, id);
    }

    /** The same request with a stop loss and a take profit for the position it opens. */
    public OrderRequest withProtection(BigDecimal stop, BigDecimal target) {
        return new OrderRequest(
                symbol,
                side,
                type,
                quantity,
                limitPrice,
                Optional.ofNullable(stop),
                Optional.ofNullable(target),
                clientOrderId);
    }

    public OrderRequest withQuantity(BigDecimal q) {
        return new OrderRequest(symbol, side, type, q, limitPrice, stopLoss, takeProfit, clientOrderId);
    }

    public OrderRequest withLimitPrice(BigDecimal p) {
        return new OrderRequest(symbol, side, type, quantity, Optional.of(p), stopLoss, takeProfit, clientOrderId);
    }
}
