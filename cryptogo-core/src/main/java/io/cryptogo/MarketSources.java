package io.cryptogo;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.market.sim.SimulatedMarket;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the market-data adapter from {@code EXCHANGE}: the assembly step of the entry points ({@link
 * CryptoGo#fromConfig}, the sample app), kept out of the {@code market} port.
 *
 * <p>{@code binance} (the default) probes Binance; when it cannot be reached the simulated market takes
 * over with one clear warning, <b>but only while trading stays on paper</b> ({@code TRADING_VENUE=paper}
 * and {@code AUTO_TRADING} {@code off} or {@code paper}). With a live venue ({@code TRADING_VENUE=binance}
 * or {@code AUTO_TRADING=live}) an unreachable Binance fails the start instead: real orders are never sized,
 * risk-checked or stopped on simulated prices. {@code simulated} uses the simulated market without a probe
 * (and is refused beside a live venue for the same reason). {@link MarketDataSource#source()} says which
 * source was chosen, and why.
 *
 * <pre>{@code
 * MarketDataSource m = MarketSources.fromConfig(Config.fromEnv());
 * m.source();   // binance (Binance public API at https://api.binance.com) or simulated (and why)
 * }</pre>
 */
public final class MarketSources {
    private static final Logger log = LoggerFactory.getLogger(MarketSources.class);

    /** The values {@code EXCHANGE} accepts. */
    public enum Exchange {
        BINANCE,
        SIMULATED
    }

    /** The values {@code TRADING_VENUE} accepts (the trading module reads the same setting). */
    enum TradingVenue {
        PAPER,
        BINANCE
    }

    /** The values {@code AUTO_TRADING} accepts (the trading module reads the same setting). */
    enum AutoTrading {
        OFF,
        PAPER,
        LIVE
    }

    private MarketSources() {}

    /**
     * The source the settings ask for. With the paper venue an unreachable Binance falls back to the
     * simulated market.
     *
     * @throws ExchangeUnavailableException when Binance is unreachable and a live venue is configured (the
     *     message names {@code EXCHANGE}, {@code TRADING_VENUE}, {@code AUTO_TRADING} and what to change)
     * @throws ConfigException for a bad value of one of those settings, or {@code EXCHANGE=simulated} beside
     *     a live venue
     */
    public static MarketDataSource fromConfig(Config config) {
        Exchange exchange = config.enumValue("EXCHANGE", Exchange.class, Exchange.BINANCE);
        Optional<String> live = liveVenue(config);
        if (exchange == Exchange.SIMULATED) {
            if (live.isPresent()) {
                throw new ConfigException(
                        "EXCHANGE",
                        "EXCHANGE=simulated cannot feed a live venue (" + live.get() + "): simulated prices never"
                                + " reach real orders. Either set EXCHANGE=binance for real market data, or trade on"
                                + " paper: TRADING_VENUE=paper and AUTO_TRADING=off or paper.");
            }
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
        if (live.isPresent()) {
            throw new ExchangeUnavailableException(reason
                    + ". EXCHANGE=binance cannot fall back to the simulated market because " + live.get()
                    + " trades real orders, and real orders are never sized, risk-checked or stopped on simulated"
                    + " prices. To change: make Binance reachable (check the network or BINANCE_BASE_URL), or"
                    + " trade on paper with TRADING_VENUE=paper and AUTO_TRADING=off or paper (then the simulated"
                    + " market may stand in), or set EXCHANGE=simulated together with TRADING_VENUE=paper.");
        }
        log.warn(
                "{}; using the SIMULATED market instead (prices are not real; trading stays on paper). Set"
                        + " EXCHANGE=simulated to skip the probe.",
                reason);
        return SimulatedMarket.builder().config(config).reason(reason).build();
    }

    /**
     * Which setting makes trading live, written as it would be set ({@code TRADING_VENUE=binance} and/or
     * {@code AUTO_TRADING=live}); empty when trading stays on paper.
     *
     * @throws ConfigException naming the setting and its accepted values for a bad value
     */
    public static Optional<String> liveVenue(Config config) {
        TradingVenue venue = config.enumValue("TRADING_VENUE", TradingVenue.class, TradingVenue.PAPER);
        AutoTrading auto = config.enumValue("AUTO_TRADING", AutoTrading.class, AutoTrading.OFF);
        String venuePart = venue == TradingVenue.PAPER ? "" : "TRADING_VENUE=" + label(venue);
        String autoPart = auto == AutoTrading.LIVE ? "AUTO_TRADING=live" : "";
        if (venuePart.isEmpty() && autoPart.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                venuePart.isEmpty() ? autoPart : autoPart.isEmpty() ? venuePart : venuePart + " and " + autoPart);
    }

    /** {@code binance} or {@code simulated}, as written in settings. */
    public static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
