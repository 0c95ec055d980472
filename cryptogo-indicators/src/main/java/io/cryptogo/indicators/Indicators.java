package io.cryptogo.indicators;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Candle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.ta4j.core.BarSeries;

/**
 * A fluent request for indicator series over candles. Nothing is computed until {@link #compute()}; each
 * series has one value per bar, NaN during warm-up, with TA-Lib's conventions (see {@link TaMath}).
 *
 * <pre>{@code
 * IndicatorResult r = Indicators.on(candles).ema(20).macd(12, 26, 9).rsi(14).atr(14).compute();
 * double[] ema20 = r.ema(20);
 * double lastRsi = r.last(r.rsi(14));
 * BarSeries forTa4j = Indicators.on(candles).toBarSeries();   // the whole ta4j catalogue
 * }</pre>
 */
public final class Indicators {
    private final Columns columns;
    private final Supplier<BarSeries> barSeries;
    private final List<Request> requests = new ArrayList<>();

    private Indicators(Columns columns, Supplier<BarSeries> barSeries) {
        this.columns = columns;
        this.barSeries = barSeries;
    }

    /** Indicators over a list of candles, oldest first (the last may be the open candle). */
    public static Indicators on(List<Candle> candles) {
        Objects.requireNonNull(candles, "candles");
        List<Candle> copy = List.copyOf(candles);
        checkOrder(copy);
        return new Indicators(Columns.of(copy), () -> Bars.series(name(copy), copy));
    }

    /** Indicators over the current bars of a live series (a copy: later updates do not change them). */
    public static Indicators on(IncrementalSeries series) {
        Objects.requireNonNull(series, "series");
        return new Indicators(series.columnsSnapshot(), series::barSeries);
    }

    private static String name(List<Candle> candles) {
        return candles.isEmpty()
                ? "candles"
                : candles.get(0).symbol() + " " + candles.get(0).interval();
    }

    private static void checkOrder(List<Candle> candles) {
        for (int i = 1; i < candles.size(); i++) {
            if (!candles.get(i).openTime().isAfter(candles.get(i - 1).openTime())) {
                throw new InvalidRequestException(
                        "candles",
                        "candles must be ordered oldest first without duplicates; bar " + i + " opens at "
                                + candles.get(i).openTime() + ", not after "
                                + candles.get(i - 1).openTime());
            }
        }
    }

    /** Simple moving average of closes. */
    public Indicators sma(int period) {
        return add(new Request(Kind.SMA, period, 0, 0, 0));
    }

    /** Exponential moving average of closes. */
    public Indicators ema(int period) {
        return add(new Request(Kind.EMA, period, 0, 0, 0));
    }

    /** MACD of closes: line, signal and histogram. */
    public Indicators macd(int fast, int slow, int signal) {
        return add(new Request(Kind.MACD, fast, slow, signal, 0));
    }

    /** Wilder's RSI of closes. */
    public Indicators rsi(int period) {
        return add(new Request(Kind.RSI, period, 0, 0, 0));
    }

    /** Wilder's average true range. */
    public Indicators atr(int period) {
        return add(new Request(Kind.ATR, period, 0, 0, 0));
    }

    /** Bollinger bands: SMA of closes ± {@code k} population standard deviations. */
    public Indicators bollinger(int period, double k) {
        return add(new Request(Kind.BOLLINGER, period, 0, 0, k));
    }

    /** Simple moving average of volume. */
    public Indicators volumeAverage(int period) {
        return add(new Request(Kind.VOLUME_AVERAGE, period, 0, 0, 0));
    }

    private Indicators add(Request r) {
        r.validate();
        requests.add(r);
        return this;
    }

    /** Computes every requested series. */
    public IndicatorResult compute() {
        Columns c = columns.exact() ? columns : columns.trimmed();
        IndicatorResult.Builder out = new IndicatorResult.Builder(c);
        for (Request r : requests) {
            switch (r.kind) {
                case SMA -> out.put(r.key(), TaMath.sma(c.close, r.a));
                case EMA -> out.put(r.key(), TaMath.ema(c.close, r.a));
                case RSI -> out.put(r.key(), TaMath.rsi(c.close, r.a));
                case ATR -> out.put(r.key(), TaMath.atr(c.high, c.low, c.close, r.a));
                case VOLUME_AVERAGE -> out.put(r.key(), TaMath.sma(c.volume, r.a));
                case MACD -> out.putMacd(r.key(), TaMath.macd(c.close, r.a, r.b, r.c));
                case BOLLINGER -> out.putBollinger(r.key(), TaMath.bollinger(c.close, r.a, r.k));
            }
        }
        return out.build();
    }

    /**
     * The bars as a ta4j series ({@code DoubleNumFactory}), for anything in ta4j's catalogue: a new series
     * for a candle list, the live (moving) series itself for an {@link IncrementalSeries}.
     */
    public BarSeries toBarSeries() {
        return barSeries.get();
    }

    enum Kind {
        SMA,
        EMA,
        MACD,
        RSI,
        ATR,
        BOLLINGER,
        VOLUME_AVERAGE
    }

    record Request(Kind kind, int a, int b, int c, double k) {
        void validate() {
            TaMath.requirePeriod(kind == Kind.MACD ? "fast" : "period", a);
            if (kind == Kind.MACD) {
                TaMath.requirePeriod("slow", b);
                TaMath.requirePeriod("signal", c);
            }
            if (kind == Kind.BOLLINGER && (!(k > 0) || Double.isInfinite(k))) {
                throw new InvalidRequestException("k", "the band width k must be a positive number, got " + k);
            }
        }

        String key() {
            return switch (kind) {
                case MACD -> "macd(" + a + "," + b + "," + c + ")";
                case BOLLINGER -> "bollinger(" + a + "," + k + ")";
                default -> kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + a + ")";
            };
        }
    }
}
