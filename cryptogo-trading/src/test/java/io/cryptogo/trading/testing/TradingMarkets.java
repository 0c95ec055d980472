package io.cryptogo.trading.testing;

import io.cryptogo.testing.FakeMarket;
import java.time.Clock;

/** The core {@link FakeMarket} as the trading tests expect it: BTC at 50,000 and ETH at 3,000 to start with. */
public final class TradingMarkets {
    private TradingMarkets() {}

    /** A market on {@code clock} with BTC at 50000 and ETH at 3000 (no spread until {@code halfSpread}). */
    public static FakeMarket priced(Clock clock) {
        return new FakeMarket(clock).set(FakeMarket.BTC, "50000").set(FakeMarket.ETH, "3000");
    }
}
