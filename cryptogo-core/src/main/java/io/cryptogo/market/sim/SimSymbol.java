package io.cryptogo.market.sim;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The parameters of one simulated symbol: its trading filters, the price level it wanders around, how
 * volatile it is, how much trades, and the size of its (simulated) perpetual-futures open interest.
 *
 * <pre>{@code
 * SimSymbol pepe = new SimSymbol(
 *         new SymbolInfo(Symbol.parse("PEPE/USDT"), "TRADING", new BigDecimal("0.00000001"),
 *                 BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("1")),
 *         new BigDecimal("0.00001"), 0.06, new BigDecimal("50000000"), new BigDecimal("400000"),
 *         new BigDecimal("300000000000"));
 * SimulatedMarket m = SimulatedMarket.builder().symbol(pepe).build();
 * }</pre>
 *
 * @param info the trading filters (tick size, step size, minimum quantity and notional)
 * @param referencePrice the level the price reverts to over weeks (the long-run median)
 * @param dailyVolatility the standard deviation of daily log returns, e.g. {@code 0.028} for 2.8 %
 * @param volumePerMinute the average traded base quantity per minute
 * @param averageTradeSize the average base quantity of one trade (sets the trade counts)
 * @param openInterest the typical open interest of the perpetual future, in base units
 */
public record SimSymbol(
        SymbolInfo info,
        BigDecimal referencePrice,
        double dailyVolatility,
        BigDecimal volumePerMinute,
        BigDecimal averageTradeSize,
        BigDecimal openInterest) {

    public SimSymbol {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(referencePrice, "referencePrice");
        Objects.requireNonNull(volumePerMinute, "volumePerMinute");
        Objects.requireNonNull(averageTradeSize, "averageTradeSize");
        Objects.requireNonNull(openInterest, "openInterest");
        if (referencePrice.compareTo(info.tickSize().multiply(BigDecimal.valueOf(1000))) < 0) {
            throw new InvalidRequestException(
                    "referencePrice",
                    "referencePrice of " + info.symbol() + " must be at least 1000 ticks ("
                            + info.tickSize().multiply(BigDecimal.valueOf(1000)).toPlainString() + "), got "
                            + referencePrice.toPlainString());
        }
        if (!(dailyVolatility > 0 && dailyVolatility <= 0.5)) {
            throw new InvalidRequestException(
                    "dailyVolatility",
                    "dailyVolatility of " + info.symbol() + " must be in (0, 0.5], got " + dailyVolatility);
        }
        if (volumePerMinute.signum() <= 0 || averageTradeSize.signum() <= 0 || openInterest.signum() < 0) {
            throw new InvalidRequestException(
                    "volumePerMinute",
                    "volumePerMinute and averageTradeSize must be positive and openInterest >= 0 for " + info.symbol());
        }
    }

    public Symbol symbol() {
        return info.symbol();
    }

    /**
     * The built-in symbols: BTC/USDT (around 85,000), ETH/USDT, SOL/USDT, BNB/USDT and DOGE/USDT (sub-dollar),
     * with filters like Binance's.
     */
    public static List<SimSymbol> defaults() {
        return DEFAULTS;
    }

    private static final List<SimSymbol> DEFAULTS = List.of(
            of("BTC/USDT", "0.01", "0.00001", "0.00001", "5", "85000", 0.028, "11", "0.004", "78000"),
            of("ETH/USDT", "0.01", "0.0001", "0.0001", "5", "3200", 0.036, "240", "0.08", "2100000"),
            of("SOL/USDT", "0.01", "0.001", "0.001", "5", "170", 0.045, "2300", "2.4", "8500000"),
            of("BNB/USDT", "0.01", "0.001", "0.001", "5", "620", 0.025, "170", "0.6", "720000"),
            of("DOGE/USDT", "0.00001", "1", "1", "1", "0.18", 0.05, "850000", "2400", "4800000000"));

    private static SimSymbol of(
            String symbol,
            String tick,
            String step,
            String minQty,
            String minNotional,
            String price,
            double vol,
            String volumePerMinute,
            String tradeSize,
            String openInterest) {
        return new SimSymbol(
                new SymbolInfo(
                        Symbol.parse(symbol),
                        "TRADING",
                        new BigDecimal(tick),
                        new BigDecimal(step),
                        new BigDecimal(minQty),
                        new BigDecimal(minNotional)),
                new BigDecimal(price),
                vol,
                new BigDecimal(volumePerMinute),
                new BigDecimal(tradeSize),
                new BigDecimal(openInterest));
    }
}
