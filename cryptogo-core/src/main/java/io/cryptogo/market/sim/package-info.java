/**
 * The simulated market: a seeded, deterministic stochastic price process for several symbols
 * ({@link io.cryptogo.market.sim.SimulatedMarket}) that implements {@link io.cryptogo.market.MarketDataSource}
 * with consistent candles on all six intervals, history as far back as asked, a live candle that moves
 * every second, and simulated open interest and funding, so that every feature of CryptoGo works offline.
 */
package io.cryptogo.market.sim;
