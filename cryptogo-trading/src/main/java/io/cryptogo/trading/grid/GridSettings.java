package io.cryptogo.trading.grid;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a grid is asked to do: the symbol, the price range, the number of grids and their spacing, the
 * investment in the quote asset, and the optional trigger, stop loss and take profit. Frozen and checked
 * by {@link Builder#build()}; the checks that need the market (tick, step, minimum notional, the current
 * price, the risk limits) are made by {@link GridPlan#plan}.
 *
 * <pre>{@code
 * GridSettings s = GridSettings.builder("BTC/USDT").lower("60000").upper("70000").levels(20)
 *         .geometric().investment("1000").build();
 * }</pre>
 */
public final class GridSettings {
    /** The fewest grids accepted. */
    public static final int MIN_GRIDS = 2;
    /** The most grids accepted. */
    public static final int MAX_GRIDS = 500;

    private final Symbol symbol;
    private final BigDecimal lower;
    private final BigDecimal upper;
    private final int grids;
    private final Spacing spacing;
    private final BigDecimal investment;
    private final Optional<BigDecimal> trigger;
    private final Optional<BigDecimal> stopLoss;
    private final Optional<BigDecimal> takeProfit;
    private final boolean sellAllOnStop;
    private final int maxOpenOrders;

    private GridSettings(Builder b) {
        this.symbol = b.symbol;
        this.lower = b.lower;
        this.upper = b.upper;
        this.grids = b.grids;
        this.spacing = b.spacing;
        this.investment = b.investment;
        this.trigger = b.trigger;
        this.stopLoss = b.stopLoss;
        this.takeProfit = b.takeProfit;
        this.sellAllOnStop = b.sellAllOnStop;
        this.maxOpenOrders = b.maxOpenOrders;
    }

    public static Builder builder(Symbol symbol) {
        return new Builder(symbol);
    }

    public static Builder builder(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw new InvalidRequestException("symbol", "symbol is required, e.g. BTC/USDT");
        }
        return new Builder(Symbol.parse(symbol));
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder(symbol);
        b.lower = lower;
        b.upper = upper;
        b.grids = grids;
        b.spacing = spacing;
        b.investment = investment;
        b.trigger = trigger;
        b.stopLoss = stopLoss;
        b.takeProfit = takeProfit;
        b.sellAllOnStop = sellAllOnStop;
        b.maxOpenOrders = maxOpenOrders;
        return b;
    }

    public Symbol symbol() {
        return symbol;
    }

    public BigDecimal lower() {
        return lower;
    }

    public BigDecimal upper() {
        return upper;
    }

    /** The number of grids (gaps); there are {@code grids + 1} prices and {@code grids} levels. */
    public int grids() {
        return grids;
    }

    public Spacing spacing() {
        return spacing;
    }

    /** The quote amount the grid may spend, split evenly over its levels. */
    public BigDecimal investment() {
        return investment;
    }

    /** Start only when the price crosses this one. */
    public Optional<BigDecimal> trigger() {
        return trigger;
    }

    /** Close the grid when the price falls to or below this. */
    public Optional<BigDecimal> stopLoss() {
        return stopLoss;
    }

    /** Close the grid when the price rises to or above this. */
    public Optional<BigDecimal> takeProfit() {
        return takeProfit;
    }

    /** On a stop (loss or profit), sell the base the grid holds at market. */
    public boolean sellAllOnStop() {
        return sellAllOnStop;
    }

    /** At most this many orders rest at once, the ones nearest the price first. */
    public int maxOpenOrders() {
        return maxOpenOrders;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridSettings s
                && symbol.equals(s.symbol)
                && lower.compareTo(s.lower) == 0
                && upper.compareTo(s.upper) == 0
                && grids == s.grids
                && spacing == s.spacing
                && investment.compareTo(s.investment) == 0
                && sameDecimal(trigger, s.trigger)
                && sameDecimal(stopLoss, s.stopLoss)
                && sameDecimal(takeProfit, s.takeProfit)
                && sellAllOnStop == s.sellAllOnStop
                && maxOpenOrders == s.maxOpenOrders;
    }

    private static boolean sameDecimal(Optional<BigDecimal> a, Optional<BigDecimal> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || a.get().compareTo(b.get()) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, lower.stripTrailingZeros(), upper.stripTrailingZeros(), grids, spacing);
    }

    @Override
    public String toString() {
        return "GridSettings[" + symbol + " " + lower.toPlainString() + ".." + upper.toPlainString() + " "
                + grids + " grids " + spacing.name().toLowerCase(java.util.Locale.ROOT) + ", investment "
                + investment.toPlainString()
                + trigger.map(t -> ", trigger " + t.toPlainString()).orElse("")
                + stopLoss.map(t -> ", stop loss " + t.toPlainString()).orElse("")
                + takeProfit.map(t -> ", take profit " + t.toPlainString()).orElse("")
                + (sellAllOnStop ? ", sell all on stop" : "") + ", max open orders " + maxOpenOrders + "]";
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private final Symbol symbol;
        private BigDecimal lower;
        private BigDecimal upper;
        private int grids = 10;
        private Spacing spacing = Spacing.ARITHMETIC;
        private BigDecimal investment;
        private Optional<BigDecimal> trigger = Optional.empty();
        private Optional<BigDecimal> stopLoss = Optional.empty();
        private Optional<BigDecimal> takeProfit = Optional.empty();
        private boolean sellAllOnStop;
        private int maxOpenOrders = 20;

        private Builder(Symbol symbol) {
            if (symbol == null) {
                throw new InvalidRequestException("symbol", "symbol is required, e.g. BTC/USDT");
            }
            this.symbol = symbol;
        }

        public Builder lower(BigDecimal v) {
            lower = v;
            return this;
        }

        public Builder lower(String v) {
            return lower(decimal("lower", v));
        }

        public Builder upper(BigDecimal v) {
            upper = v;
            return this;
        }

        public Builder upper(String v) {
            return upper(decimal("upper", v));
        }

        /** The number of grids, {@value GridSettings#MIN_GRIDS} to {@value GridSettings#MAX_GRIDS}. */
        public Builder levels(int v) {
            grids = v;
            return this;
        }

        public Builder spacing(Spacing v) {
            spacing = Objects.requireNonNull(v, "spacing");
            return this;
        }

        public Builder arithmetic() {
            return spacing(Spacing.ARITHMETIC);
        }

        public Builder geometric() {
            return spacing(Spacing.GEOMETRIC);
        }

        /** The total investment in the quote asset (e.g. USDT). */
        public Builder investment(BigDecimal v) {
            investment = v;
            return this;
        }

        public Builder investment(String v) {
            return investment(decimal("investment", v));
        }

        public Builder trigger(BigDecimal v) {
            trigger = Optional.ofNullable(v);
            return this;
        }

        public Builder trigger(String v) {
            return trigger(decimal("trigger", v));
        }

        public Builder stopLoss(BigDecimal v) {
            stopLoss = Optional.ofNullable(v);
            return this;
        }

        public Builder stopLoss(String v) {
            return stopLoss(decimal("stopLoss", v));
        }

        public Builder takeProfit(BigDecimal v) {
            takeProfit = Optional.ofNullable(v);
            return this;
        }

        public Builder takeProfit(String v) {
            return takeProfit(decimal("takeProfit", v));
        }

        public Builder sellAllOnStop(boolean v) {
            sellAllOnStop = v;
            return this;
        }

        public Builder maxOpenOrders(int v) {
            maxOpenOrders = v;
            return this;
        }

        /** The settings; an {@link InvalidRequestException} names the first bad field and what it accepts. */
        public GridSettings build() {
            positive("lower", lower);
            positive("upper", upper);
            if (upper.compareTo(lower) <= 0) {
                throw new InvalidRequestException(
                        "upper",
                        "upper must be above lower, got lower=" + lower.toPlainString() + " upper="
                                + upper.toPlainString());
            }
            if (grids < MIN_GRIDS || grids > MAX_GRIDS) {
                throw new InvalidRequestException(
                        "levels", "levels (grids) must be " + MIN_GRIDS + " to " + MAX_GRIDS + ", got " + grids);
            }
            positive("investment", investment);
            trigger.ifPresent(t -> positive("trigger", t));
            if (stopLoss.isPresent()) {
                positive("stopLoss", stopLoss.get());
                if (stopLoss.get().compareTo(lower) >= 0) {
                    throw new InvalidRequestException(
                            "stopLoss",
                            "stopLoss must be below lower (" + lower.toPlainString() + "), got "
                                    + stopLoss.get().toPlainString());
                }
            }
            if (takeProfit.isPresent()) {
                positive("takeProfit", takeProfit.get());
                if (takeProfit.get().compareTo(upper) <= 0) {
                    throw new InvalidRequestException(
                            "takeProfit",
                            "takeProfit must be above upper (" + upper.toPlainString() + "), got "
                                    + takeProfit.get().toPlainString());
                }
            }
            if (maxOpenOrders < 1 || maxOpenOrders > 2 * MAX_GRIDS) {
                throw new InvalidRequestException(
                        "maxOpenOrders", "maxOpenOrders must be 1 to " + 2 * MAX_GRIDS + ", got " + maxOpenOrders);
            }
            return new GridSettings(this);
        }

        private static void positive(String field, BigDecimal v) {
            if (v == null) {
                throw new InvalidRequestException(field, field + " is required (a positive decimal)");
            }
            if (v.signum() <= 0) {
                throw new InvalidRequestException(field, field + " must be positive, got " + v.toPlainString());
            }
        }

        private static BigDecimal decimal(String field, String v) {
            if (v == null || v.isBlank()) {
                throw new InvalidRequestException(field, field + " is required (a positive decimal)");
            }
            String t = v.strip();
            if (t.length() > 40 || !t.matches("[0-9]{1,30}(\\.[0-9]{1,18})?")) {
                String shown = t.length() > 64 ? t.substring(0, 64) + "…" : t;
                throw new InvalidRequestException(
                        field, field + " must be a plain positive decimal like 65000.5, got '" + shown + "'");
            }
            return new BigDecimal(t);
        }
    }
}
