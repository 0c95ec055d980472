package io.cryptogo.trading.mode;

import io.cryptogo.model.Symbol;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A trade signal waiting for a person: what would be ordered (quantity sized by the risk rules), the
 * signal's entry, stop and target, and until when it may be approved.
 */
public record Proposal(
        String id,
        String accountId,
        Symbol symbol,
        Side side,
        BigDecimal quantity,
        BigDecimal entry,
        BigDecimal stopLoss,
        BigDecimal takeProfit,
        double confidence,
        String generator,
        String reasoning,
        Status status,
        Optional<String> reason,
        Optional<String> clientOrderId,
        Instant createdAt,
        Instant expiresAt,
        Optional<Instant> decidedAt) {

    /** Where a proposal stands. */
    public enum Status {
        PENDING,
        APPROVED,
        REJECTED,
        EXPIRED,
        FAILED
    }

    public Proposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(stopLoss, "stopLoss");
        Objects.requireNonNull(takeProfit, "takeProfit");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /** Whether it is still pending at {@code now}. */
    public boolean pendingAt(Instant now) {
        return status == Status.PENDING && now.isBefore(expiresAt);
    }

    /** The same proposal decided. */
    public Proposal decided(Status s, String why, String orderId, Instant now) {
        return new Proposal(
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
                s,
                Optional.ofNullable(why),
                Optional.ofNullable(orderId),
                createdAt,
                expiresAt,
                Optional.of(now));
    }
}
