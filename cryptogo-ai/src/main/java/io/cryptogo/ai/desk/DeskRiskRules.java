package io.cryptogo.ai.desk;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.model.TradeSignal.Action;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The built-in code risk check, the same rules as the trading module's risk manager, checked in this order:
 *
 * <ol>
 *   <li>spot only: a SELL closes or reduces a long, so with nothing held it is vetoed, and its size is the
 *       quantity held;
 *   <li>{@code MAX_DAILY_TRADES}: with that many orders today, vetoed;
 *   <li>{@code MAX_POSITION_SIZE}: a BUY when the position is already worth the limit is vetoed;
 *   <li>sizing: a BUY's quantity loses {@code equity × RISK_PER_TRADE} at the stop, capped so the position
 *       stays within {@code MAX_POSITION_SIZE}.
 * </ol>
 */
public final class DeskRiskRules implements DeskRisk {
    private final BigDecimal maxPositionSize;
    private final int maxDailyTrades;
    private final BigDecimal riskPerTrade;

    public DeskRiskRules(BigDecimal maxPositionSize, int maxDailyTrades, BigDecimal riskPerTrade) {
        this.maxPositionSize = Objects.requireNonNull(maxPositionSize, "maxPositionSize");
        this.riskPerTrade = Objects.requireNonNull(riskPerTrade, "riskPerTrade");
        this.maxDailyTrades = maxDailyTrades;
        if (maxPositionSize.signum() <= 0) {
            throw new ConfigException("MAX_POSITION_SIZE", "MAX_POSITION_SIZE must be > 0, got " + maxPositionSize);
        }
        if (riskPerTrade.signum() <= 0 || riskPerTrade.compareTo(BigDecimal.ONE) > 0) {
            throw new ConfigException("RISK_PER_TRADE", "RISK_PER_TRADE must be within (0, 1], got " + riskPerTrade);
        }
        if (maxDailyTrades < 0) {
            throw new ConfigException("MAX_DAILY_TRADES", "MAX_DAILY_TRADES must be >= 0, got " + maxDailyTrades);
        }
    }

    /** {@code MAX_POSITION_SIZE} (1000), {@code MAX_DAILY_TRADES} (10), {@code RISK_PER_TRADE} (0.02). */
    public static DeskRiskRules fromConfig(Config c) {
        return new DeskRiskRules(
                c.decimal("MAX_POSITION_SIZE", new BigDecimal("1000"), new BigDecimal("0.00000001"), null),
                c.integer("MAX_DAILY_TRADES", 10, 0, 1_000_000),
                c.decimal("RISK_PER_TRADE", new BigDecimal("0.02"), new BigDecimal("0.0001"), BigDecimal.ONE));
    }

    public BigDecimal maxPositionSize() {
        return maxPositionSize;
    }

    @Override
    public RiskCheck check(TradeSignal s, Account a) {
        BigDecimal price = s.entry();
        if (s.action() == Action.HOLD) {
            return new RiskCheck(true, "HOLD: nothing to check", BigDecimal.ZERO, BigDecimal.ZERO);
        }
        if (s.action() == Action.SELL && a.baseHeld().signum() == 0) {
            return RiskCheck.veto("spot only: SELL closes or reduces a long, and no "
                    + s.symbol().base() + " is held");
        }
        if (a.tradesToday() >= maxDailyTrades) {
            return RiskCheck.veto(
                    "MAX_DAILY_TRADES: " + a.tradesToday() + " orders today, MAX_DAILY_TRADES=" + maxDailyTrades);
        }
        if (s.action() == Action.SELL) {
            BigDecimal q = a.baseHeld();
            return new RiskCheck(
                    true,
                    "SELL closes the long of " + plain(q) + " " + s.symbol().base(),
                    q,
                    notional(q, price));
        }
        BigDecimal held = a.baseHeld().multiply(price);
        BigDecimal room = maxPositionSize.subtract(held);
        if (room.signum() <= 0) {
            return RiskCheck.veto("MAX_POSITION_SIZE: the position is worth " + plain(held) + " "
                    + s.symbol().quote() + ", MAX_POSITION_SIZE=" + plain(maxPositionSize));
        }
        BigDecimal distance = price.subtract(s.stopLoss().orElseThrow()).abs();
        BigDecimal byRisk = a.equity().multiply(riskPerTrade).divide(distance, 8, RoundingMode.DOWN);
        BigDecimal byRoom = room.divide(price, 8, RoundingMode.DOWN);
        BigDecimal q = byRisk.min(byRoom);
        if (q.signum() <= 0) {
            return RiskCheck.veto("sizing: equity " + plain(a.equity()) + " × RISK_PER_TRADE " + plain(riskPerTrade)
                    + " buys nothing at a stop " + plain(distance) + " away");
        }
        String why = q.compareTo(byRoom) == 0 && byRoom.compareTo(byRisk) < 0
                ? "capped by MAX_POSITION_SIZE=" + plain(maxPositionSize)
                : "risking " + plain(riskPerTrade) + " of equity " + plain(a.equity()) + " at the stop";
        return new RiskCheck(true, "BUY " + plain(q) + " " + s.symbol().base() + ": " + why, q, notional(q, price));
    }

    private static BigDecimal notional(BigDecimal q, BigDecimal price) {
        return q.multiply(price).setScale(2, RoundingMode.DOWN);
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
