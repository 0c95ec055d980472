package io.cryptogo.trading.grid;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** One level as a page or the REST API shows it. */
public record LevelView(
        LevelPlan plan,
        LevelState state,
        Optional<String> openClientOrderId,
        BigDecimal baseHeld,
        int completedPairs,
        BigDecimal profit,
        Optional<String> pausedReason) {
    public LevelView {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openClientOrderId, "openClientOrderId");
        Objects.requireNonNull(baseHeld, "baseHeld");
        Objects.requireNonNull(profit, "profit");
        Objects.requireNonNull(pausedReason, "pausedReason");
    }
}
