package io.cryptogo.examples.trading;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.Decimals;
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
    /** Binance accepts {@code ^[.A-Z:/a-z0-9_-]{1,36}$} for newClientOrderId. */
    private static final java.util.regex.Pattern CLIENT_ORDER_ID =
            java.util.regex.Pattern.compile("[.A-Za-z0-9:/_-]{1,36}");

    private TradingJson() {}

    static final java.util.List<String> ORDER_FIELDS = java.util.List.of(
            "symbol", "side", "type", "quantity", "limitPrice", "stopLoss", "takeProfit", "clientOrderId");
    static final java.util.List<String> SIGNAL_FIELDS = java.util.List.of(
            "symbol", "action", "confidence", "entry", "stopLoss", "takeProfit", "interval", "reasoning", "generator");

    /**
     * 400 naming the first field that is not one of {@code accepted}: a misspelt {@code stoploss} must not
     * silently leave a position unprotected.
     */
    static void onlyFields(JsonNode n, java.util.List<String> accepted) {
        java.util.Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!accepted.contains(name)) {
                throw new InvalidRequestException(
                        name.length() <= 64 ? name : "body",
                        "field " + Decimals.quote(name) + " is not accepted here; accepted fields: "
                                + String.join(", ", accepted));
            }
        }
    }

    /** {@code {"symbol","side","type","quantity","limitPrice"?,"stopLoss"?,"takeProfit"?,"clientOrderId"?}} */
    static OrderRequest orderRequest(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new InvalidRequestException("body", "the body must be a JSON object");
        }
        onlyFields(n, ORDER_FIELDS);
        Symbol symbol = symbol(text(n, "symbol", true));
        Side side = enumOf(Side.class, "side", text(n, "side", true));
        OrderType type = enumOf(
                OrderType.class,
                "type",
                Optional.ofNullable(text(n, "type", false)).orElse("MARKET"));
        BigDecimal quantity = Decimals.required(n, "quantity", Decimals.QUANTITY);
        Optional<BigDecimal> limitPrice = Decimals.optional(n, "limitPrice", Decimals.PRICE);
        Optional<BigDecimal> stopLoss = Decimals.optional(n, "stopLoss", Decimals.PRICE);
        Optional<BigDecimal> takeProfit = Decimals.optional(n, "takeProfit", Decimals.PRICE);
        String clientOrderId = text(n, "clientOrderId", false);
        if (clientOrderId != null && !CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            // an explicitly empty id is a mistake, not a request for a generated one
            throw new InvalidRequestException(
                    "clientOrderId",
                    "clientOrderId " + Decimals.quote(clientOrderId)
                            + " is not valid; accepted values: 1-36 characters of A-Z a-z 0-9 . : / _ -, or leave it"
                            + " out to have one generated");
        }
        return new OrderRequest(symbol, side, type, quantity, limitPrice, stopLoss, takeProfit, clientOrderId);
    }

    /** A trade signal as the AI module produces it (for {@code POST /api/v1/proposals}). */
    static TradeSignal signal(JsonNode n, Instant now) {
        if (n == null || !n.isObject()) {
            throw new InvalidRequestException("body", "the body must be a JSON object");
        }
        onlyFields(n, SIGNAL_FIELDS);
        Symbol symbol = symbol(text(n, "symbol", true));
        TradeSignal.Action action = enumOf(TradeSignal.Action.class, "action", text(n, "action", true));
        BigDecimal entry = Decimals.required(n, "entry", Decimals.PRICE);
        Optional<BigDecimal> stopLoss = Decimals.optional(n, "stopLoss", Decimals.PRICE);
        Optional<BigDecimal> takeProfit = Decimals.optional(n, "takeProfit", Decimals.PRICE);
        double confidence = confidence(n);
        Interval interval;
        try {
            interval = Interval.parse(
                    Optional.ofNullable(text(n, "interval", false)).orElse("1h"));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("interval", e.getMessage(), e);
        }
        String reasoning = Optional.ofNullable(text(n, "reasoning", false)).orElse("");
        if (reasoning.length() > 4000) {
            throw new InvalidRequestException(
                    "reasoning", "reasoning has " + reasoning.length() + " characters; accepted: at most 4000");
        }
        String generator = Optional.ofNullable(text(n, "generator", false)).orElse("api");
        if (!generator.matches("[A-Za-z0-9_.:/-]{1,64}")) {
            throw new InvalidRequestException(
                    "generator",
                    "generator " + Decimals.quote(generator)
                            + " is not valid; accepted values: 1-64 characters of A-Z a-z 0-9 _ . : / -");
        }
        if (stopLoss.isPresent() && takeProfit.isPresent() && action != TradeSignal.Action.HOLD) {
            boolean buy = action == TradeSignal.Action.BUY;
            boolean ok = buy
                    ? stopLoss.get().compareTo(entry) < 0 && entry.compareTo(takeProfit.get()) < 0
                    : takeProfit.get().compareTo(entry) < 0 && entry.compareTo(stopLoss.get()) < 0;
            if (!ok) {
                throw new InvalidRequestException(
                        "stopLoss",
                        (buy
                                        ? "a BUY needs stopLoss < entry < takeProfit"
                                        : "a SELL needs takeProfit < entry < stopLoss")
                                + ", got stopLoss=" + stopLoss.get().toPlainString() + " entry="
                                + entry.toPlainString() + " takeProfit="
                                + takeProfit.get().toPlainString());
            }
        }
        try {
            return TradeSignal.builder(symbol, interval, action)
                    .confidence(confidence)
                    .entry(entry)
                    .stopLoss(stopLoss)
                    .takeProfit(takeProfit)
                    .reasoning(reasoning)
                    .generator(generator)
                    .decidedAt(now)
                    .candleTime(now)
                    .build();
        } catch (IllegalArgumentException e) {
            // name the field the message is about rather than the whole signal
            String msg = String.valueOf(e.getMessage());
            String plain = msg.replace(" ", "").toLowerCase(Locale.ROOT);
            String field = java.util.stream.Stream.of(
                            "confidence", "stopLoss", "takeProfit", "entry", "symbol", "interval", "action")
                    .filter(f -> plain.contains(f.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElse("body");
            throw new InvalidRequestException(field, msg, e);
        }
    }

    /** {@code confidence}: a JSON number in [0, 1]; absent means 0.5. Strings, booleans and arrays are 400s. */
    private static double confidence(JsonNode n) {
        JsonNode v = n.get("confidence");
        if (v == null || v.isNull()) {
            return 0.5;
        }
        if (!v.isNumber()) {
            throw new InvalidRequestException(
                    "confidence", "confidence must be a JSON number in [0, 1], got a JSON " + kind(v) + " " + shown(v));
        }
        return Decimals.parse("confidence", v, Decimals.UNIT).doubleValue();
    }

    private static Symbol symbol(String text) {
        if (!io.cryptogo.examples.app.Params.SYMBOL.matcher(text).matches()) {
            throw new InvalidRequestException(
                    "symbol",
                    "symbol " + Decimals.quote(text)
                            + " is not a symbol; write it like BTC/USDT, BTC-USDT or BTCUSDT (ASCII letters and digits)");
        }
        try {
            return Symbol.parse(text);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("symbol", e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(
                    "symbol", "symbol " + Decimals.quote(text) + " is not a symbol; write e.g. BTC/USDT", e);
        }
    }

    private static String kind(JsonNode v) {
        return v.isTextual()
                ? "string"
                : v.isBoolean() ? "boolean" : v.isArray() ? "array" : v.isObject() ? "object" : "value";
    }

    private static String shown(JsonNode v) {
        return v.isTextual() ? Decimals.quote(v.textValue()) : v.isBoolean() ? v.toString() : "";
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
            throw new InvalidRequestException(field, field + " must be a string, got a JSON " + kind(v));
        }
        return v.textValue();
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        try {
            // ASCII only: toUpperCase would turn the long s of "ſell" into SELL
            if (!value.matches("[A-Za-z_]{1,32}")) {
                throw new IllegalArgumentException("not an ASCII name");
            }
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder accepted = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                accepted.append(accepted.isEmpty() ? "" : ", ").append(c.name());
            }
            throw new InvalidRequestException(
                    field, field + " " + Decimals.quote(value) + " is not valid; accepted values: " + accepted);
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
