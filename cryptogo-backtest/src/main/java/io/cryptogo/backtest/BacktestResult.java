package io.cryptogo.backtest;

import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.Gap;
import io.cryptogo.trading.Fill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a backtest produced: trades, fills, the equity curve, drawdowns, metrics, risk rejections by rule and
 * the strategy's decisions. Immutable.
 *
 * <pre>{@code
 * r.summary();                 // a text table (printed by JShell)
 * r.trades(); r.equity(); r.drawdowns();
 * r.writeHtml(Path.of("bt.html"));
 * }</pre>
 */
public final class BacktestResult {
    private final String strategy;
    private final PriceSeries series;
    private final Runner.Settings settings;
    private final List<Trade> trades;
    private final List<Fill> fills;
    private final long[] times;
    private final double[] equity;
    private final double[] benchmark;
    private final Map<String, Integer> rejections;
    private final List<DecisionRecord> decisions;
    private final Metrics metrics;
    private List<Gap> edgeGaps = List.of();

    BacktestResult(
            String strategy,
            PriceSeries series,
            Runner.Settings settings,
            List<Trade> trades,
            List<Fill> fills,
            long[] times,
            double[] equity,
            boolean[] exposed,
            Map<String, Integer> rejections,
            List<DecisionRecord> decisions) {
        this.strategy = strategy;
        this.series = series;
        this.settings = settings;
        this.trades = trades;
        this.fills = fills;
        this.times = times;
        this.equity = equity;
        this.rejections = rejections;
        this.decisions = decisions;
        double initial = settings.initialCash().doubleValue();
        double fee = settings.feeRate().doubleValue();
        int n = equity.length;
        this.benchmark = new double[n];
        double qty = n == 0 ? 0 : initial / (series.opens()[0] * (1 + fee));
        for (int i = 0; i < n; i++) {
            benchmark[i] = qty * series.closes()[i];
        }
        double fees = 0;
        for (Fill f : fills) {
            fees += f.fee().doubleValue();
        }
        this.metrics = Metrics.compute(series.interval(), initial, times, equity, exposed, benchmark, trades, fees);
    }

    public String strategy() {
        return strategy;
    }

    public Symbol symbol() {
        return series.symbol();
    }

    public Interval interval() {
        return series.interval();
    }

    /** Closed round trips, in order. */
    public List<Trade> trades() {
        return trades;
    }

    /** Every fill the engine made, in order. */
    public List<Fill> fills() {
        return fills;
    }

    /** Equity at each bar's close. */
    public List<EquityPoint> equity() {
        List<EquityPoint> out = new ArrayList<>(equity.length);
        for (int i = 0; i < equity.length; i++) {
            out.add(new EquityPoint(Instant.ofEpochMilli(times[i]), equity[i]));
        }
        return out;
    }

    /** Buy-and-hold equity over the same bars. */
    public List<EquityPoint> benchmark() {
        List<EquityPoint> out = new ArrayList<>(benchmark.length);
        for (int i = 0; i < benchmark.length; i++) {
            out.add(new EquityPoint(Instant.ofEpochMilli(times[i]), benchmark[i]));
        }
        return out;
    }

    /** Final equity. */
    public double finalEquity() {
        return equity.length == 0 ? settings.initialCash().doubleValue() : equity[equity.length - 1];
    }

    public List<Drawdown> drawdowns() {
        return metrics.drawdowns();
    }

    public Metrics metrics() {
        return metrics;
    }

    /** Orders the engine refused, counted by rule ({@code MAX_DAILY_TRADES}, {@code BALANCE}, …). */
    public Map<String, Integer> rejections() {
        return rejections;
    }

    /** The strategy's non-HOLD decisions. */
    public List<DecisionRecord> decisions() {
        return decisions;
    }

    /**
     * Missing candles (reported, never bridged), in time order: inside the data, and at the edges of the period
     * asked for when the data does not reach its start (a gap from the first bucket asked for to the bar before
     * the first candle) or its end (from the bar after the last candle to the last bucket asked for).
     */
    public List<Gap> gaps() {
        if (edgeGaps.isEmpty()) {
            return series.gaps();
        }
        List<Gap> all = new java.util.ArrayList<>(series.gaps());
        all.addAll(edgeGaps);
        all.sort(java.util.Comparator.comparing(Gap::from));
        return List.copyOf(all);
    }

    /** This result with the edges of the period its data did not reach (set once by the backtest). */
    BacktestResult withEdgeGaps(List<Gap> edges) {
        this.edgeGaps = List.copyOf(edges);
        return this;
    }

