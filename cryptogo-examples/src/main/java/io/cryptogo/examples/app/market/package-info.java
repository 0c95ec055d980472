/**
 * The built-in market slice of the sample app: the REST API under {@code /api/v1/market} (klines, ticker,
 * symbols, 24h stats) with its wire records, and the {@code /trading} chart page.
 */
package io.cryptogo.examples.app.market;
