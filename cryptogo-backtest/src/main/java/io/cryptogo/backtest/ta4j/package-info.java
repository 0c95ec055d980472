/** Adapter that runs a ta4j {@code Strategy} (entry and exit rules) as a backtest {@link io.cryptogo.backtest.Strategy}. */
package io.cryptogo.backtest.ta4j;
