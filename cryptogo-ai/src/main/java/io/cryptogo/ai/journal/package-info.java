/**
 * The decision journal: {@link io.cryptogo.ai.journal.DecisionStore} keeps every {@link
 * io.cryptogo.ai.Decision} (table {@code ai_decisions}, PostgreSQL or H2 through {@link
 * io.cryptogo.ai.journal.JdbcDecisionStore}), answers queries by symbol and candle time, and serves as the
 * response cache: an earlier answer to the same model and prompt is found by its cache key, so the same
 * question costs one call and a replay over past candles makes none.
 */
package io.cryptogo.ai.journal;
