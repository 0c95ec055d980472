package io.cryptogo.trading.engine;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Symbol;
import io.cryptogo.trading.Fill;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Values amounts of any asset in one currency ({@code RISK_CURRENCY}, default USDT) at live prices: the
 * currency itself at 1, another asset through its {@code ASSET/CURRENCY} ticker (or the inverse pair).
 * Risk limits, daily PnL and equity are all counted in it.
 *
 * <pre>{@code
 * Valuation v = new Valuation(market, "USDT");
 * BigDecimal usdt = v.value("BNB", new BigDecimal("0.01"));   // at the BNB/USDT price
 * }</pre>
 */
public final class Valuation {
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

    private final MarketDataSource market;
    private final String currency;

    public Valuation(MarketDataSource market, String currency) {
        this.market = Objects.requireNonNull(market, "market");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /** The valuation currency, e.g. {@code USDT}. */
    public String currency() {
        return currency;
    }

    /**
     * {@code amount} of {@code asset} in the valuation currency.
     *
     * @throws CryptoGoException when the market has no price between the asset and the currency
     */
    public BigDecimal value(String asset, BigDecimal amount) {
        if (asset.equals(currency) || amount.signum() == 0) {
            return amount;
        }
        try {
            return amount.multiply(market.ticker(new Symbol(asset, currency)).price());
        } catch (InvalidRequestException e) {
            try {
                BigDecimal inverse = market.ticker(new Symbol(currency, asset)).price();
                return amount.divide(inverse, MC);
            } catch (InvalidRequestException e2) {
                throw new CryptoGoException(
                        "cannot value " + asset + " in " + currency + " (RISK_CURRENCY): the market has no " + asset
                                + "/" + currency + " or " + currency + "/" + asset + " price",
                        e);
            }
        }
    }

    /** A price of {@code symbol} (in its quote asset) in the valuation currency. */
    public BigDecimal price(Symbol symbol, BigDecimal price) {
        return value(symbol.quote(), price);
    }

    /** The fill's fee in the valuation currency (a fee in the base asset at the fill's price). */
    public BigDecimal fee(Fill f) {
        if (f.feeAsset().equals(f.symbol().base())) {
            return value(f.symbol().quote(), f.fee().multiply(f.price()));
        }
        return value(f.feeAsset(), f.fee());
    }

    /** What the fill added to the day's PnL: its realised PnL minus its fee, in the valuation currency. */
    public BigDecimal pnl(Fill f) {
        return value(f.symbol().quote(), f.realizedPnl()).subtract(fee(f));
    }
}
