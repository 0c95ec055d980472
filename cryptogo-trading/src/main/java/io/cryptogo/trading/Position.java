package io.cryptogo.trading;

import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A long spot holding built from fills: quantity, its cost in the quote asset (fees excluded), the
 * protective stop loss and take profit, the profit realised by sells and the fees paid so far.
 *
 * <p>{@code source} is the market source of the fills that built it ({@code binance} / {@code simulated}).
 *
 * <p>Cost is tracked as a total rather than an average so that {@code cash + Σ cost + fees − realised}
 * stays exactly equal to the starting value.
 */
public record Position(
        String accountId,
        Symbol symbol,
        BigDecimal quantity,
        BigDecimal cost,
        Optional<BigDecimal> stopLoss,
        Optional<BigDecimal> takeProfit,
        BigDecimal realizedPnl,
        BigDecimal fees,
        Instant openedAt,
        Instant updatedAt,
        String source) {

    private static final MathContext AVG = new MathContext(20, RoundingMode.HALF_EVEN);

    public Position {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(stopLoss, "stopLoss");
        Objects.requireNonNull(takeProfit, "takeProfit");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(source, "source");
        if (quantity.signum() < 0 || cost.signum() < 0) {
            throw new IllegalArgumentException("a spot position cannot be negative: " + quantity + " at cost " + cost);
        }
    }

    /** An empty position whose market source is not known yet ({@code unknown}). */
    public static Position flat(String accountId, Symbol symbol, Instant now) {
        return flat(accountId, symbol, "unknown", now);
    }

    /** An empty position on market source {@code source}. */
    public static Position flat(String accountId, Symbol symbol, String source, Instant now) {
        return new Position(
                accountId,
                symbol,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                Optional.empty(),
                Optional.empty(),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                now,
                now,
                source);
    }

    public boolean isOpen() {
        return quantity.signum() > 0;
    }

    /** cost ÷ quantity (0 when flat). */
    public BigDecimal averagePrice() {
        return quantity.signum() == 0 ? BigDecimal.ZERO : cost.divide(quantity, AVG);
    }

    /** quantity × price − cost. */
    public BigDecimal unrealizedPnl(BigDecimal price) {
        return quantity.multiply(price).subtract(cost);
    }

    /**
     * This position after a fill; returns the fill with its realised PnL filled in as well. A SELL larger
     * than the holding closes it (the excess came from assets held outside the position, at no cost).
     */
    public Applied apply(Fill fill, Optional<BigDecimal> newStop, Optional<BigDecimal> newTarget) {
        return apply(
                fill,
                newStop,
                newTarget,
                fill.feeAsset().equals(symbol.quote()) ? fill.fee() : fill.fee().multiply(fill.price()));
    }

    /**
     * {@link #apply(Fill, Optional, Optional)} with the fill's fee already valued in the quote asset (a fee
     * paid in a third asset, such as BNB, is valued at that asset's price, not the fill's).
     */
    public Applied apply(
            Fill fill, Optional<BigDecimal> newStop, Optional<BigDecimal> newTarget, BigDecimal feeInQuote) {
        Instant t = fill.time();
        if (fill.side() == Side.BUY) {
            boolean opening = quantity.signum() == 0;
            Position p = new Position(
                    accountId,
                    symbol,
                    quantity.add(fill.quantity()),
                    cost.add(fill.notional()),
                    newStop.or(() -> opening ? Optional.empty() : stopLoss),
                    newTarget.or(() -> opening ? Optional.empty() : takeProfit),
                    realizedPnl,
                    fees.add(feeInQuote),
                    opening ? t : openedAt,
                    t,
                    fill.source().isEmpty() ? source : fill.source());
            return new Applied(p, fill.withRealizedPnl(BigDecimal.ZERO));
        }
        BigDecimal sold = fill.quantity().min(quantity);
        BigDecimal released;
        if (sold.compareTo(quantity) == 0) {
            released = cost;
        } else {
            released = cost.multiply(sold).divide(quantity, 12, RoundingMode.HALF_EVEN);
        }
        BigDecimal proceeds = fill.notional();
        BigDecimal pnl = proceeds.subtract(released);
        BigDecimal left = quantity.subtract(sold);
        Position p = new Position(
                accountId,
                symbol,
                left,
                cost.subtract(released),
                left.signum() == 0 ? Optional.empty() : stopLoss,
                left.signum() == 0 ? Optional.empty() : takeProfit,
                realizedPnl.add(pnl),
                fees.add(feeInQuote),
                openedAt,
                t,
                fill.source().isEmpty() ? source : fill.source());
        return new Applied(p, fill.withRealizedPnl(pnl));
    }

    /** The same position with another stop loss and take profit. */
    public Position withProtection(Optional<BigDecimal> stop, Optional<BigDecimal> target) {
        return new Position(
                accountId, symbol, quantity, cost, stop, target, realizedPnl, fees, openedAt, updatedAt, source);
    }

    /** A position after a fill, and the fill with its realised PnL. */
    public record Applied(Position position, Fill fill) {}
}
