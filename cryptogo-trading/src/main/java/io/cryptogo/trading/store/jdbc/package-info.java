/**
 * JDBC adapters of the trading stores (PostgreSQL or H2, same SQL): {@link
 * io.cryptogo.trading.store.jdbc.JdbcOrderStore} for orders, fills, positions, balances, equity and the
 * account lease, {@link io.cryptogo.trading.store.jdbc.ProposalStore} for trade proposals awaiting approval.
 */
package io.cryptogo.trading.store.jdbc;
