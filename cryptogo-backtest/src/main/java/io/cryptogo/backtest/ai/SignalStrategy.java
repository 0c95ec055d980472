package io.cryptogo.backtest.ai;

import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.backtest.Bar;
import io.cryptogo.backtest.Intent;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategy;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.model.Candle;
import io.cryptogo.model.TradeSignal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Any {@link SignalGenerator} as a backtest strategy: on each closed bar (or every {@code every} bars) it builds
 * the market snapshot from the closed candles up to that bar only, asks the generator, and executes the signal
 * as automatic trading would. An LLM generator built with its journal answers repeated prompts from the
 * response cache; {@link #budget} caps the real model calls and their cost, and {@link #modelUsage()} reports calls,
 * cache hits, tokens and cost. Decisions can be journaled ({@link #journal}) for an exact rerun with {@link
 * JournalReplay}.
 *
 * <pre>{@code
 * Strategy rules = SignalStrategy.of(RuleSignalGenerator.builder().build());
 * Strategy llm = SignalStrategy.of(llmGenerator).every(4).budget(200, new BigDecimal("1.00"));
 * }</pre>
 */
public final class SignalStrategy implements Strategy {
    /** Model use of a run. */
    public record Usage(int calls, int cached, long tokensIn, long tokensOut, BigDecimal costUsd, boolean budgetHit) {}

    private static final int WINDOW = 200;

    private final SignalGenerator generator;
    private final int every;
    private final int maxCalls;
    private final BigDecimal maxCost;
    private final Optional<DecisionStore> journal;
    private PriceSeries series;
    private int calls;
    private int cached;
    private long tokensIn;
    private long tokensOut;
    private BigDecimal cost = BigDecimal.ZERO;
    private boolean budgetHit;

    private SignalStrategy(
            SignalGenerator generator, int every, int maxCalls, BigDecimal maxCost, Optional<DecisionStore> journal) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.every = every;
        this.maxCalls = maxCalls;
        this.maxCost = maxCost;
        this.journal = journal;
    }

    public static SignalStrategy of(SignalGenerator generator) {
        return new SignalStrategy(generator, 1, Integer.MAX_VALUE, new BigDecimal("1000000"), Optional.empty());
    }

    /** Ask only every {@code n} bars (LLM runs: fewer calls). */
    public SignalStrategy every(int n) {
        if (n < 1) {
            throw new InvalidRequestException("every", "every must be at least 1, got " + n);
        }
        return new SignalStrategy(generator, n, maxCalls, maxCost, journal);
    }

    /** At most {@code calls} model calls (cache hits are free) and {@code usd} of estimated cost per run. */
    public SignalStrategy budget(int calls, BigDecimal usd) {
        if (calls < 0 || usd.signum() < 0) {
            throw new InvalidRequestException("budget", "budget calls and usd must be >= 0");
        }
        return new SignalStrategy(generator, every, calls, usd, journal);
    }

    /** Save every decision in {@code store} (for {@link JournalReplay}). */
    public SignalStrategy journal(DecisionStore store) {
        return new SignalStrategy(generator, every, maxCalls, maxCost, Optional.of(store));
    }

    @Override
    public void prepare(PriceSeries s) {
        this.series = s;
    }

    @Override
    public Intent onBar(Bar bar) {
        int i = bar.index();
        if (i + 1 < 60 || i % every != 0) {
            return Intent.hold();
        }
        if (calls >= maxCalls || cost.compareTo(maxCost) >= 0) {
            budgetHit = true;
            return Intent.hold();
        }
        List<Candle> window = new ArrayList<>(WINDOW);
        for (int k = Math.max(0, i + 1 - WINDOW); k <= i; k++) {
            window.add(series.candle(k));
        }
        Candle last = window.get(window.size() - 1);
        MarketSnapshot snap = MarketSnapshot.fromCandles(
                bar.symbol(),
                window,
                window,
                Optional.empty(),
                10,
                last.closeTime().plusMillis(1));
        Decision d = generator.decide(snap);
        if (d.cached()) {
            cached++;
        } else {
            calls++;
        }
        tokensIn += d.tokensIn();
        tokensOut += d.tokensOut();
        cost = cost.add(d.costUsd().orElse(BigDecimal.ZERO));
        journal.ifPresent(j -> j.save(d));
        TradeSignal s = d.signal();
        return s.action() == TradeSignal.Action.HOLD || s.abstained() ? Intent.hold() : Intent.signal(s);
    }

    /** Model use so far. */
    public Usage modelUsage() {
        return new Usage(calls, cached, tokensIn, tokensOut, cost, budgetHit);
    }

    @Override
    public String usage() {
        return "model calls " + calls + ", cache hits " + cached + ", tokens " + tokensIn + " in / " + tokensOut
                + " out, cost " + cost.stripTrailingZeros().toPlainString() + " USD"
                + (budgetHit ? ", budget reached" : "");
    }

    @Override
    public String name() {
        return "signals(" + generator.label() + ")";
    }

    @Override
    public Strategy fresh() {
        return new SignalStrategy(generator, every, maxCalls, maxCost, journal);
    }
}
