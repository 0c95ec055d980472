/**
 * JDBC adapters of the trading stores (PostgreSQL or H2, same SQL): {@link
 * io.cryptogo.trading.store.jdbc.JdbcOrderStore} for orders, fills, positions, balances, equity and the
 * account lease, {@link io.cryptogo.trading.store.jdbc.JdbcProposalStore} for trade proposals awaiting approval (the
 * {@link io.cryptogo.trading.mode.ProposalStore} port).
 */
package io.cryptogo.trading.store.jdbc;
