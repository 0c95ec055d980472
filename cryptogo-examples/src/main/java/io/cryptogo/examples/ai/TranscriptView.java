package io.cryptogo.examples.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.ai.desk.AgentCall;
import io.cryptogo.examples.app.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent call of a desk decision as {@code GET /api/v1/ai/decisions/{id}} shows it under {@code
 * transcript}: role, round, model, prompt hash, prompt, raw answer, the parsed view (as JSON), usage, error.
 */
record TranscriptView(
        String role,
        int round,
        String model,
        Optional<String> promptHash,
        Optional<String> prompt,
        Optional<String> rawAnswer,
        JsonNode view,
        Map<String, Object> usage,
        Optional<String> error) {

    static TranscriptView of(AgentCall c) {
        JsonNode view;
        try {
            view = Json.mapper().readTree(c.view());
        } catch (Exception e) {
            view = Json.mapper().getNodeFactory().textNode(c.view());
        }
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("tokensIn", c.usage().tokensIn());
        usage.put("tokensOut", c.usage().tokensOut());
        usage.put("costUsd", c.usage().costUsd().orElse(null));
        usage.put("latencyMs", c.usage().latency().toMillis());
        usage.put("cached", c.usage().cached());
        return new TranscriptView(
                c.role().key(),
                c.round(),
                c.model(),
                c.promptHash(),
                c.prompt(),
                c.rawAnswer(),
                view,
                usage,
                c.error());
    }

    /** The decision's detail with {@code transcript} (empty for a decision that was not the desk's) and its cost. */
    static Map<String, Object> detail(DecisionView d, List<AgentCall> calls) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.mapper().convertValue(d, LinkedHashMap.class);
        m.put("transcript", calls.stream().map(TranscriptView::of).toList());
        m.put(
                "deskCostUsd",
                calls.isEmpty()
                        ? null
                        : calls.stream()
                                .map(c -> c.usage().costUsd().orElse(BigDecimal.ZERO))
                                .reduce(BigDecimal.ZERO, BigDecimal::add));
        return m;
    }
}
