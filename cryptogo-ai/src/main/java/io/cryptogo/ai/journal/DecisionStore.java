package io.cryptogo.ai.journal;

import io.cryptogo.model.Symbol;
import java.util.List;
import java.util.Optional;

/**
 * The decision journal and response cache. {@link io.cryptogo.ai.journal.jdbc.JdbcDecisionStore} keeps it in the database; {@link
 * #inMemory()} keeps it in the heap (tests, throw-away runs).
 *
 * <pre>{@code
 * DecisionStore store = new JdbcDecisionStore(Database.fromConfig(config));
 * Decision saved = store.save(decision);              // saved.id() is set
 * List<Decision> last = store.find(DecisionQuery.latest(20).symbol(Symbol.parse("BTC/USDT")));
 * }</pre>
 */
public interface DecisionStore {

    /** Stores a decision and returns it with its id. */
    Decision save(Decision decision);

    Optional<Decision> find(long id);

    /** Decisions matching the query, newest candle first (then newest id). */
    List<Decision> find(DecisionQuery query);

    /** The newest decision for a symbol. */
    default Optional<Decision> latest(Symbol symbol) {
        return find(DecisionQuery.latest(1).symbol(symbol)).stream().findFirst();
    }

    /**
     * The first decision stored under this cache key whose answer the model gave without a provider fault
     * and that was accepted (not abstained), for the response cache.
     */
    Optional<Decision> cached(String cacheKey);

    /** A journal in the heap. */
    static DecisionStore inMemory() {
        return new InMemoryDecisionStore();
    }
}
