/**
 * Spot grid trading: a ladder of limit buys and sells between a lower and an upper price, each level a
 * small state machine ({@link io.cryptogo.trading.grid.LevelState}) whose buy is paired with a sell one
 * step above. {@link io.cryptogo.trading.grid.GridBook} is the engine-free core (it only decides which
 * orders to place and cancel); {@link io.cryptogo.trading.grid.Grid} runs it on a {@link
 * io.cryptogo.trading.Trader}, so every grid order goes through the same risk manager and venue as any
 * other order.
 */
package io.cryptogo.trading.grid;
