package io.cryptogo.backtest;

import io.cryptogo.error.InvalidRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Walk-forward analysis: the grid is optimised on a rolling in-sample window, the best point is then run on
 * the following out-of-sample window (it sees the in-sample bars as history but trades only out of sample),
 * and the out-of-sample equity curves are chained into one.
 *
 * <pre>{@code
 * WalkForward.Report wf = WalkForward.of(sweep).inSample(24 * 60).outOfSample(24 * 20).run();
 * wf.windows(); wf.equity(); wf.totalReturn();
 * }</pre>
 */
public final class WalkForward {
    /** One window: where it optimised, what won, and how it did out of sample. */
    public record Window(
            Instant inSampleStart,
            Instant outOfSampleStart,
            Instant outOfSampleEnd,
            Sweep.Params best,
            double oosReturn) {}

    /** The windows and the combined out-of-sample equity curve (starting at the initial cash). */
    public record Report(List<Window> windows, List<EquityPoint> equity) {
        public Report {
            windows = List.copyOf(windows);
            equity = List.copyOf(equity);
        }

        /** Return of the combined out-of-sample curve. */
        public double totalReturn() {
            return equity.isEmpty()
                    ? 0
                    : equity.get(equity.size() - 1).equity() / equity.get(0).equity() - 1;
        }
    }

    private final Sweep sweep;
    private int inSample = 24 * 60;
    private int outOfSample = 24 * 20;

    private WalkForward(Sweep sweep) {
        this.sweep = Objects.requireNonNull(sweep, "sweep");
    }

    public static WalkForward of(Sweep sweep) {
        return new WalkForward(sweep);
    }

    /** Bars in each optimisation window. */
    public WalkForward inSample(int bars) {
        if (bars < 2) {
            throw new InvalidRequestException("inSample", "inSample must be at least 2 bars, got " + bars);
        }
        this.inSample = bars;
        return this;
    }

    /** Bars in each test window (the step between windows). */
    public WalkForward outOfSample(int bars) {
        if (bars < 1) {
            throw new InvalidRequestException("outOfSample", "outOfSample must be at least 1 bar, got " + bars);
        }
        this.outOfSample = bars;
        return this;
    }

    public Report run(Backtest base) {
        PriceSeries all = base.series();
        int n = all.size();
        if (n < inSample + outOfSample) {
            throw new InvalidRequestException(
                    "inSample",
                    "need at least inSample + outOfSample = " + (inSample + outOfSample) + " bars, have " + n);
        }
        List<Window> windows = new ArrayList<>();
        List<EquityPoint> curve = new ArrayList<>();
        double initial = base.initialCashAmount().doubleValue();
        double level = initial;
        for (int start = 0; start + inSample + outOfSample <= n; start += outOfSample) {
            PriceSeries is = slice(all, start, start + inSample);
            List<Sweep.Entry> ranked = sweep.on(base.quietCopy().candles(is)).run();
            Sweep.Params best = ranked.get(0).params();
            int from = start;
            int firstTrade = inSample;
            Strategy chosen = sweep.factory().apply(best).fresh();
            Strategy oosOnly = new OutOfSampleOnly(chosen, firstTrade);
            BacktestResult r = base.quietCopy()
                    .candles(slice(all, from, start + inSample + outOfSample))
                    .strategy(oosOnly)
                    .run();
            List<EquityPoint> eq = r.equity();
            double startValue = eq.get(inSample - 1).equity();
            for (int i = inSample; i < eq.size(); i++) {
                curve.add(new EquityPoint(eq.get(i).time(), level * eq.get(i).equity() / startValue));
            }
            double oos = eq.get(eq.size() - 1).equity() / startValue - 1;
            level *= 1 + oos;
            windows.add(new Window(
                    all.openTime(start),
                    all.openTime(start + inSample),
                    all.openTime(start + inSample + outOfSample - 1),
                    best,
                    oos));
        }
        return new Report(windows, curve);
    }

    /** The chosen strategy seeing the in-sample bars as history but trading only out of sample. */
    private record OutOfSampleOnly(Strategy chosen, int firstTrade) implements Strategy {
        @Override
        public void prepare(PriceSeries series) {
            chosen.prepare(series);
        }

        @Override
        public Intent onBar(Bar bar) {
            Intent it = chosen.onBar(bar);
            return bar.index() < firstTrade - 1 ? Intent.hold() : it;
        }

        @Override
        public Strategy withHistory(CandleHistory history) {
            return new OutOfSampleOnly(chosen.withHistory(history), firstTrade);
        }

        @Override
        public String usage() {
            return chosen.usage();
        }

        @Override
        public String name() {
            return chosen.name();
        }
    }

    private static PriceSeries slice(PriceSeries s, int from, int to) {
        List<io.cryptogo.model.Candle> c = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            c.add(s.candle(i));
        }
        return PriceSeries.of(c);
    }
}
