package io.cryptogo.trading.grid;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.SymbolInfo;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@link GridSettings} into levels on the symbol's tick and step sizes, and checks what needs the
 * market: levels at least one tick apart, a per-level size at or above the step, the minimum quantity and
 * the minimum notional, a range that contains the price when no trigger is given, and an investment within
 * the risk limit and the free balance. Each error states the numbers.
 */
public final class GridPlan {
    private static final MathContext MC = new MathContext(34, RoundingMode.HALF_EVEN);

    private GridPlan() {}

    /**
     * The grid's {@code grids + 1} prices, lowest first, on the tick size (arithmetic or geometric spacing).
     */
    public static List<BigDecimal> prices(GridSettings s, BigDecimal tickSize) {
        List<BigDecimal> out = new ArrayList<>(s.grids() + 1);
        BigDecimal lower = s.lower();
        BigDecimal upper = s.upper();
        int n = s.grids();
        for (int i = 0; i <= n; i++) {
            BigDecimal raw;
            if (i == 0) {
                raw = lower;
            } else if (i == n) {
                raw = upper;
            } else if (s.spacing() == Spacing.ARITHMETIC) {
                raw = lower.add(
                        upper.subtract(lower).multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(n), MC));
            } else {
                double ratio = Math.pow(upper.doubleValue() / lower.doubleValue(), (double) i / n);
                raw = lower.multiply(new BigDecimal(Double.toString(ratio)), MC);
            }
            out.add(onTick(raw, tickSize));
        }
        return out;
    }

    /**
     * Plans the levels and checks them against the symbol and the market.
     *
     * @param price the current price
     * @param maxInvestment the most the risk limits let one symbol hold (in the quote asset), when known
     * @param freeQuote the free balance of the quote asset, when known
     * @throws InvalidRequestException naming the field and the numbers
     */
    public static List<LevelPlan> plan(
            GridSettings s,
            SymbolInfo info,
            BigDecimal price,
            Optional<BigDecimal> maxInvestment,
            Optional<BigDecimal> freeQuote) {
        if (!info.symbol().equals(s.symbol())) {
            throw new IllegalArgumentException(
                    "symbol info for " + info.symbol() + " given for a grid on " + s.symbol());
        }
        BigDecimal tick = info.tickSize();
        BigDecimal rawGap = smallestRawGap(s);
        if (rawGap.compareTo(tick) < 0) {
            int most = s.upper()
                    .subtract(s.lower())
                    .divide(tick, 0, RoundingMode.FLOOR)
                    .intValue();
            throw new InvalidRequestException(
                    "levels",
                    s.grids() + " grids between " + s.lower().toPlainString() + " and "
                            + s.upper().toPlainString()
                            + " put levels " + rawGap.round(new MathContext(6)).toPlainString()
                            + " apart, closer than the tick size "
                            + tick.stripTrailingZeros().toPlainString()
                            + ": use fewer grids (at most " + Math.min(most, GridSettings.MAX_GRIDS)
                            + ") or a wider range");
        }
        List<BigDecimal> prices = prices(s, tick);
        for (int i = 1; i < prices.size(); i++) {
            if (prices.get(i).compareTo(prices.get(i - 1)) <= 0) {
                throw new InvalidRequestException(
                        "levels",
                        "levels " + prices.get(i - 1).toPlainString() + " and "
                                + prices.get(i).toPlainString()
                                + " fall on the same tick ("
                                + tick.stripTrailingZeros().toPlainString()
                                + "): use fewer grids or a wider range");
            }
        }
        if (s.trigger().isEmpty() && (price.compareTo(s.lower()) < 0 || price.compareTo(s.upper()) > 0)) {
            throw new InvalidRequestException(
                    "lower",
                    "the range " + s.lower().toPlainString() + ".." + s.upper().toPlainString()
                            + " does not contain the price " + price.toPlainString()
                            + ": move the range or give a trigger price");
        }
        if (maxInvestment.isPresent() && s.investment().compareTo(maxInvestment.get()) > 0) {
            throw new InvalidRequestException(
                    "investment",
                    "investment " + s.investment().toPlainString() + " "
                            + s.symbol().quote()
                            + " is above what the risk limits allow for one symbol ("
                            + maxInvestment.get().toPlainString() + " "
                            + s.symbol().quote() + ")");
        }
        if (freeQuote.isPresent() && s.investment().compareTo(freeQuote.get()) > 0) {
            throw new InvalidRequestException(
                    "investment",
                    "investment " + s.investment().toPlainString() + " "
                            + s.symbol().quote()
                            + " is above the free balance " + freeQuote.get().toPlainString() + " "
                            + s.symbol().quote());
        }
        BigDecimal perLevel = s.investment().divide(BigDecimal.valueOf(s.grids()), MC);
        List<LevelPlan> levels = new ArrayList<>(s.grids());
        for (int i = 0; i < s.grids(); i++) {
            BigDecimal buy = prices.get(i);
            BigDecimal qty = perLevel.divide(buy, MC)
                    .divide(info.stepSize(), 0, RoundingMode.FLOOR)
                    .multiply(info.stepSize());
            if (qty.signum() <= 0 || qty.compareTo(info.minQty()) < 0) {
                throw new InvalidRequestException(
                        "investment",
                        "investment " + s.investment().toPlainString() + " over " + s.grids() + " grids is "
                                + perLevel.round(new MathContext(8)).toPlainString() + " "
                                + s.symbol().quote()
                                + " a level: " + qty.toPlainString() + " "
                                + s.symbol().base() + " at "
                                + buy.toPlainString() + " is below the minimum quantity "
                                + info.minQty()
                                        .max(info.stepSize())
                                        .stripTrailingZeros()
                                        .toPlainString()
                                + ": invest more or use fewer grids");
            }
            BigDecimal notional = qty.multiply(buy);
            if (notional.compareTo(info.minNotional()) < 0) {
                throw new InvalidRequestException(
                        "investment",
                        "investment " + s.investment().toPlainString() + " over " + s.grids() + " grids gives "
                                + notional.round(new MathContext(8)).toPlainString() + " "
                                + s.symbol().quote()
                                + " at level " + i + ", below the minimum notional "
                                + info.minNotional().stripTrailingZeros().toPlainString() + ": invest at least "
                                + info.minNotional()
                                        .multiply(BigDecimal.valueOf(s.grids()))
                                        .multiply(new BigDecimal("1.01"))
                                        .setScale(2, RoundingMode.CEILING)
                                        .toPlainString()
                                + " or use fewer grids");
            }
            levels.add(new LevelPlan(i, buy, prices.get(i + 1), qty));
        }
        return List.copyOf(levels);
    }

    private static BigDecimal smallestRawGap(GridSettings s) {
        BigDecimal range = s.upper().subtract(s.lower());
        if (s.spacing() == Spacing.ARITHMETIC) {
            return range.divide(BigDecimal.valueOf(s.grids()), MC);
        }
        double ratio = Math.pow(s.upper().doubleValue() / s.lower().doubleValue(), 1.0 / s.grids());
        return s.lower().multiply(new BigDecimal(Double.toString(ratio - 1.0)), MC);
    }

    private static BigDecimal onTick(BigDecimal p, BigDecimal tick) {
        return p.divide(tick, 0, RoundingMode.HALF_UP).multiply(tick);
    }
}
