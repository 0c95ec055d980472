/**
 * The execution engine on a replayed clock: {@link io.cryptogo.trading.replay.Replay} composes the same
 * {@link io.cryptogo.trading.engine.Engine} (order management, ledger, protective exits, risk manager) and
 * the same paper venue as live paper trading, over a {@link io.cryptogo.trading.replay.ReplayClock}, a
 * {@link io.cryptogo.trading.replay.ReplayMarket} that serves a candle series "as of" that clock, and an
 * in-memory store. Backtests run on it; backtest = paper = live by construction.
 */
package io.cryptogo.trading.replay;
