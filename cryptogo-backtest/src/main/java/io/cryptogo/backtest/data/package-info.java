/** Candle data for backtests from outside the market port: Binance's public data dumps (monthly and daily zips). */
package io.cryptogo.backtest.data;
