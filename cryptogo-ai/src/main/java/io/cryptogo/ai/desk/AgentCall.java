package io.cryptogo.ai.desk;

import io.cryptogo.ai.prompt.RenderedPrompt;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent's turn in a desk decision, as journaled in {@code ai_agent_calls}: the role, the model, the
 * exact prompt, the raw answer, the parsed view (JSON), usage and the error that ended it, if any. The code
 * risk check is journaled the same way with model {@code code} and no prompt.
 *
 * @param round the debate round (1-based) for bull, bear and research manager, else 0
 * @param prompt {@code [system]…[user]…} exactly as sent (the re-asks included), empty for code
 * @param view the parsed view as JSON, or {@code {}} when the agent produced none
 */
public record AgentCall(
        DeskRole role,
        int round,
        String model,
        Optional<String> prompt,
        Optional<String> rawAnswer,
        String view,
        Usage usage,
        Optional<String> error) {

    /**
     * What a call cost.
     *
     * @param costUsd the estimate from the price table; empty when the model's price is unknown
     * @param cached whether the answer was replayed from the journal (no call made)
     */
    public record Usage(
            int tokensIn, int tokensOut, Optional<BigDecimal> costUsd, Duration latency, boolean cached, Instant at) {
        public Usage {
            Objects.requireNonNull(costUsd, "costUsd");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(at, "at");
            if (tokensIn < 0 || tokensOut < 0) {
                throw new IllegalArgumentException("token counts must be >= 0");
            }
        }

        /** No call made. */
        public static Usage none(Instant at) {
            return new Usage(0, 0, Optional.of(BigDecimal.ZERO), Duration.ZERO, false, at);
        }
    }

    public AgentCall {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(rawAnswer, "rawAnswer");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(error, "error");
    }

    /** SHA-256 of the prompt, when there is one. */
    public Optional<String> promptHash() {
        return prompt.map(RenderedPrompt::sha256);
    }

    /** The journal's cache key, {@code sha256(role|model|prompt)}: the same question costs one call. */
    public Optional<String> cacheKey() {
        return prompt.map(p -> cacheKey(role, model, p));
    }

    static String cacheKey(DeskRole role, String model, String prompt) {
        return RenderedPrompt.sha256(role.key() + "|" + model + "|" + prompt);
    }

    /** Whether the agent produced a view (no error). */
    public boolean ok() {
        return error.isEmpty();
    }
}
