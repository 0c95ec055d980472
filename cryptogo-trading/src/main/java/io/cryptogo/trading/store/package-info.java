/**
 * JDBC persistence of trading (PostgreSQL or H2): {@link io.cryptogo.trading.store.OrderStore} for
 * orders, fills, positions, paper balances and equity, {@link io.cryptogo.trading.store.ProposalStore}
 * for trade proposals awaiting approval.
 */
package io.cryptogo.trading.store;
