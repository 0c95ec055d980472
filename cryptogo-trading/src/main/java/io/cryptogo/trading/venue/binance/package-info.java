/**
 * The Binance spot venue ({@link io.cryptogo.trading.venue.binance.BinanceVenue}) over XChange's trade and
 * account services, to the spot testnet by default; placements are never retried, an unknown outcome is
 * settled by a query by client order id.
 */
package io.cryptogo.trading.venue.binance;
