package io.cryptogo.market;

import io.cryptogo.model.FundingRate;
import io.cryptogo.model.OpenInterest;
import io.cryptogo.model.Symbol;
import java.time.Duration;
import java.util.List;

/**
 * Public derivatives data for a spot symbol's base asset (Binance USDⓈ-M perpetuals, or the simulated
 * market's): open interest and funding. Used by the market snapshot; a source that has none returns
 * nothing from {@link MarketDataSource#derivatives()}.
 */
public interface DerivativesData {
    /** The latest open interest. */
    OpenInterest openInterest(Symbol symbol);

    /** Open interest history, oldest first, one point per {@code period} (5m, 15m, 30m, 1h, …). */
    List<OpenInterest> openInterestHistory(Symbol symbol, Duration period, int limit);

    /** The last funding rate and the interval it applies to. */
    FundingRate fundingRate(Symbol symbol);
}
