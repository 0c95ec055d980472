package io.cryptogo.market;

import io.cryptogo.config.Config;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.market.sim.SimulatedMarket;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the market-data source from {@code EXCHANGE}: {@code binance} (the default) probes Binance and
 * falls back to the simulated market with one clear warning when it cannot be reached; {@code simulated}
 * uses the simulated market without a probe. {@link MarketDataSource#source()} says which, and why.
 */
public final class MarketSources {
    private static final Logger log = LoggerFactory.getLogger(MarketSources.class);

    /** The values {@code EXCHANGE} accepts. */
    public enum Exchange {
        BINANCE,
        SIMULATED
    }

    private MarketSources() {}

    /** The source the settings ask for; never fails for an unreachable exchange. */
    public static MarketDataSource fromConfig(Config config) {
        Exchange exchange = config.enumValue("EXCHANGE", Exchange.class, Exchange.BINANCE);
        if (exchange == Exchange.SIMULATED) {
            return SimulatedMarket.builder()
                    .config(config)
                    .reason("EXCHANGE=simulated")
                    .build();
        }
        BinanceMarketData binance = BinanceMarketData.fromConfig(config);
        Optional<String> unreachable = binance.probe();
        if (unreachable.isEmpty()) {
            return binance;
        }
        binance.close();
        String reason = unreachable.get();
        log.warn(
                "{}; using the SIMULATED market instead (prices are not real). Set EXCHANGE=simulated to skip the probe.",
                reason);
        return SimulatedMarket.builder().config(config).reason(reason).build();
    }

    /** {@code binance} or {@code simulated}, as written in settings. */
    public static String label(Exchange e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
