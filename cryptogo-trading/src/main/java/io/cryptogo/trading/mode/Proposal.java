package io.cryptogo.trading.mode;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.cryptogo.model.Symbol;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A trade signal waiting for a person: what would be ordered (quantity sized by the risk rules), the signal's
 * entry, stop and target, and until when it may be approved.
 *
 * <p>An immutable value, equal when every field is equal. {@link Proposals} makes them; {@link #builder()} and
 * {@link #decided} are for stores and tests:
 *
 * <pre>{@code
 * Proposal p = Proposal.builder().id("p-1").accountId("default").symbol(Symbol.parse("BTC/USDT"))
 *         .side(Side.BUY).quantity(qty).entry(entry).stopLoss(stop).takeProfit(target)
 *         .generator("rules").createdAt(now).expiresAt(now.plus(Duration.ofMinutes(15))).build();
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
public final class Proposal {
    // the fields' order is the JSON's order: keep it
    private final String id;
    private final String accountId;
    private final Symbol symbol;
    private final Side side;
    private final BigDecimal quantity;
    private final BigDecimal entry;
    private final BigDecimal stopLoss;
    private final BigDecimal takeProfit;
    private final double confidence;
    private final String generator;
    private final String reasoning;
    private final Status status;
    private final Optional<String> reason;
    private final Optional<String> clientOrderId;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final Optional<Instant> decidedAt;

    /** Where a proposal stands. */
    public enum Status {
        /** Waiting for a person. */
        PENDING,
        /** Approved: the order was submitted. */
        APPROVED,
        /** Rejected by a person. */
        REJECTED,
        /** Not decided before it expired. */
        EXPIRED,
        /** Approved, but the order could not be submitted. */
        FAILED
    }

    private Proposal(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.accountId = Objects.requireNonNull(b.accountId, "accountId");
        this.symbol = Objects.requireNonNull(b.symbol, "symbol");
        this.side = Objects.requireNonNull(b.side, "side");
        this.quantity = Objects.requireNonNull(b.quantity, "quantity");
        this.entry = Objects.requireNonNull(b.entry, "entry");
        this.stopLoss = Objects.requireNonNull(b.stopLoss, "stopLoss");
        this.takeProfit = Objects.requireNonNull(b.takeProfit, "takeProfit");
        this.confidence = b.confidence;
        this.generator = Objects.requireNonNull(b.generator, "generator");
        this.reasoning = Objects.requireNonNull(b.reasoning, "reasoning");
        this.status = Objects.requireNonNull(b.status, "status");
        this.reason = Objects.requireNonNull(b.reason, "reason");
        this.clientOrderId = Objects.requireNonNull(b.clientOrderId, "clientOrderId");
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(b.expiresAt, "expiresAt");
        this.decidedAt = Objects.requireNonNull(b.decidedAt, "decidedAt");
    }

    /**
     * An empty builder. Defaults: status {@code PENDING}, confidence {@code 0}, reasoning empty, no reason, no
     * client order id, not decided.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this proposal's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.accountId = accountId;
        b.symbol = symbol;
        b.side = side;
        b.quantity = quantity;
        b.entry = entry;
        b.stopLoss = stopLoss;
        b.takeProfit = takeProfit;
        b.confidence = confidence;
        b.generator = generator;
        b.reasoning = reasoning;
        b.status = status;
        b.reason = reason;
        b.clientOrderId = clientOrderId;
        b.createdAt = createdAt;
        b.expiresAt = expiresAt;
        b.decidedAt = decidedAt;
        return b;
    }

    /** The proposal's id ({@code p-…}). */
    public String id() {
        return id;
    }

    /** The account the order would be placed for. */
    public String accountId() {
        return accountId;
    }

    /** The symbol to trade. */
    public Symbol symbol() {
        return symbol;
    }

    /** Buy or sell. */
    public Side side() {
        return side;
    }

    /** The quantity the risk rules sized, in the base asset. */
    public BigDecimal quantity() {
        return quantity;
    }

    /** The signal's entry reference price. */
    public BigDecimal entry() {
        return entry;
    }

    /** The signal's stop loss ({@link #entry()} when the signal had none, as a SELL). */
    public BigDecimal stopLoss() {
        return stopLoss;
    }

    /** The signal's take profit ({@link #entry()} when the signal had none, as a SELL). */
    public BigDecimal takeProfit() {
        return takeProfit;
    }

    /** The signal's confidence, {@code 0..1}. */
    public double confidence() {
        return confidence;
    }

    /** Who decided ({@code rules} or {@code llm:<provider>/<model>}). */
    public String generator() {
        return generator;
    }

    /** The signal's reasoning. */
    public String reasoning() {
        return reasoning;
    }

    /** Where the proposal stands. */
    public Status status() {
        return status;
    }

    /** Why it was rejected, expired or failed. */
    public Optional<String> reason() {
        return reason;
    }

    /** The client order id of the order an approval submitted. */
    public Optional<String> clientOrderId() {
        return clientOrderId;
    }

    /** When it was proposed. */
    public Instant createdAt() {
        return createdAt;
    }

    /** Until when it may be approved. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** When it was decided. */
    public Optional<Instant> decidedAt() {
        return decidedAt;
    }

    /** Whether it is still pending at {@code now}. */
    public boolean pendingAt(Instant now) {
        return status == Status.PENDING && now.isBefore(expiresAt);
    }

    /** The same proposal decided. */
    public Proposal decided(Status s, String why, String orderId, Instant now) {
        Builder b = toBuilder();
        b.status = s;
        b.reason = Optional.ofNullable(why);
        b.clientOrderId = Optional.ofNullable(orderId);
        b.decidedAt = Optional.of(now);
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Proposal x
                        && id.equals(x.id)
                        && accountId.equals(x.accountId)
                        && symbol.equals(x.symbol)
                        && side == x.side
                        && quantity.equals(x.quantity)
                        && entry.equals(x.entry)
                        && stopLoss.equals(x.stopLoss)
                        && takeProfit.equals(x.takeProfit)
                        && Double.compare(confidence, x.confidence) == 0
                        && generator.equals(x.generator)
                        && reasoning.equals(x.reasoning)
                        && status == x.status
                        && reason.equals(x.reason)
                        && clientOrderId.equals(x.clientOrderId)
                        && createdAt.equals(x.createdAt)
                        && expiresAt.equals(x.expiresAt)
                        && decidedAt.equals(x.decidedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                id,
                accountId,
                symbol,
                side,
                quantity,
                entry,
                stopLoss,
                takeProfit,
                confidence,
                generator,
                reasoning,
                status,
                reason,
                clientOrderId,
                createdAt,
                expiresAt,
                decidedAt);
    }

    /** The record-style form {@code Proposal[id=…, accountId=…, …]}, every field in order. */
    @Override
    public String toString() {
        return "Proposal[id=" + id + ", accountId=" + accountId + ", symbol=" + symbol + ", side=" + side
                + ", quantity=" + quantity + ", entry=" + entry + ", stopLoss=" + stopLoss + ", takeProfit="
                + takeProfit + ", confidence=" + confidence + ", generator=" + generator + ", reasoning=" + reasoning
                + ", status=" + status + ", reason=" + reason + ", clientOrderId=" + clientOrderId + ", createdAt="
                + createdAt + ", expiresAt=" + expiresAt + ", decidedAt=" + decidedAt + "]";
    }

    /** Collects a proposal's values; {@link #build()} checks that none is missing. */
    public static final class Builder {
        private String id;
        private String accountId;
        private Symbol symbol;
        private Side side;
        private BigDecimal quantity;
        private BigDecimal entry;
        private BigDecimal stopLoss;
        private BigDecimal takeProfit;
        private double confidence;
        private String generator;
        private String reasoning = "";
        private Status status = Status.PENDING;
        private Optional<String> reason = Optional.empty();
        private Optional<String> clientOrderId = Optional.empty();
        private Instant createdAt;
        private Instant expiresAt;
        private Optional<Instant> decidedAt = Optional.empty();

        private Builder() {}

        /** See {@link Proposal#id()}. */
        public Builder id(String v) {
            id = v;
            return this;
        }

        /** See {@link Proposal#accountId()}. */
        public Builder accountId(String v) {
            accountId = v;
            return this;
        }

        /** See {@link Proposal#symbol()}. */
        public Builder symbol(Symbol v) {
            symbol = v;
            return this;
        }

        /** See {@link Proposal#side()}. */
        public Builder side(Side v) {
            side = v;
            return this;
        }

        /** See {@link Proposal#quantity()}. */
        public Builder quantity(BigDecimal v) {
            quantity = v;
            return this;
        }

        /** See {@link Proposal#entry()}. */
        public Builder entry(BigDecimal v) {
            entry = v;
            return this;
        }

        /** See {@link Proposal#stopLoss()}. */
        public Builder stopLoss(BigDecimal v) {
            stopLoss = v;
            return this;
        }

        /** See {@link Proposal#takeProfit()}. */
        public Builder takeProfit(BigDecimal v) {
            takeProfit = v;
            return this;
        }

        /** See {@link Proposal#confidence()}. */
        public Builder confidence(double v) {
            confidence = v;
            return this;
        }

        /** See {@link Proposal#generator()}. */
        public Builder generator(String v) {
            generator = v;
            return this;
        }

        /** See {@link Proposal#reasoning()}. */
        public Builder reasoning(String v) {
            reasoning = v;
            return this;
        }

        /** See {@link Proposal#status()}. */
        public Builder status(Status v) {
            status = v;
            return this;
        }

        /** See {@link Proposal#reason()}. */
        public Builder reason(Optional<String> v) {
            reason = Objects.requireNonNull(v, "reason");
            return this;
        }

        /** See {@link Proposal#clientOrderId()}. */
        public Builder clientOrderId(Optional<String> v) {
            clientOrderId = Objects.requireNonNull(v, "clientOrderId");
            return this;
        }

        /** See {@link Proposal#createdAt()}. */
        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        /** See {@link Proposal#expiresAt()}. */
        public Builder expiresAt(Instant v) {
            expiresAt = v;
            return this;
        }

        /** See {@link Proposal#decidedAt()}. */
        public Builder decidedAt(Optional<Instant> v) {
            decidedAt = Objects.requireNonNull(v, "decidedAt");
            return this;
        }

        /** The proposal; throws {@link NullPointerException} naming a missing value. */
        public Proposal build() {
            return new Proposal(this);
        }
    }
}
