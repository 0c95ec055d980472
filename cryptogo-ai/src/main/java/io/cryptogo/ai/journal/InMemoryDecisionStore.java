package io.cryptogo.ai.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link DecisionStore#inMemory()}: a list guarded by its monitor. */
final class InMemoryDecisionStore implements DecisionStore {
    private final List<Decision> all = new ArrayList<>();

    @Override
    public synchronized Decision save(Decision decision) {
        Decision d = decision.withId(all.size() + 1L);
        all.add(d);
        return d;
    }

    @Override
    public synchronized Optional<Decision> find(long id) {
        return id >= 1 && id <= all.size() ? Optional.of(all.get((int) id - 1)) : Optional.empty();
    }

    @Override
    public synchronized List<Decision> find(DecisionQuery q) {
        return all.stream()
                .filter(d -> q.symbol().map(s -> s.equals(d.symbol())).orElse(true))
                .filter(d -> q.origin().map(o -> o == d.origin().kind()).orElse(true))
                .filter(d ->
                        q.from().map(f -> !d.signal().candleTime().isBefore(f)).orElse(true))
                .filter(d ->
                        q.to().map(t -> !d.signal().candleTime().isAfter(t)).orElse(true))
                .sorted(Comparator.comparing((Decision d) -> d.signal().candleTime())
                        .thenComparing(d -> d.id().orElseThrow())
                        .reversed())
                .limit(q.limit())
                .toList();
    }

    @Override
    public synchronized Optional<Decision> cached(String cacheKey) {
        return all.stream()
                .filter(d -> d.cacheKey().map(cacheKey::equals).orElse(false))
                .filter(d ->
                        d.error().isEmpty() && !d.abstained() && d.rawResponse().isPresent())
                .findFirst();
    }
}
