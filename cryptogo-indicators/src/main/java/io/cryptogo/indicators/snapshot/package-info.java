/**
 * The market snapshot an LLM reads: {@link io.cryptogo.indicators.snapshot.MarketSnapshot} gathers current
 * intraday indicators, open interest and funding, short intraday series and a longer-interval context for
 * one symbol, and renders them in the Alpha Arena prompt layout (Chinese or English) or as JSON, with
 * numbers formatted by significant figures ({@link io.cryptogo.indicators.snapshot.Numbers}).
 */
package io.cryptogo.indicators.snapshot;
