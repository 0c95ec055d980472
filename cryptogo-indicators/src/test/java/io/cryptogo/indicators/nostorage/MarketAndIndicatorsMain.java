package io.cryptogo.indicators.nostorage;

import io.cryptogo.CryptoGo;
import io.cryptogo.config.Config;
import io.cryptogo.indicators.IndicatorResult;
import io.cryptogo.indicators.Indicators;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import java.util.List;
import java.util.Map;

/**
 * What a market-data-and-indicators user runs, on a class path without HikariCP, Flyway, H2 or the PostgreSQL
 * driver: candles from the simulated market through the three entry points, then an EMA. Prints one line per
 * entry point and exits 0; a missing class fails it.
 */
public final class MarketAndIndicatorsMain {
    private MarketAndIndicatorsMain() {}

    public static void main(String[] args) {
        for (String storage : new String[] {"com.zaxxer.hikari.HikariDataSource", "org.h2.Driver"}) {
            try {
                Class.forName(storage);
                System.out.println("storage on the class path: " + storage);
                System.exit(3);
            } catch (ClassNotFoundException expected) {
                // the point of this program
            }
        }
        try (CryptoGo cg = CryptoGo.demo()) {
            print("demo", cg);
        }
        try (CryptoGo cg = CryptoGo.fromConfig(Config.of(Map.of("EXCHANGE", "simulated")))) {
            print("fromConfig", cg);
        }
        try (SimulatedMarket market = SimulatedMarket.builder().seed(7).build();
                CryptoGo cg = CryptoGo.builder().market(market).build()) {
            print("builder", cg);
        }
    }

    private static void print(String how, CryptoGo cg) {
        List<Candle> candles = cg.market().klines("BTC/USDT", Interval.H1, 100);
        IndicatorResult r = Indicators.on(candles).ema(20).compute();
        double ema = IndicatorResult.last(r.ema(20));
        System.out.println(how + " candles=" + candles.size() + " ema20=" + ema);
    }
}
