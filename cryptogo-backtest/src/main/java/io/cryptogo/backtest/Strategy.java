package io.cryptogo.backtest;

/**
 * A trading rule run on each closed bar: the bar, its indicator values and the portfolio go in ({@link Bar}),
 * an {@link Intent} comes out. A strategy sees closed bars only; asking for a later bar fails.
 *
 * <pre>{@code
 * Strategy dip = bar -> bar.rsi(14) < 30 && !bar.inPosition() ? Intent.buy(0.5)
 *         : bar.rsi(14) > 70 && bar.inPosition() ? Intent.exit() : Intent.hold();
 * }</pre>
 */
@FunctionalInterface
public interface Strategy {

    /** The decision after bar {@code bar.index()} closed. */
    Intent onBar(Bar bar);

    /**
     * Called once before the first bar with the run's candles, for strategies that precompute (ta4j rules,
     * vectorised code). Using a value beyond the current bar from here is look-ahead; the {@link
     * LookaheadAudit} finds it.
     */
    default void prepare(PriceSeries series) {}

    /**
     * This strategy with access to the run's data source (called by {@link Backtest#run()} on the fresh
     * instance, before {@link #prepare}); strategies that need earlier candles or another interval return a
     * copy that keeps it, the others return themselves.
     */
    default Strategy withHistory(CandleHistory history) {
        return this;
    }

    /** What the strategy used in its run (model calls, tokens, cost), for the summary; empty when nothing. */
    default String usage() {
        return "";
    }

    /** A short name for reports. */
    default String name() {
        return getClass().getSimpleName().isEmpty() ? "strategy" : getClass().getSimpleName();
    }

    /**
     * A fresh instance for one run (a stateful strategy returns a copy, so sweeps and audits never share
     * state); stateless strategies return themselves.
     */
    default Strategy fresh() {
        return this;
    }

    /** This strategy under another name. */
    default Strategy named(String name) {
        Strategy self = this;
        return new Strategy() {
            @Override
            public Intent onBar(Bar bar) {
                return self.onBar(bar);
            }

            @Override
            public void prepare(PriceSeries series) {
                self.prepare(series);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String usage() {
                return self.usage();
            }

            @Override
            public Strategy withHistory(CandleHistory history) {
                return self.withHistory(history).named(name);
            }

            @Override
            public Strategy fresh() {
                return self.fresh().named(name);
            }
        };
    }
}
