/**
 * The AI part of the sample app: {@link io.cryptogo.examples.ai.AiModule} runs the decision loop, serves
 * {@code POST /api/v1/ai/analyze} and the decision journal ({@code GET /api/v1/ai/decisions}, {@code GET
 * /api/v1/ai/decisions/{id}}), and adds the latest-decision panel, markers and stop/target lines to the
 * trading page (bundle {@code ai-panel}).
 */
package io.cryptogo.examples.ai;
