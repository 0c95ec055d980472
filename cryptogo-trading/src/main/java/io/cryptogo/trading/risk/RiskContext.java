package io.cryptogo.trading.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The account's state a risk check needs: free balances of the two assets, the position already held,
 * today's accepted order count and today's profit and loss (realised PnL minus fees, negative for a
 * loss), and the fee rate of the venue.
 */
public record RiskContext(
        BigDecimal freeQuote,
        BigDecimal freeBase,
        BigDecimal positionQuantity,
        int tradesToday,
        BigDecimal pnlToday,
        BigDecimal feeRate) {
    public RiskContext {
        Objects.requireNonNull(freeQuote, "freeQuote");
        Objects.requireNonNull(freeBase, "freeBase");
        Objects.requireNonNull(positionQuantity, "positionQuantity");
        Objects.requireNonNull(pnlToday, "pnlToday");
        Objects.requireNonNull(feeRate, "feeRate");
    }
}
