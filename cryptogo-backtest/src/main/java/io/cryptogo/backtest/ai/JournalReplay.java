package io.cryptogo.backtest.ai;

import io.cryptogo.ai.Decision;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.backtest.Bar;
import io.cryptogo.backtest.Intent;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategy;
import io.cryptogo.model.TradeSignal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reruns recorded decisions from the journal ({@code ai_decisions}) with no model call: on each bar, the
 * signal decided on that candle (if any) is executed again. Same candles and settings give the same run,
 * exactly.
 *
 * <pre>{@code
 * Strategy replay = JournalReplay.of(new JdbcDecisionStore(cg.database()), "rules");
 * }</pre>
 */
public final class JournalReplay implements Strategy {
    private final DecisionStore store;
    private final String generator;
    private final Map<Long, TradeSignal> byCandle = new HashMap<>();

    private JournalReplay(DecisionStore store, String generator) {
        this.store = Objects.requireNonNull(store, "store");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /** The decisions of the generator labelled {@code generator} (e.g. {@code rules}, {@code openai:gpt-4o}). */
    public static JournalReplay of(DecisionStore store, String generator) {
        return new JournalReplay(store, generator);
    }

    @Override
    public void prepare(PriceSeries series) {
        byCandle.clear();
        Instant from = series.openTime(0);
        Instant to = series.openTime(series.size() - 1);
        // pages of at most 1000, newest candle first, walking back in time
        Instant upTo = to;
        while (true) {
            List<Decision> page = store.find(DecisionQuery.latest(DecisionQuery.MAX_LIMIT)
                    .symbol(series.symbol())
                    .from(from)
                    .to(upTo));
            for (Decision d : page) {
                if (d.generator().equals(generator) && d.signal().interval() == series.interval()) {
                    byCandle.putIfAbsent(d.signal().candleTime().toEpochMilli(), d.signal());
                }
            }
            if (page.size() < DecisionQuery.MAX_LIMIT) {
                return;
            }
            Instant oldest = page.get(page.size() - 1).signal().candleTime();
            if (!oldest.isBefore(upTo)) {
                return;
            }
            upTo = oldest;
        }
    }

    /** How many recorded decisions fall on the run's candles. */
    public int recorded() {
        return byCandle.size();
    }

    @Override
    public Intent onBar(Bar bar) {
        TradeSignal s = byCandle.get(bar.time().toEpochMilli());
        if (s == null || s.action() == TradeSignal.Action.HOLD || s.abstained()) {
            return Intent.hold();
        }
        return Intent.signal(s);
    }

    @Override
    public String name() {
        return "journal(" + generator + ")";
    }

    @Override
    public Strategy fresh() {
        return new JournalReplay(store, generator);
    }
}
