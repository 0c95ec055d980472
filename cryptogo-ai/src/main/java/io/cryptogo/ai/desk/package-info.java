/**
 * The multi-agent trading desk: a technical and a sentiment analyst in parallel, an optional bull/bear
 * debate with a research manager, a trader whose answer is the usual {@link io.cryptogo.model.TradeSignal},
 * a risk check in code whose veto is final, and an LLM risk commentary that can only lower confidence or
 * turn a trade into a HOLD. {@link io.cryptogo.ai.desk.TradingDesk} is a {@link io.cryptogo.ai.SignalGenerator};
 * every agent call is typed, checked, journaled ({@link io.cryptogo.ai.desk.AgentCallStore}) and replayable.
 */
package io.cryptogo.ai.desk;
