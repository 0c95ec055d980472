/**
 * Backtests on the trading engine: {@link io.cryptogo.backtest.Backtest} replays candles through the same
 * order management, risk manager and paper matching as paper and live trading, on a replayed clock. A {@link
 * io.cryptogo.backtest.Strategy} sees one closed bar at a time; {@link io.cryptogo.backtest.BacktestResult}
 * holds the trades, the equity curve, drawdowns and {@link io.cryptogo.backtest.Metrics}.
 */
package io.cryptogo.backtest;
