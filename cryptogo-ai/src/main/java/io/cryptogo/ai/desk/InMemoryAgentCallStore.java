package io.cryptogo.ai.desk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AgentCallStore#inMemory()}: a map guarded by its monitor. */
final class InMemoryAgentCallStore implements AgentCallStore {
    private final Map<Long, List<AgentCall>> byDecision = new LinkedHashMap<>();

    @Override
    public synchronized void save(long decisionId, List<AgentCall> calls) {
        byDecision.computeIfAbsent(decisionId, k -> new ArrayList<>()).addAll(calls);
    }

    @Override
    public synchronized List<AgentCall> transcript(long decisionId) {
        return List.copyOf(byDecision.getOrDefault(decisionId, List.of()));
    }

    @Override
    public synchronized Optional<String> cachedAnswer(String cacheKey) {
        return byDecision.values().stream()
                .flatMap(List::stream)
                .filter(c -> c.ok() && c.rawAnswer().isPresent())
                .filter(c -> c.cacheKey().map(cacheKey::equals).orElse(false))
                .map(c -> c.rawAnswer().get())
                .findFirst();
    }

    @Override
    public synchronized Spend spentSince(Instant from) {
        Spend s = Spend.ZERO;
        for (List<AgentCall> l : byDecision.values()) {
            for (AgentCall c : l) {
                if (!c.usage().at().isBefore(from)) {
                    s = s.plus(
                            c.usage().tokensIn() + c.usage().tokensOut(),
                            c.usage().costUsd().orElse(BigDecimal.ZERO));
                }
            }
        }
        return s;
    }
}
