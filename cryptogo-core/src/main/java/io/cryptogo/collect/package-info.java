/**
 * Keeping the candle store complete: the {@link io.cryptogo.collect.Collector} (backfill from the last
 * stored candle, gap filling, catching up every five minutes and from the live stream, account sync every
 * minute), leader election among instances sharing one PostgreSQL ({@link
 * io.cryptogo.collect.Leadership}), the {@code backfill} command ({@link io.cryptogo.collect.Backfill}) and
 * {@link io.cryptogo.collect.StoreBackedMarketData}, which answers kline requests from the store when it
 * holds them.
 */
package io.cryptogo.collect;
