package io.cryptogo.trading.risk;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The limits the {@link RiskManager} enforces. Money limits are in one valuation currency, {@code
 * riskCurrency} ({@code RISK_CURRENCY}, default USDT), whatever the symbol's quote asset.
 *
 * <pre>{@code
 * RiskLimits limits = RiskLimits.fromConfig(Config.fromEnv());           // MAX_POSITION_SIZE, …
 * RiskLimits strict = RiskLimits.defaults().withMaxDailyTrades(3);
 * }</pre>
 *
 * @param maxPositionSize largest position notional (quantity × price) after an order ({@code
 *     MAX_POSITION_SIZE}, default 1000, range 0..1e12 exclusive of 0)
 * @param maxDailyTrades orders accepted per UTC day ({@code MAX_DAILY_TRADES}, default 10, 1..100000)
 * @param riskPerTrade fraction of equity lost when a stop is hit ({@code RISK_PER_TRADE}, default
 *     0.02, range (0, 1])
 * @param maxDailyLoss once realised losses plus fees of the UTC day reach this, orders that add to a
 *     position are refused ({@code MAX_DAILY_LOSS}, default 500, range (0, 1e12])
 * @param riskCurrency the currency the money limits, daily PnL and equity are counted in ({@code
 *     RISK_CURRENCY}, default USDT; 2-10 capital letters or digits)
 */
public record RiskLimits(
        BigDecimal maxPositionSize,
        int maxDailyTrades,
        BigDecimal riskPerTrade,
        BigDecimal maxDailyLoss,
        String riskCurrency) {
    static final BigDecimal MAX_MONEY = new BigDecimal("1000000000000");

    public RiskLimits {
        Objects.requireNonNull(maxPositionSize, "maxPositionSize");
        Objects.requireNonNull(riskPerTrade, "riskPerTrade");
        Objects.requireNonNull(maxDailyLoss, "maxDailyLoss");
        if (riskCurrency == null || !riskCurrency.matches("[A-Z0-9]{2,10}")) {
            throw new ConfigException(
                    "RISK_CURRENCY",
                    "RISK_CURRENCY='" + riskCurrency + "' is not an asset; write it like USDT, USDC or BTC");
        }
        if (maxPositionSize.signum() <= 0 || maxPositionSize.compareTo(MAX_MONEY) > 0) {
            throw new ConfigException(
                    "MAX_POSITION_SIZE",
                    "MAX_POSITION_SIZE=" + maxPositionSize.toPlainString() + " is out of range; accepted range: (0, "
                            + MAX_MONEY.toPlainString() + "]");
        }
        if (maxDailyTrades < 1 || maxDailyTrades > 100_000) {
            throw new ConfigException(
                    "MAX_DAILY_TRADES",
                    "MAX_DAILY_TRADES=" + maxDailyTrades + " is out of range; accepted range: 1..100000");
        }
        if (riskPerTrade.signum() <= 0 || riskPerTrade.compareTo(BigDecimal.ONE) > 0) {
            throw new ConfigException(
                    "RISK_PER_TRADE",
                    "RISK_PER_TRADE=" + riskPerTrade.toPlainString() + " is out of range; accepted range: (0, 1]");
        }
        if (maxDailyLoss.signum() <= 0 || maxDailyLoss.compareTo(MAX_MONEY) > 0) {
            throw new ConfigException(
                    "MAX_DAILY_LOSS",
                    "MAX_DAILY_LOSS=" + maxDailyLoss.toPlainString() + " is out of range; accepted range: (0, "
                            + MAX_MONEY.toPlainString() + "]");
        }
    }

    /** Limits in USDT. */
    public RiskLimits(
            BigDecimal maxPositionSize, int maxDailyTrades, BigDecimal riskPerTrade, BigDecimal maxDailyLoss) {
        this(maxPositionSize, maxDailyTrades, riskPerTrade, maxDailyLoss, "USDT");
    }

    /** 1000 / 10 / 0.02 / 500, in USDT. */
    public static RiskLimits defaults() {
        return new RiskLimits(new BigDecimal("1000"), 10, new BigDecimal("0.02"), new BigDecimal("500"), "USDT");
    }

    /**
     * From {@code MAX_POSITION_SIZE}, {@code MAX_DAILY_TRADES}, {@code RISK_PER_TRADE}, {@code
     * MAX_DAILY_LOSS}, {@code RISK_CURRENCY}; a value out of range fails with a {@link ConfigException}
     * naming it.
     */
    public static RiskLimits fromConfig(Config c) {
        RiskLimits d = defaults();
        return new RiskLimits(
                c.decimal("MAX_POSITION_SIZE", d.maxPositionSize, null, null),
                c.integer("MAX_DAILY_TRADES", d.maxDailyTrades, Integer.MIN_VALUE, Integer.MAX_VALUE),
                c.decimal("RISK_PER_TRADE", d.riskPerTrade, null, null),
                c.decimal("MAX_DAILY_LOSS", d.maxDailyLoss, null, null),
                c.string("RISK_CURRENCY", d.riskCurrency).strip().toUpperCase(java.util.Locale.ROOT));
    }

    public RiskLimits withMaxPositionSize(BigDecimal v) {
        return new RiskLimits(v, maxDailyTrades, riskPerTrade, maxDailyLoss, riskCurrency);
    }

    public RiskLimits withMaxDailyTrades(int v) {
        return new RiskLimits(maxPositionSize, v, riskPerTrade, maxDailyLoss, riskCurrency);
    }

    public RiskLimits withRiskPerTrade(BigDecimal v) {
        return new RiskLimits(maxPositionSize, maxDailyTrades, v, maxDailyLoss, riskCurrency);
    }

    public RiskLimits withMaxDailyLoss(BigDecimal v) {
        return new RiskLimits(maxPositionSize, maxDailyTrades, riskPerTrade, v, riskCurrency);
    }

    public RiskLimits withRiskCurrency(String currency) {
        return new RiskLimits(maxPositionSize, maxDailyTrades, riskPerTrade, maxDailyLoss, currency);
    }
}
