/**
 * The seam between the backtest loop and the execution engine: {@link io.cryptogo.backtest.engine.ReplayExecution}
 * is all the loop asks of the engine (move the replayed clock and price, submit, read the account), and
 * {@link io.cryptogo.backtest.engine.TraderReplay} binds it to the trading engine itself ({@code Trader}, its
 * risk manager and the paper venue's matching) over a {@link io.cryptogo.backtest.engine.ReplayClock} and a
 * {@link io.cryptogo.backtest.engine.ReplayMarket}, with an in-memory store.
 */
package io.cryptogo.backtest.engine;
