/**
 * The trading store port: {@link io.cryptogo.trading.store.OrderStore} keeps orders, fills, positions,
 * account balances, equity points and the one-writer lease of an account. Adapters live beside it:
 * {@code store.jdbc} (PostgreSQL or H2) for live and paper trading, {@code store.memory} for replays.
 */
package io.cryptogo.trading.store;
