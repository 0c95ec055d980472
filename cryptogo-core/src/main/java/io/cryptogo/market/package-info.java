/**
 * The market-data port: {@link io.cryptogo.market.MarketDataSource} and its query and streaming types.
 * Adapters live beside it ({@code market.binance}, {@code market.sim}).
 */
package io.cryptogo.market;
