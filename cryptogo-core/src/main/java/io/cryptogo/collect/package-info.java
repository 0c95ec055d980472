/**
 * Keeping the candle store complete: the {@link io.cryptogo.collect.Collector} (backfill from the last
 * stored candle, gap filling, catching up every five minutes and from the live stream, account sync every
 * minute), series sharded among instances sharing one PostgreSQL (each series owned through its own advisory lock,
 * {@link io.cryptogo.collect.SeriesOwnership}; the PostgreSQL locks are the JDBC adapter's {@link
 * io.cryptogo.store.jdbc.PgAdvisoryOwnership}), the {@code backfill} command ({@link io.cryptogo.collect.Backfill}) and
 * {@link io.cryptogo.collect.StoreBackedMarketData}, which answers kline requests from the store when it
 * holds them.
 */
package io.cryptogo.collect;
