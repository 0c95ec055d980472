package io.cryptogo.ai.desk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The code risk check's verdict on a proposed signal: approved or vetoed (final), with the reason, and the
 * size the limits allow (base quantity and its notional in the valuation currency; zero for a HOLD or a
 * veto). The size comes from the limits and the stop distance, never from the model's confidence or text.
 */
public record RiskCheck(boolean approved, String reason, BigDecimal quantity, BigDecimal notional) {
    public RiskCheck {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(notional, "notional");
        if (quantity.signum() < 0 || notional.signum() < 0) {
            throw new IllegalArgumentException("quantity and notional must be >= 0");
        }
    }

    /** A veto: nothing may be traded. */
    public static RiskCheck veto(String reason) {
        return new RiskCheck(false, reason, BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
