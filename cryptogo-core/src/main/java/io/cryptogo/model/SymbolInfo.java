package io.cryptogo.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A symbol's trading rules from the exchange: tick size (price step), step size (quantity step),
 * minimum quantity and minimum notional.
 */
public record SymbolInfo(
        Symbol symbol,
        String status,
        BigDecimal tickSize,
        BigDecimal stepSize,
        BigDecimal minQty,
        BigDecimal minNotional) {
    public SymbolInfo {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(tickSize, "tickSize");
        Objects.requireNonNull(stepSize, "stepSize");
        Objects.requireNonNull(minQty, "minQty");
        Objects.requireNonNull(minNotional, "minNotional");
        if (tickSize.signum() <= 0 || stepSize.signum() <= 0) {
            throw new IllegalArgumentException("tickSize and stepSize must be positive for " + symbol);
        }
        tickSize = tickSize.stripTrailingZeros();
        stepSize = stepSize.stripTrailingZeros();
    }

    public String base() {
        return symbol.base();
    }

    public String quote() {
        return symbol.quote();
    }

    /** Whether the exchange currently allows trading it ({@code TRADING}). */
    public boolean trading() {
        return "TRADING".equals(status);
    }

    /** The price rounded to the nearest tick (half-up), at the tick's scale. */
    public BigDecimal roundPrice(BigDecimal price) {
        return roundTo(price, tickSize, RoundingMode.HALF_UP);
    }

    /** The quantity rounded down to the step size, at the step's scale: never more than asked. */
    public BigDecimal roundQuantity(BigDecimal quantity) {
        return roundTo(quantity, stepSize, RoundingMode.DOWN);
    }

    private static BigDecimal roundTo(BigDecimal value, BigDecimal step, RoundingMode mode) {
        BigDecimal steps = value.divide(step, 0, mode);
        return steps.multiply(step).setScale(Math.max(0, step.scale()), RoundingMode.UNNECESSARY);
    }
}
