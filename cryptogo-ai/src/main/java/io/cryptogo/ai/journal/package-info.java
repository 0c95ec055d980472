/**
 * The decision journal's port: a {@link io.cryptogo.ai.journal.Decision} (a signal with its audit trail)
 * and the {@link io.cryptogo.ai.journal.DecisionStore} that keeps every one, answers queries by symbol and
 * candle time, and serves as the response cache: an earlier answer to the same model and prompt is found by
 * its cache key, so the same question costs one call and a replay over past candles makes none. This
 * package depends on the core model only; the JDBC adapter is {@link io.cryptogo.ai.journal.jdbc}.
 */
package io.cryptogo.ai.journal;
