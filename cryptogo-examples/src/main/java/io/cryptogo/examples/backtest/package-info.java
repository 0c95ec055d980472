/** The app's backtest jobs: {@code POST /api/v1/backtests}, progress and results as JSON, cancel. */
package io.cryptogo.examples.backtest;
