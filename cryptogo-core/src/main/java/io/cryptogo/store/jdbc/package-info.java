/**
 * JDBC implementations of the storage ports ({@link io.cryptogo.store.jdbc.JdbcCandleStore}, {@link
 * io.cryptogo.store.jdbc.JdbcSymbolStore}, {@link io.cryptogo.store.jdbc.JdbcAccountStore}) over a {@link
 * io.cryptogo.store.jdbc.Database}: one SQL code path for PostgreSQL and H2, with COPY for bulk candle writes on
 * PostgreSQL and every connection failure translated to a retriable {@link
 * io.cryptogo.store.StoreUnavailableException}.
 */
package io.cryptogo.store.jdbc;
