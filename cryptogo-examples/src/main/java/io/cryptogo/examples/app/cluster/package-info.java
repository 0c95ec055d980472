/**
 * Scale-out of the sample app: {@link io.cryptogo.examples.app.cluster.RedisSharedMarket} shares each live
 * stream between instances through Redis (one upstream per stream held by a lease, fan-out over pub/sub,
 * takeover with gap filling from REST). The collector's sharding lives in {@code io.cryptogo.collect}
 * ({@code SeriesOwnership}, its PostgreSQL locks in {@code io.cryptogo.store.jdbc.PgAdvisoryOwnership}). See docs/operations.md.
 */
package io.cryptogo.examples.app.cluster;