    /** Number of bars replayed. */
    public int bars() {
        return equity.length;
    }

    public Instant start() {
        return Instant.ofEpochMilli(times[0]);
    }

    public Instant end() {
        return Instant.ofEpochMilli(times[times.length - 1]);
    }

    /** The summary table; JShell prints it as is. */
    public Summary summary() {
        return new Summary(summaryText());
    }

    /** A block of text that prints as itself. */
    public record Summary(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    String summaryText() {
        Metrics m = metrics;
        StringBuilder b = new StringBuilder();
        String quote = series.symbol().quote();
        row(b, "Strategy", strategy);
        row(
                b,
                "Market",
                series.symbol() + " " + series.interval() + " ("
                        + settings.source().kind().label() + ")");
        row(b, "Period", start() + " .. " + end() + " (" + bars() + " bars)");
        row(b, "Initial cash", num(settings.initialCash().doubleValue()) + " " + quote);
        row(b, "Final equity", num(finalEquity()) + " " + quote);
        row(b, "Total return", pct(m.totalReturn()));
        row(b, "Buy & hold", pct(m.benchmarkReturn()));
        row(b, "CAGR", pct(m.cagr()));
        row(b, "Volatility (ann.)", pct(m.volatility()));
        row(b, "Sharpe", dec(m.sharpe()));
        row(b, "Sortino", dec(m.sortino()));
        row(b, "Calmar", dec(m.calmar()));
        row(b, "SQN", dec(m.sqn()));
        row(
                b,
                "Max drawdown",
                pct(m.maxDrawdown())
                        + m.maxDrawdownEpisode()
                                .map(d -> " (" + d.start() + " -> " + d.trough() + ", "
                                        + d.recovery().map(Instant::toString).orElse("not recovered") + ", "
                                        + d.duration().toHours() + " h)")
                                .orElse(""));
        BigDecimal held = BigDecimal.ZERO;
        for (Fill f : fills) {
            held = f.side() == io.cryptogo.trading.Side.BUY ? held.add(f.quantity()) : held.subtract(f.quantity());
        }
        row(
                b,
                "Trades",
                m.tradeCount()
                        + (held.signum() > 0
                                ? " (and a position of "
                                        + held.stripTrailingZeros().toPlainString() + " "
                                        + series.symbol().base() + " still open at the end, valued in the equity,"
                                        + " not counted as a trade)"
                                : ""));
        row(b, "Win rate", pct(m.winRate()));
        row(b, "Profit factor", dec(m.profitFactor()));
        row(b, "Expectancy", num(m.expectancy()) + " " + quote);
        row(b, "Avg win / loss", num(m.averageWin()) + " / " + num(m.averageLoss()) + " " + quote);
        row(b, "Exposure", pct(m.exposure()));
        row(b, "Fees paid", num(m.feesPaid()) + " " + quote);
        row(
                b,
                "Costs",
                "fee " + settings.feeRate().stripTrailingZeros().toPlainString() + ", slippage "
                        + settings.slippageBps() + " bps, fills at "
                        + (settings.fillAt() == Backtest.FillAt.CLOSE ? "bar close" : "next open")
                        + settings.detail().map(d -> ", intrabar detail " + d).orElse(""));
        row(
                b,
                "Risk rejections",
                rejections.isEmpty()
                        ? "none"
                        : String.join(
                                ", ",
                                rejections.entrySet().stream()
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .toList()));
        row(
                b,
                "Gaps",
                gaps().isEmpty()
                        ? "none"
                        : gaps().size() + " (" + gaps().get(0) + (gaps().size() > 1 ? ", …" : "") + ")"
                                + (edgeGaps.isEmpty()
                                        ? ""
                                        : ", " + edgeGaps.size() + " at the edges of the period asked for ("
                                                + String.join(
                                                        ", ",
                                                        edgeGaps.stream()
                                                                .map(Gap::toString)
                                                                .toList())
                                                + ")"));
        return b.toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append(String.format(Locale.ROOT, "%-18s %s%n", k, v));
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f %%", v * 100);
    }

    static String dec(double v) {
        return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Writes a standalone HTML report (inline SVG charts, no script) and returns the path. */
    public Path writeHtml(Path file) {
        try {
            Files.writeString(file, HtmlReport.render(this, times, equity, benchmark, series), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file, e);
        }
    }

    @Override
    public String toString() {
        return summaryText();
    }
}
