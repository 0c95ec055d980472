/**
 * Technical indicators over CryptoGo candles: {@link io.cryptogo.indicators.Indicators} is the fluent entry
 * point ({@code Indicators.on(candles).ema(20).rsi(14).compute()}), {@link io.cryptogo.indicators.TaMath}
 * holds the formulas on plain double arrays with TA-Lib's conventions (NaN during warm-up, no look-ahead),
 * and {@link io.cryptogo.indicators.IncrementalSeries} bridges a live candle stream to a ta4j {@code
 * BarSeries} ({@code DoubleNumFactory}) updated in place, so the whole ta4j catalogue stays reachable.
 */
package io.cryptogo.indicators;
