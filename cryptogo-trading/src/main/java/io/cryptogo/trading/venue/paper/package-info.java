/**
 * The paper venue: a simulated account ({@link io.cryptogo.trading.venue.paper.PaperVenue}) filled against
 * live market prices with slippage, fees and partial fills, configured by {@link
 * io.cryptogo.trading.venue.paper.PaperSettings}.
 */
package io.cryptogo.trading.venue.paper;
