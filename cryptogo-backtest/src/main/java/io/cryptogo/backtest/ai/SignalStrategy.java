package io.cryptogo.backtest.ai;

import io.cryptogo.ai.Holding;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.SignalInput;
import io.cryptogo.ai.SnapshotSpec;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.backtest.Bar;
import io.cryptogo.backtest.CandleHistory;
import io.cryptogo.backtest.Intent;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategy;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.TradeSignal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any {@link SignalGenerator} as a backtest strategy: on each closed bar (or every {@code every} bars) it builds
 * the market snapshot exactly as the live {@link io.cryptogo.ai.DecisionLoop} does ({@link SnapshotSpec#at}: the
 * bar interval as the decision interval, a 4h context, 10 values per series, the last 500 candles of each
 * interval closed by the decision time T = the bar's close), hands it with the position held to the generator,
 * and executes the signal as automatic trading would. With the run's market or store as history ({@link
 * io.cryptogo.backtest.Backtest#run()} passes it), the generator sees the same snapshot, and an LLM the same
 * prompt byte for byte, as the live loop would have at T (open interest and funding, which have no history,
 * are left out). An offline run on given candles builds the context candles from its bars instead.
 *
 * <p>An LLM generator built with its journal answers repeated prompts from the response cache; {@link #budget}
 * caps the real model calls and their cost per run: once either is reached, the remaining decision bars are
 * HOLDs with no model call (open positions keep their stop and target), and the summary says when and how many.
 * {@link #modelUsage()} reports calls, cache hits, tokens and cost. Decisions can be journaled ({@link #journal})
 * for an exact rerun with {@link JournalReplay}. Every decision journaled during the run (by the generator's
 * journal or by {@link #journal}) has the origin {@code backtest} ({@link Decision.Origin}, with {@link #runId}
 * when given), so the app's AI history, which lists live decisions by default, keeps them apart.
 *
 * <pre>{@code
 * Strategy rules = SignalStrategy.of(RuleSignalGenerator.builder().build());
 * Strategy llm = SignalStrategy.of(llmGenerator).every(4).budget(200, new BigDecimal("1.00"));
 * }</pre>
 */
public final class SignalStrategy implements Strategy {
    private static final Logger log = LoggerFactory.getLogger(SignalStrategy.class);

    /**
     * Model use of a run.
     *
     * @param decisions decisions taken (bars the generator was asked about)
     * @param calls decisions answered by a real model call (an LLM's prompt sent; the rules make none)
     * @param cached decisions answered from the response cache (no call, no cost)
     * @param tokensIn prompt tokens of the real calls
     * @param tokensOut answer tokens of the real calls
     * @param costUsd estimated cost of the real calls
     * @param budgetHit whether the budget stopped the model calls
     * @param budgetReachedAt the bar whose decision was the first one skipped for the budget
     * @param skipped decision bars skipped (HOLD, no call) because the budget was reached
     */
    public record Usage(
            int decisions,
            int calls,
            int cached,
            long tokensIn,
            long tokensOut,
            BigDecimal costUsd,
            boolean budgetHit,
            Optional<Instant> budgetReachedAt,
            int skipped) {}

    private static final BigDecimal NO_COST_CAP = new BigDecimal("1000000");

    private final SignalGenerator generator;
    private final int every;
    private final int maxCalls;
    private final BigDecimal maxCost;
    private final Optional<DecisionStore> journal;
    private final Optional<SnapshotSpec> spec;
    private final Optional<CandleHistory> history;
    private final Decision.Origin origin;
    private PriceSeries series;
    private SnapshotMarket market;
    private SnapshotSpec effective;
    private int decisions;
    private int warmUp;
    private int calls;
    private int cached;
    private long tokensIn;
    private long tokensOut;
    private BigDecimal cost = BigDecimal.ZERO;
    private Optional<Instant> budgetReachedAt = Optional.empty();
    private int skipped;

    private SignalStrategy(
            SignalGenerator generator,
            int every,
            int maxCalls,
            BigDecimal maxCost,
            Optional<DecisionStore> journal,
            Optional<SnapshotSpec> spec,
            Optional<CandleHistory> history) {
        this(generator, every, maxCalls, maxCost, journal, spec, history, Decision.Origin.backtest());
    }

    private SignalStrategy(
            SignalGenerator generator,
            int every,
            int maxCalls,
            BigDecimal maxCost,
            Optional<DecisionStore> journal,
            Optional<SnapshotSpec> spec,
            Optional<CandleHistory> history,
            Decision.Origin origin) {
        this.origin = origin;
        this.generator = Objects.requireNonNull(generator, "generator");
        this.every = every;
        this.maxCalls = maxCalls;
        this.maxCost = maxCost;
        this.journal = journal;
        this.spec = spec;
        this.history = history;
    }

    public static SignalStrategy of(SignalGenerator generator) {
        return new SignalStrategy(
                generator, 1, Integer.MAX_VALUE, NO_COST_CAP, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Ask only every {@code n} bars (LLM runs: fewer calls). */
    public SignalStrategy every(int n) {
        if (n < 1) {
            throw new InvalidRequestException("every", "every must be at least 1, got " + n);
        }
        return new SignalStrategy(generator, n, maxCalls, maxCost, journal, spec, history, origin);
    }

    /**
     * At most {@code calls} real model calls (cache hits are free and not counted) and {@code usd} of estimated
     * cost per run. The check comes before each decision, so the call that reaches a cap is the last one; the
     * later decision bars are HOLDs without a call.
     */
    public SignalStrategy budget(int calls, BigDecimal usd) {
        if (calls < 0 || usd.signum() < 0) {
            throw new InvalidRequestException("budget", "budget calls and usd must be >= 0");
        }
        return new SignalStrategy(generator, every, calls, usd, journal, spec, history, origin);
    }

    /**
     * Save every decision in {@code store} (for {@link JournalReplay}); decisions the generator already journaled
     * (an LLM generator built with its store) are not saved twice.
     */
    public SignalStrategy journal(DecisionStore store) {
        return new SignalStrategy(generator, every, maxCalls, maxCost, Optional.of(store), spec, history, origin);
    }

    /**
     * The backtest run's id, journaled with each decision (origin {@code backtest}, run {@code runId}: 1..64
     * characters); without it the decisions are journaled as {@code backtest} with no run id.
     */
    public SignalStrategy runId(String runId) {
        if (runId == null || runId.isBlank() || runId.length() > 64) {
            throw new InvalidRequestException("runId", "a run id has 1..64 characters, got '" + runId + "'");
        }
        return new SignalStrategy(
                generator, every, maxCalls, maxCost, journal, spec, history, Decision.Origin.backtest(runId));
    }

    /** The origin journaled with this strategy's decisions: {@code backtest}, with the run id if given. */
    public Decision.Origin origin() {
        return origin;
    }

    /**
     * The context interval, series length and history of the snapshots (default {@link SnapshotSpec#defaults()}:
     * 4h, 10, 500, as the live loop); its decision interval is replaced by the bar interval.
     */
    public SignalStrategy snapshot(SnapshotSpec s) {
        return new SignalStrategy(generator, every, maxCalls, maxCost, journal, Optional.of(s), history, origin);
    }

    /** Earlier candles and the context interval's candles from this source (normally set by the backtest). */
    @Override
    public SignalStrategy withHistory(CandleHistory h) {
        return new SignalStrategy(
                generator,
                every,
                maxCalls,
                maxCost,
                journal,
                spec,
                Optional.of(Objects.requireNonNull(h, "history")),
                origin);
    }

    @Override
    public void prepare(PriceSeries s) {
        this.series = s;
        Interval iv = s.interval();
        this.effective = spec.orElse(SnapshotSpec.defaults()).withInterval(iv);
        Interval cx = effective.contextInterval();
        Instant first = s.openTime(0);
        Instant last = s.openTime(s.size() - 1);
        long bars = effective.historyBars();
        List<Candle> intraday;
        List<Candle> context;
        SourceInfo.Kind kind;
        if (history.isPresent()) {
            CandleHistory h = history.get();
            // the history before the first bar, and up to the candle opening at the last decision time (it is
            // open then, as live, and the snapshot leaves it out)
            intraday = h.range(s.symbol(), iv, first.minusMillis(iv.millis() * bars), last.plusMillis(iv.millis()));
            context =
                    h.range(s.symbol(), cx, first.minusMillis(cx.millis() * (bars + 1)), last.plusMillis(iv.millis()));
            kind = h.source().kind();
            if (intraday.isEmpty()) {
                intraday = bars(s);
            }
            long closed = context.stream().filter(Candle::closed).count();
            if (closed < SnapshotMarket.WARM_UP && cx != iv && cx.millis() % iv.millis() == 0) {
                // e.g. a store holding imported 1h candles only: the context is built from them (Binance's own 4h
                // candles are the same aggregates)
                log.warn(
                        "backtest: {} has {} closed {} {} candles for the run's context; building them from its {}"
                                + " candles",
                        h.source().kind().label(),
                        closed,
                        s.symbol(),
                        cx,
                        iv);
                context = aggregate(intraday.stream().filter(Candle::closed).toList(), cx);
            }
        } else {
            intraday = bars(s);
            context = cx == iv ? intraday : aggregate(intraday, cx);
            kind = SourceInfo.Kind.SIMULATED; // given candles: recorded as the backtest records them
        }
        this.market = new SnapshotMarket(s.symbol(), intraday, context, kind);
    }

    private static List<Candle> bars(PriceSeries s) {
        List<Candle> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            out.add(s.candle(i));
        }
        return out;
    }

    /** Context candles built from the bars: complete buckets only. */
    private static List<Candle> aggregate(List<Candle> bars, Interval cx) {
        if (bars.isEmpty()) {
            return List.of();
        }
        Interval iv = bars.get(0).interval();
        if (cx.millis() < iv.millis() || cx.millis() % iv.millis() != 0) {
            throw new InvalidRequestException(
                    "contextInterval",
                    "an offline run builds its " + cx + " context from its " + iv + " bars, so the context interval"
                            + " must be a multiple of the bar interval; give the run a market or the store instead");
        }
        int per = (int) (cx.millis() / iv.millis());
        List<Candle> out = new ArrayList<>(bars.size() / per + 1);
        int i = 0;
        while (i < bars.size()) {
            long bucket = cx.alignMillis(bars.get(i).openTime().toEpochMilli());
            int j = i;
            while (j < bars.size() && cx.alignMillis(bars.get(j).openTime().toEpochMilli()) == bucket) {
                j++;
            }
            if (j - i == per) {
                Candle a = bars.get(i);
                BigDecimal high = a.high();
                BigDecimal low = a.low();
                BigDecimal vol = BigDecimal.ZERO;
                BigDecimal quote = BigDecimal.ZERO;
                long trades = 0;
                for (int k = i; k < j; k++) {
                    Candle c = bars.get(k);
                    high = high.max(c.high());
                    low = low.min(c.low());
                    vol = vol.add(c.volume());
                    quote = quote.add(c.quoteVolume());
                    trades += c.trades();
                }
                out.add(Candle.of(
                        a.symbol(),
                        cx,
                        Instant.ofEpochMilli(bucket),
                        a.open(),
                        high,
                        low,
                        bars.get(j - 1).close(),
                        vol,
                        quote,
                        trades,
                        true));
            }
            i = j;
        }
        return out;
    }

    @Override
    public Intent onBar(Bar bar) {
        int i = bar.index();
        if (i % every != 0) {
            return Intent.hold();
        }
        Instant asOf = series.candle(i).closeTime().plusMillis(1);
        if (!market.ready(effective, asOf)) {
            warmUp++;
            return Intent.hold(); // warm-up: not enough closed candles for a snapshot yet
        }
        if (calls >= maxCalls || cost.compareTo(maxCost) >= 0) {
            if (budgetReachedAt.isEmpty()) {
                budgetReachedAt = Optional.of(bar.time());
            }
            skipped++;
            return Intent.hold();
        }
        MarketSnapshot snap = effective.at(market, bar.symbol(), asOf);
        Holding held = bar.position() > 0 ? Holding.of(BigDecimal.valueOf(bar.position())) : Holding.NONE;
        // journaled as a backtest decision, by the generator's own journal as by ours (the response cache is
        // shared with live decisions: its key is the prompt, not the origin)
        Decision d = origin.call(() -> generator.decide(SignalInput.of(snap, held)));
        if (d.origin().live()) {
            d = d.withOrigin(origin);
        }
        decisions++;
        if (d.cached()) {
            cached++;
        } else if (d.prompt().isPresent()) {
            calls++; // a model was asked (the rules and other prompt-less generators are not model calls)
        }
        tokensIn += d.tokensIn();
        tokensOut += d.tokensOut();
        cost = cost.add(d.costUsd().orElse(BigDecimal.ZERO));
        if (d.id().isEmpty()) {
            Decision taken = d;
            journal.ifPresent(j -> j.save(taken));
        }
        TradeSignal s = d.signal();
        return s.action() == TradeSignal.Action.HOLD || s.abstained() ? Intent.hold() : Intent.signal(s);
    }

    /** Model use so far. */
    public Usage modelUsage() {
        return new Usage(
                decisions,
                calls,
                cached,
                tokensIn,
                tokensOut,
                cost,
                budgetReachedAt.isPresent(),
                budgetReachedAt,
                skipped);
    }

    @Override
    public String usage() {
        return "decisions " + decisions + ", model calls " + calls + ", cache hits " + cached + ", tokens " + tokensIn
                + " in / " + tokensOut
                + " out, cost " + cost.stripTrailingZeros().toPlainString() + " USD"
                + (warmUp > 0
                        ? ", " + warmUp + " bars held for warm-up (fewer than " + SnapshotMarket.WARM_UP
                                + " closed candles of an interval)"
                        : "")
                + budgetReachedAt
                        .map(t -> ", budget reached at " + t + ": " + skipped + " later decisions held without a call")
                        .orElse("");
    }

    @Override
    public String name() {
        return "signals(" + generator.label() + ")";
    }

    @Override
    public Strategy fresh() {
        return new SignalStrategy(generator, every, maxCalls, maxCost, journal, spec, history, origin);
    }
}
