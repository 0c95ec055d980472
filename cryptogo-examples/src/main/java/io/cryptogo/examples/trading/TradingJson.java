package io.cryptogo.examples.trading;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.InvalidRequestException;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderType;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Request bodies of the trading endpoints, read field by field so that a bad one answers 400 naming it. */
final class TradingJson {
    private TradingJson() {}

    /** {@code {"symbol","side","type","quantity","limitPrice"?,"stopLoss"?,"takeProfit"?,"clientOrderId"?}} */
    static OrderRequest orderRequest(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new InvalidRequestException("body", "the body must be a JSON object");
        }
        Symbol symbol = Symbol.parse(text(n, "symbol", true));
        Side side = enumOf(Side.class, "side", text(n, "side", true));
        OrderType type = enumOf(
                OrderType.class,
                "type",
                Optional.ofNullable(text(n, "type", false)).orElse("MARKET"));
        return new OrderRequest(
                symbol,
                side,
                type,
                decimal(n, "quantity")
                        .orElseThrow(() -> new InvalidRequestException("quantity", "quantity is required")),
                decimal(n, "limitPrice"),
                decimal(n, "stopLoss"),
                decimal(n, "takeProfit"),
                text(n, "clientOrderId", false));
    }

    /** A trade signal as the AI module produces it (for {@code POST /api/v1/proposals}). */
    static TradeSignal signal(JsonNode n, Instant now) {
        if (n == null || !n.isObject()) {
            throw new InvalidRequestException("body", "the body must be a JSON object");
        }
        Symbol symbol = Symbol.parse(text(n, "symbol", true));
        TradeSignal.Action action = enumOf(TradeSignal.Action.class, "action", text(n, "action", true));
        BigDecimal entry =
                decimal(n, "entry").orElseThrow(() -> new InvalidRequestException("entry", "entry is required"));
        double confidence = n.path("confidence").asDouble(0.5);
        try {
            return new TradeSignal(
                    symbol,
                    Interval.parse(
                            Optional.ofNullable(text(n, "interval", false)).orElse("1h")),
                    action,
                    confidence,
                    entry,
                    decimal(n, "stopLoss"),
                    decimal(n, "takeProfit"),
                    Optional.ofNullable(text(n, "reasoning", false)).orElse(""),
                    Optional.ofNullable(text(n, "generator", false)).orElse("api"),
                    false,
                    now,
                    now);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("signal", e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidRequestException(field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException(field, field + " must be a string");
        }
        return v.asText();
    }

    private static Optional<BigDecimal> decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        try {
            BigDecimal d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
            if (d.signum() <= 0) {
                throw new InvalidRequestException(field, field + " must be positive, got " + d.toPlainString());
            }
            return Optional.of(d);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, field + " must be a number, got '" + v.asText() + "'");
        }
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder accepted = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                accepted.append(accepted.isEmpty() ? "" : ", ").append(c.name());
            }
            throw new InvalidRequestException(
                    field, field + " '" + value + "' is not valid; accepted values: " + accepted);
        }
    }

    /** A position with its mark price and unrealised PnL. */
    record PositionView(
            Symbol symbol,
            BigDecimal quantity,
            BigDecimal averagePrice,
            BigDecimal cost,
            Optional<BigDecimal> stopLoss,
            Optional<BigDecimal> takeProfit,
            BigDecimal realizedPnl,
            BigDecimal fees,
            Optional<BigDecimal> price,
            Optional<BigDecimal> unrealizedPnl,
            Instant openedAt,
            String source,
            Optional<ProtectionView> protection) {
        static PositionView of(Position p, Optional<BigDecimal> price, Optional<ProtectionView> protection) {
            return new PositionView(
                    p.symbol(),
                    p.quantity(),
                    p.averagePrice(),
                    p.cost(),
                    p.stopLoss(),
                    p.takeProfit(),
                    p.realizedPnl(),
                    p.fees(),
                    price,
                    price.map(p::unrealizedPnl),
                    p.openedAt(),
                    p.source(),
                    protection);
        }
    }

    /**
     * How a position is protected: {@code resting} on the venue's book (its list id) or {@code watched} by
     * the engine, with the failed exit attempts, the last error and when the next attempt may go.
     */
    record ProtectionView(
            String mode,
            Optional<String> restingId,
            int failedAttempts,
            Optional<String> lastError,
            Optional<Instant> nextAttemptAt) {
        static ProtectionView of(io.cryptogo.trading.engine.ProtectiveExits.Status s) {
            return new ProtectionView(
                    s.resting().isPresent() ? "resting" : "watched",
                    s.resting().map(io.cryptogo.trading.RestingProtection::listClientId),
                    s.failedAttempts(),
                    s.lastError(),
                    s.nextAttemptAt());
        }
    }
}
