/** The {@code cryptogo backtest} and {@code cryptogo import} commands (the app's main delegates to them). */
package io.cryptogo.backtest.cli;
