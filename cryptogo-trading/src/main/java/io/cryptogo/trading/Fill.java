package io.cryptogo.trading;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution of (part of) an order. {@code tradeId} is unique within its order; {@code realizedPnl}
 * is what a SELL realised against the position's cost (zero for a BUY), before fees. {@code source} is the
 * market source the fill was made on ({@code binance} / {@code simulated}); the engine stamps it on the way
 * in, a venue may leave it empty.
 *
 * <p>An immutable value, equal when every field is equal. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * Fill f = Fill.builder().tradeId("t-1").symbol(Symbol.parse("BTC/USDT")).side(Side.BUY)
 *         .price(new BigDecimal("65000")).quantity(new BigDecimal("0.001")).fee(fee).feeAsset("USDT")
 *         .time(now).build();
 * }</pre>
 *
 * Its JSON (any Jackson mapper with the java.time module) has one property per accessor, in the order they are
 * listed here, as when it was a record.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
public final class Fill {
    // the fields' order is the JSON's order: keep it
    private final long orderId;
    private final String tradeId;
    private final Symbol symbol;
    private final Side side;
    private final BigDecimal price;
    private final BigDecimal quantity;
    private final BigDecimal fee;
    private final String feeAsset;
    private final BigDecimal realizedPnl;
    private final Instant time;
    private final String source;

    private Fill(Builder b) {
        this.orderId = b.orderId;
        this.tradeId = Objects.requireNonNull(b.tradeId, "tradeId");
        this.symbol = Objects.requireNonNull(b.symbol, "symbol");
        this.side = Objects.requireNonNull(b.side, "side");
        this.price = Objects.requireNonNull(b.price, "price");
        this.quantity = Objects.requireNonNull(b.quantity, "quantity");
        this.fee = Objects.requireNonNull(b.fee, "fee");
        this.feeAsset = Objects.requireNonNull(b.feeAsset, "feeAsset");
        this.realizedPnl = Objects.requireNonNull(b.realizedPnl, "realizedPnl");
        this.time = Objects.requireNonNull(b.time, "time");
        this.source = Objects.requireNonNull(b.source, "source");
        if (price.signum() <= 0 || quantity.signum() <= 0 || fee.signum() < 0) {
            throw new IllegalArgumentException(
                    "fill needs price > 0, quantity > 0, fee >= 0: " + price + " " + quantity + " " + fee);
        }
    }

    /** An empty builder. Defaults: order id {@code 0}, realised PnL zero, source empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this value's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.orderId = orderId;
        b.tradeId = tradeId;
        b.symbol = symbol;
        b.side = side;
        b.price = price;
        b.quantity = quantity;
        b.fee = fee;
        b.feeAsset = feeAsset;
        b.realizedPnl = realizedPnl;
        b.time = time;
        b.source = source;
        return b;
    }

    /** The order the fill belongs to ({@code 0} until the engine knows it). */
    public long orderId() {
        return orderId;
    }

    /** The trade id, unique within its order. */
    public String tradeId() {
        return tradeId;
    }

    /** The symbol traded. */
    public Symbol symbol() {
        return symbol;
    }

    /** Buy or sell. */
    public Side side() {
        return side;
    }

    /** The price it executed at. */
    public BigDecimal price() {
        return price;
    }

    /** The quantity executed, in the base asset. */
    public BigDecimal quantity() {
        return quantity;
    }

    /** The fee paid, in {@link #feeAsset()}. */
    public BigDecimal fee() {
        return fee;
    }

    /** The asset the fee was paid in. */
    public String feeAsset() {
        return feeAsset;
    }

    /** What a SELL realised against the position's cost, before fees (zero for a BUY). */
    public BigDecimal realizedPnl() {
        return realizedPnl;
    }

    /** When it executed. */
    public Instant time() {
        return time;
    }

    /** The market source it was made on ({@code binance} / {@code simulated}); empty until the engine stamps it. */
    public String source() {
        return source;
    }

    /** price × quantity. */
    public BigDecimal notional() {
        return price.multiply(quantity);
    }

    /** This fill, filed under order {@code id}. */
    public Fill withOrderId(long id) {
        return toBuilder().orderId(id).build();
    }

    /** This fill stamped with market source {@code s}. */
    public Fill withSource(String s) {
        return toBuilder().source(s).build();
    }

    /** This fill with the PnL it realised. */
    public Fill withRealizedPnl(BigDecimal pnl) {
        return toBuilder().realizedPnl(pnl).build();
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Fill x
                        && orderId == x.orderId
                        && tradeId.equals(x.tradeId)
                        && symbol.equals(x.symbol)
                        && side.equals(x.side)
                        && price.equals(x.price)
                        && quantity.equals(x.quantity)
                        && fee.equals(x.fee)
                        && feeAsset.equals(x.feeAsset)
                        && realizedPnl.equals(x.realizedPnl)
                        && time.equals(x.time)
                        && source.equals(x.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, tradeId, symbol, side, price, quantity, fee, feeAsset, realizedPnl, time, source);
    }

    /** The record-style form {@code Fill[orderId=…, …]}, every field in order. */
    @Override
    public String toString() {
        return "Fill[orderId=" + orderId + ", tradeId=" + tradeId + ", symbol=" + symbol + ", side=" + side + ", price="
                + price + ", quantity=" + quantity + ", fee=" + fee + ", feeAsset=" + feeAsset + ", realizedPnl="
                + realizedPnl + ", time=" + time + ", source=" + source + "]";
    }

    /** Collects the fields; {@link #build()} validates them. */
    public static final class Builder {
        private long orderId;
        private String tradeId;
        private Symbol symbol;
        private Side side;
        private BigDecimal price;
        private BigDecimal quantity;
        private BigDecimal fee;
        private String feeAsset;
        private BigDecimal realizedPnl = BigDecimal.ZERO;
        private Instant time;
        private String source = "";

        private Builder() {}

        /** See {@link Fill#orderId()}. */
        public Builder orderId(long v) {
            orderId = v;
            return this;
        }

        /** See {@link Fill#tradeId()}. */
        public Builder tradeId(String v) {
            tradeId = v;
            return this;
        }

        /** See {@link Fill#symbol()}. */
        public Builder symbol(Symbol v) {
            symbol = v;
            return this;
        }

        /** See {@link Fill#side()}. */
        public Builder side(Side v) {
            side = v;
            return this;
        }

        /** See {@link Fill#price()}. */
        public Builder price(BigDecimal v) {
            price = v;
            return this;
        }

        /** See {@link Fill#quantity()}. */
        public Builder quantity(BigDecimal v) {
            quantity = v;
            return this;
        }

        /** See {@link Fill#fee()}. */
        public Builder fee(BigDecimal v) {
            fee = v;
            return this;
        }

        /** See {@link Fill#feeAsset()}. */
        public Builder feeAsset(String v) {
            feeAsset = v;
            return this;
        }

        /** See {@link Fill#realizedPnl()}. */
        public Builder realizedPnl(BigDecimal v) {
            realizedPnl = v;
            return this;
        }

        /** See {@link Fill#time()}. */
        public Builder time(Instant v) {
            time = v;
            return this;
        }

        /** See {@link Fill#source()}. */
        public Builder source(String v) {
            source = v;
            return this;
        }

        /** The value; throws naming what is missing or inconsistent. */
        public Fill build() {
            return new Fill(this);
        }
    }
}
