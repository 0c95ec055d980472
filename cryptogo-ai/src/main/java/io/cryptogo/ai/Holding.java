package io.cryptogo.ai;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What the account holds of a symbol's base asset when a decision is taken: the part of the input that
 * gives SELL its spot meaning. Trading is spot only, so a holding is never negative; SELL closes or reduces
 * it, and a SELL without one is recorded as a HOLD with the reason "no position to sell".
 *
 * <pre>{@code
 * Holding flat = Holding.NONE;
 * Holding longBtc = Holding.of("0.01", "98500");      // 0.01 BTC bought at 98,500 on average
 * }</pre>
 *
 * @param quantity the base asset held, {@code >= 0}
 * @param averagePrice the average entry price of what is held, when known
 */
public record Holding(BigDecimal quantity, Optional<BigDecimal> averagePrice) {
    /** Nothing held (flat). */
    public static final Holding NONE = new Holding(BigDecimal.ZERO, Optional.empty());

    public Holding {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(averagePrice, "averagePrice");
        if (quantity.signum() < 0) {
            throw new IllegalArgumentException(
                    "quantity must be >= 0 (spot: a holding is never short), got " + quantity.toPlainString());
        }
        if (averagePrice.isPresent() && averagePrice.get().signum() <= 0) {
            throw new IllegalArgumentException(
                    "averagePrice must be positive, got " + averagePrice.get().toPlainString());
        }
    }

    /** {@code quantity} of the base asset bought at {@code averagePrice} on average (decimal strings). */
    public static Holding of(String quantity, String averagePrice) {
        return new Holding(new BigDecimal(quantity), Optional.of(new BigDecimal(averagePrice)));
    }

    /** {@code quantity} of the base asset, average price unknown. */
    public static Holding of(BigDecimal quantity) {
        return new Holding(quantity, Optional.empty());
    }

    /** Whether anything is held, so that a SELL has something to close or reduce. */
    public boolean open() {
        return quantity.signum() > 0;
    }

    /** The holding in words for the prompt, e.g. {@code long 0.01 BTC (average entry 98500)}. */
    public String describe(String baseAsset) {
        if (!open()) {
            return "none (flat): you hold no " + baseAsset + ", so SELL is not possible";
        }
        return "long " + quantity.stripTrailingZeros().toPlainString() + " " + baseAsset
                + averagePrice
                        .map(p -> " (average entry " + p.stripTrailingZeros().toPlainString() + ")")
                        .orElse("");
    }
}
