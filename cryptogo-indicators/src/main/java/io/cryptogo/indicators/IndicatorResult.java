package io.cryptogo.indicators;

import io.cryptogo.error.InvalidRequestException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series computed by {@link Indicators#compute()}: one {@code double} per bar, oldest first, NaN during
 * warm-up. Accessors return copies; asking for a series that was not requested throws {@link
 * InvalidRequestException} naming it.
 *
 * <pre>{@code
 * IndicatorResult r = Indicators.on(candles).rsi(14).compute();
 * double rsiNow = IndicatorResult.last(r.rsi(14));
 * }</pre>
 */
public final class IndicatorResult {
    private final Columns bars;
    private final Map<String, double[]> series;
    private final Map<String, Macd> macds;
    private final Map<String, Bollinger> bands;
    private final List<String> names;

    private IndicatorResult(Builder b) {
        this.bars = b.bars;
        this.series = Map.copyOf(b.series);
        this.macds = Map.copyOf(b.macds);
        this.bands = Map.copyOf(b.bands);
        this.names = List.copyOf(b.names);
    }

    /** Number of bars. */
    public int size() {
        return bars.size;
    }

    /** Open time of bar {@code i}. */
    public Instant openTime(int i) {
        return Instant.ofEpochMilli(bars.openTime[checkIndex(i)]);
    }

    public double[] open() {
        return bars.open.clone();
    }

    public double[] high() {
        return bars.high.clone();
    }

    public double[] low() {
        return bars.low.clone();
    }

    public double[] close() {
        return bars.close.clone();
    }

    public double[] volume() {
        return bars.volume.clone();
    }

    public double[] sma(int period) {
        return get("sma(" + period + ")");
    }

    public double[] ema(int period) {
        return get("ema(" + period + ")");
    }

    public double[] rsi(int period) {
        return get("rsi(" + period + ")");
    }

    public double[] atr(int period) {
        return get("atr(" + period + ")");
    }

    public double[] volumeAverage(int period) {
        return get("volume_average(" + period + ")");
    }

    public Macd macd(int fast, int slow, int signal) {
        Macd m = macds.get("macd(" + fast + "," + slow + "," + signal + ")");
        if (m == null) {
            throw notRequested("macd(" + fast + ", " + slow + ", " + signal + ")");
        }
        return m; // immutable
    }

    public Bollinger bollinger(int period, double k) {
        Bollinger b = bands.get("bollinger(" + period + "," + k + ")");
        if (b == null) {
            throw notRequested("bollinger(" + period + ", " + k + ")");
        }
        return b; // immutable
    }

    /**
     * The names of every computed indicator in the order they were asked for (each once), e.g. {@code
     * [ema(20), macd(12,26,9), rsi(14), bollinger(20,2.0)]}.
     */
    public List<String> names() {
        return names;
    }

    /** The last value of a series (NaN for an empty one). */
    public static double last(double[] values) {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    /** The last {@code n} values of a series (fewer when it is shorter). */
    public static double[] tail(double[] values, int n) {
        return Arrays.copyOfRange(values, Math.max(0, values.length - n), values.length);
    }

    private double[] get(String key) {
        double[] v = series.get(key);
        if (v == null) {
            throw notRequested(key);
        }
        return v.clone();
    }

    private InvalidRequestException notRequested(String key) {
        return new InvalidRequestException("indicator", key + " was not requested; requested: " + names);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= bars.size) {
            throw new InvalidRequestException("index", "bar index must be in 0.." + (bars.size - 1) + ", got " + i);
        }
        return i;
    }

    static final class Builder {
        private final Columns bars;
        private final Map<String, double[]> series = new LinkedHashMap<>();
        private final Map<String, Macd> macds = new LinkedHashMap<>();
        private final Map<String, Bollinger> bands = new LinkedHashMap<>();
        private final Set<String> names = new LinkedHashSet<>();

        Builder(Columns bars) {
            this.bars = bars;
        }

        void put(String key, double[] v) {
            series.put(key, v);
            names.add(key);
        }

        void putMacd(String key, Macd m) {
            macds.put(key, m);
            names.add(key);
        }

        void putBollinger(String key, Bollinger b) {
            bands.put(key, b);
            names.add(key);
        }

        IndicatorResult build() {
            return new IndicatorResult(this);
        }
    }
}
