package io.cryptogo.trading;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 *
 * <p>An immutable value, equal when every field is equal. Start one with {@link #flat}, move it with {@link
 * #apply}; a store rebuilds one with {@link #builder()}.
 *
 * <p>Its JSON (any Jackson mapper with the JDK 8 and java.time modules) has one property per accessor, in the
 * order they are listed here, then {@code open} ({@link #isOpen()}), as when it was a record; it reads back
 * ({@code open} is ignored on the way in).
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
@JsonIgnoreProperties(value = "open", allowGetters = true)
public final class Position {
    // the fields' order is the JSON's order (the creator's parameters, then open from isOpen()): keep it
    private final String accountId;
    private final Symbol symbol;
    private final BigDecimal quantity;
    private final BigDecimal cost;
    private final Optional<BigDecimal> stopLoss;
    private final Optional<BigDecimal> takeProfit;
    private final BigDecimal realizedPnl;
    private final BigDecimal fees;
    private final Instant openedAt;
    private final Instant updatedAt;
    private final String source;

    private static final MathContext AVG = new MathContext(20, RoundingMode.HALF_EVEN);

    @JsonCreator
    private Position(
            @JsonProperty("accountId") String accountId,
            @JsonProperty("symbol") Symbol symbol,
            @JsonProperty("quantity") BigDecimal quantity,
            @JsonProperty("cost") BigDecimal cost,
            @JsonProperty("stopLoss") Optional<BigDecimal> stopLoss,
            @JsonProperty("takeProfit") Optional<BigDecimal> takeProfit,
            @JsonProperty("realizedPnl") BigDecimal realizedPnl,
            @JsonProperty("fees") BigDecimal fees,
            @JsonProperty("openedAt") Instant openedAt,
            @JsonProperty("updatedAt") Instant updatedAt,
            @JsonProperty("source") String source) {
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
        this.accountId = accountId;
        this.symbol = symbol;
        this.quantity = quantity;
        this.cost = cost;
        this.stopLoss = stopLoss;
        this.takeProfit = takeProfit;
        this.realizedPnl = realizedPnl;
        this.fees = fees;
        this.openedAt = openedAt;
        this.updatedAt = updatedAt;
        this.source = source;
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

    /**
     * An empty builder. Defaults: quantity, cost, realised PnL and fees zero, no stop loss or take profit, source
     * {@code unknown}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this position's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.accountId = accountId;
        b.symbol = symbol;
        b.quantity = quantity;
        b.cost = cost;
        b.stopLoss = stopLoss;
        b.takeProfit = takeProfit;
        b.realizedPnl = realizedPnl;
        b.fees = fees;
        b.openedAt = openedAt;
        b.updatedAt = updatedAt;
        b.source = source;
        return b;
    }

    /** The account holding it. */
    public String accountId() {
        return accountId;
    }

    /** The symbol held. */
    public Symbol symbol() {
        return symbol;
    }

    /** The quantity held, in the base asset (zero when flat). */
    public BigDecimal quantity() {
        return quantity;
    }

    /** What the quantity held cost, in the quote asset, fees excluded. */
    public BigDecimal cost() {
        return cost;
    }

    /** The protective stop loss, if any. */
    public Optional<BigDecimal> stopLoss() {
        return stopLoss;
    }

    /** The protective take profit, if any. */
    public Optional<BigDecimal> takeProfit() {
        return takeProfit;
    }

    /** The profit realised by sells so far, before fees. */
    public BigDecimal realizedPnl() {
        return realizedPnl;
    }

    /** The fees paid so far, valued in the quote asset. */
    public BigDecimal fees() {
        return fees;
    }

    /** When it was opened (last went from flat to held). */
    public Instant openedAt() {
        return openedAt;
    }

    /** When a fill last changed it. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** The market source of the fills that built it ({@code binance} / {@code simulated} / {@code unknown}). */
    public String source() {
        return source;
    }

    /** Whether something is held; in the JSON as {@code open}. */
    @JsonProperty("open")
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

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Position x
                        && accountId.equals(x.accountId)
                        && symbol.equals(x.symbol)
                        && quantity.equals(x.quantity)
                        && cost.equals(x.cost)
                        && stopLoss.equals(x.stopLoss)
                        && takeProfit.equals(x.takeProfit)
                        && realizedPnl.equals(x.realizedPnl)
                        && fees.equals(x.fees)
                        && openedAt.equals(x.openedAt)
                        && updatedAt.equals(x.updatedAt)
                        && source.equals(x.source);
    }

    /** The record's hash: {@code 31 * h + hash(field)} over the fields in order, from 0. */
    @Override
    public int hashCode() {
        int h = accountId.hashCode();
        h = 31 * h + symbol.hashCode();
        h = 31 * h + quantity.hashCode();
        h = 31 * h + cost.hashCode();
        h = 31 * h + stopLoss.hashCode();
        h = 31 * h + takeProfit.hashCode();
        h = 31 * h + realizedPnl.hashCode();
        h = 31 * h + fees.hashCode();
        h = 31 * h + openedAt.hashCode();
        h = 31 * h + updatedAt.hashCode();
        return 31 * h + source.hashCode();
    }

    /** The record-style form {@code Position[accountId=…, symbol=…, …]}, every field in order. */
    @Override
    public String toString() {
        return "Position[accountId=" + accountId + ", symbol=" + symbol + ", quantity=" + quantity + ", cost=" + cost
                + ", stopLoss=" + stopLoss + ", takeProfit=" + takeProfit + ", realizedPnl=" + realizedPnl + ", fees="
                + fees + ", openedAt=" + openedAt + ", updatedAt=" + updatedAt + ", source=" + source + "]";
    }

    /** Collects the fields; {@link #build()} validates them. */
    public static final class Builder {
        private String accountId;
        private Symbol symbol;
        private BigDecimal quantity = BigDecimal.ZERO;
        private BigDecimal cost = BigDecimal.ZERO;
        private Optional<BigDecimal> stopLoss = Optional.empty();
        private Optional<BigDecimal> takeProfit = Optional.empty();
        private BigDecimal realizedPnl = BigDecimal.ZERO;
        private BigDecimal fees = BigDecimal.ZERO;
        private Instant openedAt;
        private Instant updatedAt;
        private String source = "unknown";

        private Builder() {}

        /** See {@link Position#accountId()}. */
        public Builder accountId(String v) {
            accountId = v;
            return this;
        }

        /** See {@link Position#symbol()}. */
        public Builder symbol(Symbol v) {
            symbol = v;
            return this;
        }

        /** See {@link Position#quantity()}. */
        public Builder quantity(BigDecimal v) {
            quantity = v;
            return this;
        }

        /** See {@link Position#cost()}. */
        public Builder cost(BigDecimal v) {
            cost = v;
            return this;
        }

        /** See {@link Position#stopLoss()}. */
        public Builder stopLoss(Optional<BigDecimal> v) {
            stopLoss = v;
            return this;
        }

        /** See {@link Position#takeProfit()}. */
        public Builder takeProfit(Optional<BigDecimal> v) {
            takeProfit = v;
            return this;
        }

        /** See {@link Position#realizedPnl()}. */
        public Builder realizedPnl(BigDecimal v) {
            realizedPnl = v;
            return this;
        }

        /** See {@link Position#fees()}. */
        public Builder fees(BigDecimal v) {
            fees = v;
            return this;
        }

        /** See {@link Position#openedAt()}. */
        public Builder openedAt(Instant v) {
            openedAt = v;
            return this;
        }

        /** See {@link Position#updatedAt()}. */
        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        /** See {@link Position#source()}. */
        public Builder source(String v) {
            source = v;
            return this;
        }

        /** The position; throws naming what is missing or inconsistent. */
        public Position build() {
            return new Position(
                    accountId,
                    symbol,
                    quantity,
                    cost,
                    stopLoss,
                    takeProfit,
                    realizedPnl,
                    fees,
                    openedAt,
                    updatedAt,
                    source);
        }
    }

    /** A position after a fill, and the fill with its realised PnL. */
    public record Applied(Position position, Fill fill) {}
}
