package io.cryptogo.ai.desk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The desk's agent-call journal, each call linked to its decision in {@code ai_decisions}; it is also the
 * desk's response cache (a replay over the same data makes no model call) and the source of the day's spend
 * after a restart.
 *
 * <pre>{@code
 * AgentCallStore calls = new JdbcAgentCallStore(cg.database());
 * List<AgentCall> transcript = calls.transcript(decisionId);
 * }</pre>
 */
public interface AgentCallStore {

    /** Stores the calls of one decision, in order. */
    void save(long decisionId, List<AgentCall> calls);

    /** The calls of one decision, in the order they were made; empty for a decision that was not the desk's. */
    List<AgentCall> transcript(long decisionId);

    /** The raw answer of the first call under this cache key that produced a view. */
    Optional<String> cachedAnswer(String cacheKey);

    /** Tokens (in + out) and estimated cost of the calls made since {@code from} (cached ones cost nothing). */
    Spend spentSince(Instant from);

    /** Tokens and money. */
    record Spend(long tokens, BigDecimal costUsd) {
        public static final Spend ZERO = new Spend(0, BigDecimal.ZERO);

        public Spend plus(long t, BigDecimal c) {
            return new Spend(tokens + t, costUsd.add(c));
        }
    }

    /** A journal in the heap. */
    static AgentCallStore inMemory() {
        return new InMemoryAgentCallStore();
    }
}
