package io.cryptogo.trading.risk;

import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every order before any venue sees it, in every mode. Rules, in the order they are checked:
 *
 * <ol>
 *   <li>{@code MAX_DAILY_TRADES}: at most that many orders per UTC day;
 *   <li>{@code MAX_DAILY_LOSS}: once today's loss (realised PnL minus fees, in {@code RISK_CURRENCY})
 *       reaches the limit, no BUY;
 *   <li>{@code MAX_POSITION_SIZE}: the position's value after a BUY, at the worst price the fill may
 *       reach, in {@code RISK_CURRENCY}, stays within the limit;
 *   <li>{@code BALANCE}: a BUY needs quantity × price × (1 + fee rate) of free quote asset, a SELL the
 *       quantity of free base asset.
 * </ol>
 *
 * Protective exits (stop loss, take profit) skip the first two rules: a limit must never keep a losing
 * position open.
 *
 * <pre>{@code
 * RiskManager risk = new RiskManager(RiskLimits.defaults());
 * risk.check(request, price, context, false);          // throws RiskRejectedException
 * BigDecimal qty = risk.positionSize(equity, entry, stop, price);
 * }</pre>
 */
public final class RiskManager {
    private static final Logger log = LoggerFactory.getLogger(RiskManager.class);

    private final RiskLimits limits;
    private final java.util.Map<String, java.util.concurrent.atomic.LongAdder> rejections =
            new java.util.concurrent.ConcurrentHashMap<>();

    public RiskManager(RiskLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public RiskLimits limits() {
        return limits;
    }

    /**
     * Throws a {@link RiskRejectedException} naming the first rule the order breaks.
     *
     * @param price the worst price the order may execute at (limit price, or the current ask/bid with the
     *     venue's slippage for a market BUY), in the symbol's quote asset
     * @param protectiveExit true for a stop-loss or take-profit exit
     */
    public void check(OrderRequest r, BigDecimal price, RiskContext ctx, boolean protectiveExit) {
        if (!protectiveExit && ctx.tradesToday() >= limits.maxDailyTrades()) {
            reject(
                    "MAX_DAILY_TRADES",
                    String.valueOf(limits.maxDailyTrades()),
                    String.valueOf(ctx.tradesToday() + 1),
                    "daily trade limit reached: this would be trade " + (ctx.tradesToday() + 1) + " of the UTC day, "
                            + "MAX_DAILY_TRADES=" + limits.maxDailyTrades());
        }
        BigDecimal loss = ctx.pnlToday().negate();
        if (!protectiveExit && r.side() == Side.BUY && loss.compareTo(limits.maxDailyLoss()) >= 0) {
            reject(
                    "MAX_DAILY_LOSS",
                    limits.maxDailyLoss().toPlainString(),
                    loss.toPlainString(),
                    "daily loss limit reached: lost " + plain(loss) + " " + ctx.currency() + " today, MAX_DAILY_LOSS="
                            + limits.maxDailyLoss().toPlainString() + " " + ctx.currency()
                            + "; only selling is allowed until the next UTC day");
        }
        BigDecimal notional = r.quantity().multiply(price);
        if (r.side() == Side.BUY) {
            BigDecimal after =
                    ctx.positionQuantity().add(r.quantity()).multiply(price).multiply(ctx.quoteValue());
            if (after.compareTo(limits.maxPositionSize()) > 0) {
                reject(
                        "MAX_POSITION_SIZE",
                        limits.maxPositionSize().toPlainString(),
                        plain(after),
                        "position of " + r.symbol() + " would be worth " + plain(after) + " "
                                + ctx.currency() + " at " + plain(price) + " "
                                + r.symbol().quote()
                                + ", MAX_POSITION_SIZE="
                                + limits.maxPositionSize().toPlainString() + " "
                                + ctx.currency());
            }
            BigDecimal need = notional.multiply(BigDecimal.ONE.add(ctx.feeRate()));
            if (need.compareTo(ctx.freeQuote()) > 0) {
                reject(
                        "BALANCE",
                        plain(ctx.freeQuote()),
                        plain(need),
                        "insufficient " + r.symbol().quote() + ": need " + plain(need) + " including fees, free "
                                + plain(ctx.freeQuote()));
            }
        } else if (r.quantity().compareTo(ctx.freeBase()) > 0) {
            reject(
                    "BALANCE",
                    plain(ctx.freeBase()),
                    r.quantity().toPlainString(),
                    "insufficient " + r.symbol().base() + ": need "
                            + r.quantity().toPlainString() + ", free " + plain(ctx.freeBase()));
        }
    }

    /**
     * The quantity that loses {@code equity × RISK_PER_TRADE} when the stop is hit, {@code equity × risk ÷
     * |entry − stop|}, capped so that its notional at {@code price} stays within {@code MAX_POSITION_SIZE}.
     * Everything in one currency. Not yet rounded to the symbol's step size.
     */
    public BigDecimal positionSize(BigDecimal equity, BigDecimal entry, BigDecimal stop, BigDecimal price) {
        BigDecimal distance = entry.subtract(stop).abs();
        if (distance.signum() == 0) {
            throw new RiskRejectedException(
                    "RISK_PER_TRADE", "stop != entry", "stop == entry", "the stop equals the entry: risk is undefined");
        }
        BigDecimal byRisk = equity.multiply(limits.riskPerTrade()).divide(distance, 12, RoundingMode.DOWN);
        BigDecimal byMax = limits.maxPositionSize().divide(price, 12, RoundingMode.DOWN);
        return byRisk.min(byMax);
    }

    /** How many orders each rule has rejected since start (rule name to count), for metrics. */
    public java.util.Map<String, Long> rejections() {
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        rejections.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private void reject(String rule, String limit, String value, String message) {
        rejections
                .computeIfAbsent(rule, k -> new java.util.concurrent.atomic.LongAdder())
                .increment();
        log.info("risk rejected ({}): {}", rule, message);
        throw new RiskRejectedException(rule, limit, value, message);
    }
}
