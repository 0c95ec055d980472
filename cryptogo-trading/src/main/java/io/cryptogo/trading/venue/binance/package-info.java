/**
 * The Binance spot venue ({@link io.cryptogo.trading.venue.binance.BinanceVenue}): orders, balances and
 * resting OCO / stop-loss protection over Binance's signed REST endpoints, through the one Binance client of
 * core ({@link io.cryptogo.market.binance.BinanceRest}); the spot testnet by default. Placements are never
 * retried; an unknown outcome is settled by a query by client order id.
 */
package io.cryptogo.trading.venue.binance;
