/**
 * An in-memory {@link io.cryptogo.trading.store.OrderStore} for replays and backtests: no JDBC, no I/O,
 * the same semantics (idempotent client order ids, all-or-nothing records).
 */
package io.cryptogo.trading.store.memory;
