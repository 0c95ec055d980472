/**
 * {@code GET /api/v1/ai/snapshot}: the market snapshot an LLM reads ({@link
 * io.cryptogo.indicators.snapshot.MarketSnapshot}), as Chinese or English prompt text or as JSON.
 */
package io.cryptogo.examples.app.snapshot;
