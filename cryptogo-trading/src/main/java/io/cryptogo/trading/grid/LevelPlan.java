package io.cryptogo.trading.grid;

import java.math.BigDecimal;
import java.util.Objects;

/** One planned level: it buys {@code quantity} at {@code buyPrice} and sells it at {@code sellPrice}, one step up. */
public record LevelPlan(int index, BigDecimal buyPrice, BigDecimal sellPrice, BigDecimal quantity) {
    public LevelPlan {
        Objects.requireNonNull(buyPrice, "buyPrice");
        Objects.requireNonNull(sellPrice, "sellPrice");
        Objects.requireNonNull(quantity, "quantity");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (sellPrice.compareTo(buyPrice) <= 0) {
            throw new IllegalArgumentException("sellPrice must be above buyPrice at level " + index);
        }
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive at level " + index);
        }
    }
}
