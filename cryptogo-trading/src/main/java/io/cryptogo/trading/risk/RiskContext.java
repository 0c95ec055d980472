package io.cryptogo.trading.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The account's state a risk check needs: free balances of the two assets, the position already held,
 * today's accepted order count and today's profit and loss (realised PnL minus fees, negative for a
 * loss, in the valuation currency), the fee rate of the venue, the valuation currency and what one unit
 * of the symbol's quote asset is worth in it ({@code quoteValue}, 1 when they are the same).
 */
public record RiskContext(
        BigDecimal freeQuote,
        BigDecimal freeBase,
        BigDecimal positionQuantity,
        int tradesToday,
        BigDecimal pnlToday,
        BigDecimal feeRate,
        String currency,
        BigDecimal quoteValue) {
    public RiskContext {
        Objects.requireNonNull(freeQuote, "freeQuote");
        Objects.requireNonNull(freeBase, "freeBase");
        Objects.requireNonNull(positionQuantity, "positionQuantity");
        Objects.requireNonNull(pnlToday, "pnlToday");
        Objects.requireNonNull(feeRate, "feeRate");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(quoteValue, "quoteValue");
        if (quoteValue.signum() <= 0) {
            throw new IllegalArgumentException("quoteValue must be positive, got " + quoteValue);
        }
    }

    /** A context for a symbol quoted in the valuation currency (USDT). */
    public RiskContext(
            BigDecimal freeQuote,
            BigDecimal freeBase,
            BigDecimal positionQuantity,
            int tradesToday,
            BigDecimal pnlToday,
            BigDecimal feeRate) {
        this(freeQuote, freeBase, positionQuantity, tradesToday, pnlToday, feeRate, "USDT", BigDecimal.ONE);
    }
}
