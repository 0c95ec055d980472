package io.cryptogo.indicators;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.CandleListener;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ta4j.core.BarSeries;

/**
 * A live bar series for one (symbol, interval), kept both as a ta4j {@link BarSeries} ({@code
 * DoubleNumFactory}) and as double columns, updated in place as candles arrive: a candle with a new open
 * time is appended, one with the last bar's open time replaces that bar (the open candle moving, or its
 * final version). Nothing is rebuilt per tick. It is a {@link CandleListener}, so it can be handed to
 * {@code market.stream(...)} directly. Not thread-safe beyond that: one stream writes, readers take {@link
 * #indicators()} snapshots from the same thread or synchronise themselves.
 *
 * <pre>{@code
 * IncrementalSeries live = IncrementalSeries.of(market.klines("BTC/USDT", Interval.M1, 500));
 * market.stream("BTC/USDT", Interval.M1, live);
 * double rsi = IndicatorResult.last(live.indicators().rsi(14).compute().rsi(14));
 * }</pre>
 */
public final class IncrementalSeries implements CandleListener {
    /** What {@link #update(Candle)} did. */
    public enum Change {
        APPENDED,
        REPLACED
    }

    private final Symbol symbol;
    private final Interval interval;
    private final int maxBars;
    private final Columns columns;
    private final BarSeries series;
    private boolean lastClosed;

    private IncrementalSeries(Symbol symbol, Interval interval, int maxBars) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (maxBars < 1) {
            throw new InvalidRequestException("maxBars", "maxBars must be at least 1, got " + maxBars);
        }
        this.maxBars = maxBars;
        this.columns = new Columns(Math.min(maxBars, 1024));
        this.series = Bars.newSeries(symbol + " " + interval);
        if (maxBars < Integer.MAX_VALUE) {
            series.setMaximumBarCount(maxBars);
        }
    }

    /** An empty series that keeps every bar. */
    public static IncrementalSeries empty(Symbol symbol, Interval interval) {
        return new IncrementalSeries(symbol, interval, Integer.MAX_VALUE);
    }

    /** As {@link #empty(Symbol, Interval)} with {@code "BTC/USDT"}. */
    public static IncrementalSeries empty(String symbol, Interval interval) {
        return empty(Symbol.parse(symbol), interval);
    }

    /** As {@link #bounded(Symbol, Interval, int)} with {@code "BTC/USDT"}. */
    public static IncrementalSeries bounded(String symbol, Interval interval, int maxBars) {
        return bounded(Symbol.parse(symbol), interval, maxBars);
    }

    /**
     * An empty series that keeps at most the last {@code maxBars} bars (older ones are dropped, and
     * indicators are then computed over the kept window).
     */
    public static IncrementalSeries bounded(Symbol symbol, Interval interval, int maxBars) {
        return new IncrementalSeries(symbol, interval, maxBars);
    }

    /** A series seeded with history, oldest first (at least one candle: it fixes symbol and interval). */
    public static IncrementalSeries of(List<Candle> history) {
        if (history.isEmpty()) {
            throw new InvalidRequestException(
                    "candles", "history is empty; use IncrementalSeries.empty(symbol, interval)");
        }
        IncrementalSeries s = empty(history.get(0).symbol(), history.get(0).interval());
        history.forEach(s::update);
        return s;
    }

    @Override
    public void onCandle(Candle candle) {
        update(candle);
    }

    /**
     * Applies one candle: appends it when it opens after the last bar, replaces the last bar when it has
     * the same open time.
     *
     * @throws InvalidRequestException for another symbol or interval, or a candle older than the last bar
     */
    public Change update(Candle candle) {
        Objects.requireNonNull(candle, "candle");
        if (!candle.symbol().equals(symbol) || candle.interval() != interval) {
            throw new InvalidRequestException(
                    "candle",
                    "this series holds " + symbol + " " + interval + ", got a " + candle.symbol() + " "
                            + candle.interval() + " candle");
        }
        long t = candle.openTime().toEpochMilli();
        int n = columns.size;
        if (n > 0 && t < columns.openTime(n - 1)) {
            throw new InvalidRequestException(
                    "openTime",
                    "candle opening at " + candle.openTime() + " is older than the last bar ("
                            + Instant.ofEpochMilli(columns.openTime(n - 1)) + ")");
        }
        double o = candle.open().doubleValue();
        double h = candle.high().doubleValue();
        double l = candle.low().doubleValue();
        double c = candle.close().doubleValue();
        double v = candle.volume().doubleValue();
        if (n > 0 && t == columns.openTime(n - 1)) {
            columns.set(n - 1, t, o, h, l, c, v);
            series.addBar(Bars.bar(candle, o, h, l, c, v), true);
            lastClosed = candle.closed();
            return Change.REPLACED;
        }
        if (columns.size >= maxBars) {
            // the same window as ta4j's maximum bar count: one out, one in
            columns.dropOldest(columns.size - maxBars + 1);
        }
        columns.append(t, o, h, l, c, v);
        series.addBar(Bars.bar(candle, o, h, l, c, v), false);
        lastClosed = candle.closed();
        return Change.APPENDED;
    }

    public Symbol symbol() {
        return symbol;
    }

    public Interval interval() {
        return interval;
    }

    /** Number of bars held. */
    public int size() {
        return columns.size;
    }

    /** Open time of the last bar, if any. */
    public Optional<Instant> lastOpenTime() {
        return columns.size == 0
                ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(columns.openTime(columns.size - 1)));
    }

    /** Whether the last bar is final (false while the open candle is moving). */
    public boolean lastClosed() {
        return lastClosed;
    }

    /** Close of the last bar (NaN when empty). */
    public double lastClose() {
        return columns.size == 0 ? Double.NaN : columns.close(columns.size - 1);
    }

    /** The live ta4j series (updated in place; the same object on every call). */
    public BarSeries barSeries() {
        return series;
    }

    /** A fluent indicator request over a copy of the current bars. */
    public Indicators indicators() {
        return Indicators.on(this);
    }

    Columns columnsSnapshot() {
        return columns.trimmed();
    }
}
