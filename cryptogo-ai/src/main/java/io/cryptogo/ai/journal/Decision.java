package io.cryptogo.ai.journal;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision with its audit trail: the {@link TradeSignal} plus everything needed to see why and at what
 * cost it was taken, and to replay it. This is what the journal ({@code ai_decisions}) stores.
 *
 * @param id the journal id, once stored
 * @param templateVersion the prompt templates' version ({@code v1}, …), or the rule set's ({@code rules/v1})
 * @param promptHash SHA-256 of the exact prompt (LLM decisions)
 * @param prompt the exact prompt, system and user (LLM decisions)
 * @param snapshot the market snapshot as JSON
 * @param rawResponse the model's last answer, verbatim
 * @param validation {@code ok}, or what was wrong with each answer, or {@code not checked} after a fault
 * @param retries extra model calls after the first (re-asks after a rejected answer, retries after a 429 or
 *     5xx)
 * @param costUsd estimated cost, when the model's price is known
 * @param error the provider fault that ended the decision, if any
 * @param cached whether the answer came from the response cache (no call made)
 * @param cacheKey SHA-256 of {@code <generator>|<prompt>}, the cache's key
 * @param marketSource the market source the decision was made on ({@code binance} / {@code simulated});
 *     empty when the caller's data did not say (and for decisions journaled before it was recorded)
 */
public record Decision(
        Optional<Long> id,
        TradeSignal signal,
        String templateVersion,
        Optional<String> promptHash,
        Optional<String> prompt,
        String snapshot,
        Optional<String> rawResponse,
        String validation,
        int retries,
        int tokensIn,
        int tokensOut,
        Duration latency,
        Optional<BigDecimal> costUsd,
        Optional<String> error,
        boolean cached,
        Optional<String> cacheKey,
        Optional<SourceInfo.Kind> marketSource) {

    /** The {@code validation} of an accepted answer. */
    public static final String OK = "ok";

    /** A decision whose market source is not known (the components before {@code marketSource}). */
    public Decision(
            Optional<Long> id,
            TradeSignal signal,
            String templateVersion,
            Optional<String> promptHash,
            Optional<String> prompt,
            String snapshot,
            Optional<String> rawResponse,
            String validation,
            int retries,
            int tokensIn,
            int tokensOut,
            Duration latency,
            Optional<BigDecimal> costUsd,
            Optional<String> error,
            boolean cached,
            Optional<String> cacheKey) {
        this(
                id,
                signal,
                templateVersion,
                promptHash,
                prompt,
                snapshot,
                rawResponse,
                validation,
                retries,
                tokensIn,
                tokensOut,
                latency,
                costUsd,
                error,
                cached,
                cacheKey,
                Optional.empty());
    }

    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(templateVersion, "templateVersion");
        Objects.requireNonNull(promptHash, "promptHash");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(rawResponse, "rawResponse");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(costUsd, "costUsd");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cacheKey, "cacheKey");
        Objects.requireNonNull(marketSource, "marketSource");
        if (retries < 0 || tokensIn < 0 || tokensOut < 0) {
            throw new IllegalArgumentException("retries and token counts must be >= 0");
        }
    }

    /** The same decision as stored under {@code newId}. */
    public Decision withId(long newId) {
        return new Decision(
                Optional.of(newId),
                signal,
                templateVersion,
                promptHash,
                prompt,
                snapshot,
                rawResponse,
                validation,
                retries,
                tokensIn,
                tokensOut,
                latency,
                costUsd,
                error,
                cached,
                cacheKey,
                marketSource);
    }

    /** The market source's label, {@code binance} / {@code simulated}, or {@code unknown}. */
    public String marketSourceLabel() {
        return marketSource.map(SourceInfo.Kind::label).orElse("unknown");
    }

    public Symbol symbol() {
        return signal.symbol();
    }

    /** {@code rules} or {@code llm:<provider>/<model>}. */
    public String generator() {
        return signal.generator();
    }

    public boolean abstained() {
        return signal.abstained();
    }
}
