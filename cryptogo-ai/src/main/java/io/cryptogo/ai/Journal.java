package io.cryptogo.ai;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records decisions when a store is attached; a failed write is logged loudly, never thrown into the loop. */
final class Journal {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private final Optional<DecisionStore> store;

    Journal(Optional<DecisionStore> store) {
        this.store = store;
    }

    Optional<DecisionStore> store() {
        return store;
    }

    Decision record(Decision decision) {
        Decision d = decision.stamped(); // a backtest's origin, when a backtest runs the generator
        if (store.isEmpty()) {
            return d;
        }
        try {
            return store.get().save(d);
        } catch (RuntimeException e) {
            log.error(
                    "the AI decision for {} at {} ({} {}) could not be journaled: {}",
                    d.symbol(),
                    d.signal().candleTime(),
                    d.generator(),
                    d.signal().action(),
                    e.getMessage(),
                    e);
            return d;
        }
    }
}
