/**
 * The langchain4j adapter: chat models built from configuration (OpenAI or any OpenAI-compatible server,
 * Anthropic, Ollama) with temperature 0, a timeout and a token cap; an HTTP client that keeps the {@code
 * Retry-After} of a 429; the translation of provider failures into {@link
 * io.cryptogo.ai.provider.ProviderFault}s; and the price table behind the cost estimates. langchain4j types
 * stay in this package and in {@link io.cryptogo.ai.LlmSignalGenerator}.
 */
package io.cryptogo.ai.provider;
