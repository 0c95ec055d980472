package io.cryptogo.model;

import java.math.BigDecimal;
import java.util.Objects;

/** An account's holding of one asset: free to use and locked in open orders. Never negative. */
public record Balance(String asset, BigDecimal free, BigDecimal locked) {
    public Balance {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(free, "free");
        Objects.requireNonNull(locked, "locked");
        if (free.signum() < 0 || locked.signum() < 0) {
            throw new IllegalArgumentException(
                    "balance of " + asset + " cannot be negative: free=" + free + " locked=" + locked);
        }
    }

    public BigDecimal total() {
        return free.add(locked);
    }
}
