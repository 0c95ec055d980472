/**
 * The Binance spot market-data adapter: {@link io.cryptogo.market.binance.BinanceMarketData} implements
 * {@link io.cryptogo.market.MarketDataSource} over Binance's public REST API (a small raw layer on {@code
 * java.net.http.HttpClient} and Jackson that sees every response's weight headers) and its kline WebSocket
 * streams, with request-weight budgeting, 429/418 handling, retries on reads, REST gap filling after a
 * stream reconnect, and every Binance error translated in one place ({@code BinanceErrors}) into the
 * {@link io.cryptogo.CryptoGoException} tree.
 */
package io.cryptogo.market.binance;
