package io.cryptogo.examples.ai;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.examples.app.guard.SecretMasker;
import io.cryptogo.model.TradeSignal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The app's decision journal: every decision passes through the {@link SecretMasker} on the way in (so a model
 * answer that echoes a key is never stored) and on the way out (rows written before, or by another writer).
 */
final class MaskingDecisionStore implements DecisionStore {
    private final DecisionStore store;
    private final SecretMasker masker;

    MaskingDecisionStore(DecisionStore store, SecretMasker masker) {
        this.store = Objects.requireNonNull(store, "store");
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    @Override
    public Decision save(Decision decision) {
        return mask(store.save(mask(decision)));
    }

    @Override
    public Optional<Decision> find(long id) {
        return store.find(id).map(this::mask);
    }

    @Override
    public List<Decision> find(DecisionQuery query) {
        return store.find(query).stream().map(this::mask).toList();
    }

    @Override
    public Optional<Decision> cached(String cacheKey) {
        return store.cached(cacheKey).map(this::mask);
    }

    /** The decision with its model-written text masked. */
    Decision mask(Decision d) {
        TradeSignal s = d.signal();
        TradeSignal signal = s.toBuilder().reasoning(masker.mask(s.reasoning())).build();
        return new Decision(
                        d.id(),
                        signal,
                        d.templateVersion(),
                        d.promptHash(),
                        d.prompt().map(masker::mask),
                        d.snapshot(),
                        d.rawResponse().map(masker::mask),
                        masker.mask(d.validation()),
                        d.retries(),
                        d.tokensIn(),
                        d.tokensOut(),
                        d.latency(),
                        d.costUsd(),
                        d.error().map(masker::mask),
                        d.cached(),
                        d.cacheKey(),
                        d.marketSource())
                .withOrigin(d.origin());
    }
}
