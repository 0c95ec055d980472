package io.cryptogo.trading;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An order as the trader tracks it: what was asked (rounded to the symbol's tick and step sizes), its status, how
 * much filled at which average price, and the fees paid (in {@code feeAsset}).
 *
 * <p>An immutable value: equal when every field is equal ({@code BigDecimal} scale included, as before). Build one
 * with {@link #from(OrderRequest, String, String, Instant)} or {@link #builder()}, change one with the {@code
 * with…} methods or {@link #toBuilder()}:
 *
 * <pre>{@code
 * Order o = Order.builder().clientOrderId("c-1").accountId("default").symbol(Symbol.parse("BTC/USDT"))
 *         .side(Side.BUY).type(OrderType.MARKET).quantity(new BigDecimal("0.001"))
 *         .createdAt(now).source("simulated").build();
 * }</pre>
 *
 * Its JSON (any Jackson mapper with the JDK 8 and java.time modules) has one property per accessor, in the order
 * they are listed here, as when it was a record.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
public final class Order {
    // the fields' order is the JSON's order: keep it
    private final long id;
    private final String clientOrderId;
    private final String accountId;
    private final Optional<String> exchangeOrderId;
    private final Symbol symbol;
    private final Side side;
    private final OrderType type;
    private final BigDecimal quantity;
    private final Optional<BigDecimal> limitPrice;
    private final Optional<BigDecimal> stopLoss;
    private final Optional<BigDecimal> takeProfit;
    private final OrderStatus status;
    private final BigDecimal filledQuantity;
    private final Optional<BigDecimal> averagePrice;
    private final BigDecimal fee;
    private final String feeAsset;
    private final Optional<String> reason;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final String source;

    private Order(Builder b) {
        this.id = b.id;
        this.clientOrderId = Objects.requireNonNull(b.clientOrderId, "clientOrderId");
        this.accountId = Objects.requireNonNull(b.accountId, "accountId");
        this.exchangeOrderId = Objects.requireNonNull(b.exchangeOrderId, "exchangeOrderId");
        this.symbol = Objects.requireNonNull(b.symbol, "symbol");
        this.side = Objects.requireNonNull(b.side, "side");
        this.type = Objects.requireNonNull(b.type, "type");
        this.quantity = Objects.requireNonNull(b.quantity, "quantity");
        this.limitPrice = Objects.requireNonNull(b.limitPrice, "limitPrice");
        this.stopLoss = Objects.requireNonNull(b.stopLoss, "stopLoss");
        this.takeProfit = Objects.requireNonNull(b.takeProfit, "takeProfit");
        this.status = Objects.requireNonNull(b.status, "status");
        this.filledQuantity = Objects.requireNonNull(b.filledQuantity, "filledQuantity");
        this.averagePrice = Objects.requireNonNull(b.averagePrice, "averagePrice");
        this.fee = Objects.requireNonNull(b.fee, "fee");
        this.feeAsset = Objects.requireNonNull(
                b.feeAsset != null || b.symbol == null ? b.feeAsset : b.symbol.quote(), "feeAsset");
        this.reason = Objects.requireNonNull(b.reason, "reason");
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(b.updatedAt != null ? b.updatedAt : b.createdAt, "updatedAt");
        this.source = Objects.requireNonNull(b.source, "source");
        if (filledQuantity.signum() < 0 || filledQuantity.compareTo(quantity) > 0) {
            throw new IllegalArgumentException(
                    "filledQuantity " + filledQuantity + " outside 0.." + quantity + " for " + clientOrderId);
        }
        if (fee.signum() < 0) {
            throw new IllegalArgumentException("fee cannot be negative: " + fee);
        }
    }

    /** A fresh order from a (rounded) request whose market source is not known ({@code unknown}). */
    public static Order from(OrderRequest r, String accountId, Instant now) {
        return from(r, accountId, "unknown", now);
    }

    /** A fresh order from a (rounded) request, status NEW, nothing filled, made on market source {@code source}. */
    public static Order from(OrderRequest r, String accountId, String source, Instant now) {
        return builder()
                .clientOrderId(r.clientOrderId())
                .accountId(accountId)
                .symbol(r.symbol())
                .side(r.side())
                .type(r.type())
                .quantity(r.quantity())
                .limitPrice(r.limitPrice())
                .stopLoss(r.stopLoss())
                .takeProfit(r.takeProfit())
                .feeAsset(r.symbol().quote())
                .createdAt(now)
                .updatedAt(now)
                .source(source)
                .build();
    }

    /**
     * An empty builder. Defaults: id {@code 0}, status {@code NEW}, nothing filled, no fee, every optional
     * empty, {@code feeAsset} the symbol's quote asset, {@code updatedAt} = {@code createdAt}, source {@code
     * unknown}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this order's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.clientOrderId = clientOrderId;
        b.accountId = accountId;
        b.exchangeOrderId = exchangeOrderId;
        b.symbol = symbol;
        b.side = side;
        b.type = type;
        b.quantity = quantity;
        b.limitPrice = limitPrice;
        b.stopLoss = stopLoss;
        b.takeProfit = takeProfit;
        b.status = status;
        b.filledQuantity = filledQuantity;
        b.averagePrice = averagePrice;
        b.fee = fee;
        b.feeAsset = feeAsset;
        b.reason = reason;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.source = source;
        return b;
    }

    /** The store's id ({@code 0} before the order is stored). */
    public long id() {
        return id;
    }

    /** The client order id, the idempotency key of the submission. */
    public String clientOrderId() {
        return clientOrderId;
    }

    /** The account the order belongs to. */
    public String accountId() {
        return accountId;
    }

    /** The venue's order id, once the venue has answered. */
    public Optional<String> exchangeOrderId() {
        return exchangeOrderId;
    }

    /** The symbol traded. */
    public Symbol symbol() {
        return symbol;
    }

    /** Buy or sell. */
    public Side side() {
        return side;
    }

    /** Market or limit. */
    public OrderType type() {
        return type;
    }

    /** The quantity asked, in the base asset (rounded down to the step size). */
    public BigDecimal quantity() {
        return quantity;
    }

    /** The limit price of a LIMIT order. */
    public Optional<BigDecimal> limitPrice() {
        return limitPrice;
    }

    /** The protective stop loss watched after the order fills. */
    public Optional<BigDecimal> stopLoss() {
        return stopLoss;
    }

    /** The take profit watched after the order fills. */
    public Optional<BigDecimal> takeProfit() {
        return takeProfit;
    }

    /** Where the order stands. */
    public OrderStatus status() {
        return status;
    }

    /** How much has filled, {@code 0..quantity}. */
    public BigDecimal filledQuantity() {
        return filledQuantity;
    }

    /** The average fill price, once something filled. */
    public Optional<BigDecimal> averagePrice() {
        return averagePrice;
    }

    /** The fees paid so far, in {@link #feeAsset()}. */
    public BigDecimal fee() {
        return fee;
    }

    /** The asset the fees are paid in. */
    public String feeAsset() {
        return feeAsset;
    }

    /** Why it was rejected, canceled or expired; empty otherwise. */
    public Optional<String> reason() {
        return reason;
    }

    /** When the order was made. */
    public Instant createdAt() {
        return createdAt;
    }

    /** When the order last changed. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** The market source the order was made on ({@code binance} / {@code simulated}). */
    public String source() {
        return source;
    }

    /** Quantity still to fill. */
    public BigDecimal remainingQuantity() {
        return quantity.subtract(filledQuantity);
    }

    /** This order with the store's id. */
    public Order withId(long newId) {
        Builder b = toBuilder();
        b.id = newId;
        return b.build();
    }

    /** This order with the venue's view applied. */
    public Order withReport(ExecutionReport r, Instant now) {
        Builder b = toBuilder();
        b.exchangeOrderId = r.exchangeOrderId().or(() -> exchangeOrderId);
        b.status = r.status();
        b.filledQuantity = r.filledQuantity();
        b.averagePrice = r.averagePrice().or(() -> averagePrice);
        b.fee = r.fee();
        b.feeAsset = r.feeAsset().orElse(feeAsset);
        b.reason = r.reason().or(() -> reason);
        b.updatedAt = now;
        return b.build();
    }

    /** This order in status {@code s}, with {@code why} as its reason when given, changed at {@code now}. */
    public Order withStatus(OrderStatus s, String why, Instant now) {
        Builder b = toBuilder();
        b.status = s;
        b.reason = Optional.ofNullable(why).or(() -> reason);
        b.updatedAt = now;
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Order x
                        && id == x.id
                        && clientOrderId.equals(x.clientOrderId)
                        && accountId.equals(x.accountId)
                        && exchangeOrderId.equals(x.exchangeOrderId)
                        && symbol.equals(x.symbol)
                        && side == x.side
                        && type == x.type
                        && quantity.equals(x.quantity)
                        && limitPrice.equals(x.limitPrice)
                        && stopLoss.equals(x.stopLoss)
                        && takeProfit.equals(x.takeProfit)
                        && status == x.status
                        && filledQuantity.equals(x.filledQuantity)
                        && averagePrice.equals(x.averagePrice)
                        && fee.equals(x.fee)
                        && feeAsset.equals(x.feeAsset)
                        && reason.equals(x.reason)
                        && createdAt.equals(x.createdAt)
                        && updatedAt.equals(x.updatedAt)
                        && source.equals(x.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                id,
                clientOrderId,
                accountId,
                exchangeOrderId,
                symbol,
                side,
                type,
                quantity,
                limitPrice,
                stopLoss,
                takeProfit,
                status,
                filledQuantity,
                averagePrice,
                fee,
                feeAsset,
                reason,
                createdAt,
                updatedAt,
                source);
    }

    /** The record-style form {@code Order[id=…, clientOrderId=…, …]}, every field in order. */
    @Override
    public String toString() {
        return "Order[id=" + id + ", clientOrderId=" + clientOrderId + ", accountId=" + accountId
                + ", exchangeOrderId=" + exchangeOrderId + ", symbol=" + symbol + ", side=" + side + ", type=" + type
                + ", quantity=" + quantity + ", limitPrice=" + limitPrice + ", stopLoss=" + stopLoss
                + ", takeProfit=" + takeProfit + ", status=" + status + ", filledQuantity=" + filledQuantity
                + ", averagePrice=" + averagePrice + ", fee=" + fee + ", feeAsset=" + feeAsset + ", reason=" + reason
                + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + ", source=" + source + "]";
    }

    /** Collects an order's values; {@link #build()} validates them. */
    public static final class Builder {
        private long id;
        private String clientOrderId;
        private String accountId;
        private Optional<String> exchangeOrderId = Optional.empty();
        private Symbol symbol;
        private Side side;
        private OrderType type;
        private BigDecimal quantity;
        private Optional<BigDecimal> limitPrice = Optional.empty();
        private Optional<BigDecimal> stopLoss = Optional.empty();
        private Optional<BigDecimal> takeProfit = Optional.empty();
        private OrderStatus status = OrderStatus.NEW;
        private BigDecimal filledQuantity = BigDecimal.ZERO;
        private Optional<BigDecimal> averagePrice = Optional.empty();
        private BigDecimal fee = BigDecimal.ZERO;
        private String feeAsset;
        private Optional<String> reason = Optional.empty();
        private Instant createdAt;
        private Instant updatedAt;
        private String source = "unknown";

        private Builder() {}

        /** See {@link Order#id()}. */
        public Builder id(long v) {
            id = v;
            return this;
        }

        /** See {@link Order#clientOrderId()}. */
        public Builder clientOrderId(String v) {
            clientOrderId = v;
            return this;
        }

        /** See {@link Order#accountId()}. */
        public Builder accountId(String v) {
            accountId = v;
            return this;
        }

        /** See {@link Order#exchangeOrderId()}. */
        public Builder exchangeOrderId(Optional<String> v) {
            exchangeOrderId = Objects.requireNonNull(v, "exchangeOrderId");
            return this;
        }

        /** See {@link Order#symbol()}. */
        public Builder symbol(Symbol v) {
            symbol = v;
            return this;
        }

        /** See {@link Order#side()}. */
        public Builder side(Side v) {
            side = v;
            return this;
        }

        /** See {@link Order#type()}. */
        public Builder type(OrderType v) {
            type = v;
            return this;
        }

        /** See {@link Order#quantity()}. */
        public Builder quantity(BigDecimal v) {
            quantity = v;
            return this;
        }

        /** See {@link Order#limitPrice()}. */
        public Builder limitPrice(Optional<BigDecimal> v) {
            limitPrice = Objects.requireNonNull(v, "limitPrice");
            return this;
        }

        /** See {@link Order#stopLoss()}. */
        public Builder stopLoss(Optional<BigDecimal> v) {
            stopLoss = Objects.requireNonNull(v, "stopLoss");
            return this;
        }

        /** See {@link Order#takeProfit()}. */
        public Builder takeProfit(Optional<BigDecimal> v) {
            takeProfit = Objects.requireNonNull(v, "takeProfit");
            return this;
        }

        /** See {@link Order#status()}. */
        public Builder status(OrderStatus v) {
            status = v;
            return this;
        }

        /** See {@link Order#filledQuantity()}. */
        public Builder filledQuantity(BigDecimal v) {
            filledQuantity = v;
            return this;
        }

        /** See {@link Order#averagePrice()}. */
        public Builder averagePrice(Optional<BigDecimal> v) {
            averagePrice = Objects.requireNonNull(v, "averagePrice");
            return this;
        }

        /** See {@link Order#fee()}. */
        public Builder fee(BigDecimal v) {
            fee = v;
            return this;
        }

        /** See {@link Order#feeAsset()}. */
        public Builder feeAsset(String v) {
            feeAsset = v;
            return this;
        }

        /** See {@link Order#reason()}. */
        public Builder reason(Optional<String> v) {
            reason = Objects.requireNonNull(v, "reason");
            return this;
        }

        /** See {@link Order#createdAt()}. */
        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        /** See {@link Order#updatedAt()}. */
        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        /** See {@link Order#source()}. */
        public Builder source(String v) {
            source = v;
            return this;
        }

        /**
         * The order; throws {@link NullPointerException} naming a missing value and {@link IllegalArgumentException}
         * for a fill outside {@code 0..quantity} or a negative fee.
         */
        public Order build() {
            return new Order(this);
        }
    }
}
