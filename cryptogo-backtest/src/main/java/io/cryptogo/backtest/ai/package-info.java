/**
 * Strategies from the AI module: any {@link io.cryptogo.ai.SignalGenerator} (the rules one, an LLM through the
 * response cache, with a budget) and the replay of recorded decisions from the journal with no model call.
 */
package io.cryptogo.backtest.ai;
