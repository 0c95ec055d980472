package io.cryptogo.trading.risk;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.OrderRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * Binance-style price sanity bounds, applied on every venue (paper too) before an order is accepted:
 * {@code PRICE_FILTER}'s minimum (a price of at least one tick of the {@link SymbolInfo}) and {@code
 * PERCENT_PRICE_BY_SIDE}'s band around the current market price (by default Binance's spot values: between
 * 0.2× and 5× the reference). A limit price, stop loss or take profit outside them is a 400 naming the
 * field, so that a LIMIT SELL at {@code 1e309} never locks a balance.
 *
 * <pre>{@code
 * PriceBounds.BINANCE_DEFAULT.check(request, info, marketPrice);   // throws InvalidRequestException
 * }</pre>
 *
 * @param multiplierDown lowest accepted price as a multiple of the reference ({@code 0 < down < 1})
 * @param multiplierUp highest accepted price as a multiple of the reference (up > 1)
 */
public record PriceBounds(BigDecimal multiplierDown, BigDecimal multiplierUp) {
    /** Binance spot's usual {@code PERCENT_PRICE_BY_SIDE}: 0.2× .. 5× the average price. */
    public static final PriceBounds BINANCE_DEFAULT = new PriceBounds(new BigDecimal("0.2"), new BigDecimal("5"));

    public PriceBounds {
        Objects.requireNonNull(multiplierDown, "multiplierDown");
        Objects.requireNonNull(multiplierUp, "multiplierUp");
        if (multiplierDown.signum() <= 0
                || multiplierDown.compareTo(BigDecimal.ONE) >= 0
                || multiplierUp.compareTo(BigDecimal.ONE) <= 0) {
            throw new IllegalArgumentException("price bounds need 0 < multiplierDown < 1 < multiplierUp");
        }
    }

    /** Checks the request's limit price, stop loss and take profit against {@code reference} (the market price). */
    public void check(OrderRequest request, SymbolInfo info, BigDecimal reference) {
        check("limitPrice", request.limitPrice(), info, reference);
        check("stopLoss", request.stopLoss(), info, reference);
        check("takeProfit", request.takeProfit(), info, reference);
    }

    /** Checks one price; {@code field} names it in the error. */
    public void check(String field, Optional<BigDecimal> price, SymbolInfo info, BigDecimal reference) {
        if (price.isEmpty()) {
            return;
        }
        BigDecimal p = price.get();
        BigDecimal min = info.tickSize().max(reference.multiply(multiplierDown));
        BigDecimal max = reference.multiply(multiplierUp);
        if (p.compareTo(min) < 0 || p.compareTo(max) > 0) {
            throw new InvalidRequestException(
                    field,
                    field + " " + shown(p) + " is outside the accepted price band of " + info.symbol() + ": "
                            + shown(info.roundPrice(min.max(info.tickSize()))) + " .. " + shown(info.roundPrice(max))
                            + " (" + multiplierDown.toPlainString() + "× to " + multiplierUp.toPlainString()
                            + "× the market price " + shown(reference) + ")");
        }
    }

    /** A price as an error shows it: plain when short, in scientific notation otherwise (never expanded). */
    private static String shown(BigDecimal p) {
        long exponent = (long) p.precision() - p.scale() - 1;
        if (exponent > 20 || exponent < -20) {
            return p.round(new java.math.MathContext(6, RoundingMode.HALF_UP)).toString();
        }
        return p.stripTrailingZeros().toPlainString();
    }
}
