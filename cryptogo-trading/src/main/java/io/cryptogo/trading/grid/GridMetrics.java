package io.cryptogo.trading.grid;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A grid's results in its quote asset, at a price.
 *
 * <ul>
 *   <li>{@code gridProfit}: the sum over matched pairs of sell proceeds minus buy cost minus both fees;
 *   <li>{@code totalPnl}: the grid's quote (free, and reserved in open buys) plus its base at the price,
 *       minus the investment (Binance's total profit);
 *   <li>{@code floatingPnl}: {@code totalPnl - gridProfit}, what the base still held has gained or lost;
 *   <li>{@code breakEven}: the price at which {@code totalPnl} would be 0, when the grid holds base;
 *   <li>{@code apr}: {@code gridProfit / investment} scaled to 365 days of running time (0 before any time
 *       has passed).
 * </ul>
 */
public record GridMetrics(
        BigDecimal gridProfit,
        BigDecimal floatingPnl,
        BigDecimal totalPnl,
        int matchedPairs,
        BigDecimal fees,
        BigDecimal baseHeld,
        Optional<BigDecimal> breakEven,
        double apr) {
    public GridMetrics {
        Objects.requireNonNull(gridProfit, "gridProfit");
        Objects.requireNonNull(floatingPnl, "floatingPnl");
        Objects.requireNonNull(totalPnl, "totalPnl");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(baseHeld, "baseHeld");
        Objects.requireNonNull(breakEven, "breakEven");
    }
}
