/**
 * The Binance adapters of core: {@link io.cryptogo.market.binance.BinanceMarketData} implements {@link
 * io.cryptogo.market.MarketDataSource} over Binance's public REST API and its kline WebSocket streams (REST
 * gap filling after a reconnect), {@link io.cryptogo.market.binance.BinanceFuturesData} reads USDⓈ-M open
 * interest and funding, and {@link io.cryptogo.market.binance.BinanceRest} is the one REST client all of
 * them, and the trading venue, talk through: one request-weight limiter per host, one {@code Retry-After}
 * parser, SIGNED requests with the server-time offset and {@code recvWindow}, retries on reads only, and
 * every Binance failure translated in one place ({@code BinanceErrors}) into the {@link
 * io.cryptogo.error.CryptoGoException} tree.
 */
package io.cryptogo.market.binance;
