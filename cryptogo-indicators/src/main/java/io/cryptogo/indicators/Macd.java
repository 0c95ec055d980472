package io.cryptogo.indicators;

import java.util.Arrays;
import java.util.Objects;

/**
 * MACD series: the line (fast EMA − slow EMA), its signal EMA and the histogram (line − signal), one value
 * per bar, NaN during warm-up. An immutable value: the constructor copies the arrays, every accessor returns
 * a fresh copy, and two results are equal, and print, by their values.
 *
 * <pre>{@code
 * Macd m = Indicators.on(candles).macd(12, 26, 9).compute().macd(12, 26, 9);
 * double lastHistogram = IndicatorResult.last(m.histogram());
 * }</pre>
 */
public final class Macd {
    private final double[] line;
    private final double[] signal;
    private final double[] histogram;

    /** Copies the three series, which must have one value per bar each. */
    public Macd(double[] line, double[] signal, double[] histogram) {
        this(line.clone(), signal.clone(), histogram.clone(), true);
    }

    /** Takes the arrays without copying: only for arrays nobody else holds (the calculations here). */
    private Macd(double[] line, double[] signal, double[] histogram, boolean owned) {
        this.line = Objects.requireNonNull(line, "line");
        this.signal = Objects.requireNonNull(signal, "signal");
        this.histogram = Objects.requireNonNull(histogram, "histogram");
        if (signal.length != line.length || histogram.length != line.length) {
            throw new IllegalArgumentException("line, signal and histogram need one value per bar each, got "
                    + line.length + ", " + signal.length + " and " + histogram.length);
        }
    }

    /** Wraps freshly computed arrays without a copy. */
    static Macd owning(double[] line, double[] signal, double[] histogram) {
        return new Macd(line, signal, histogram, true);
    }

    /** The MACD line, oldest first (a copy). */
    public double[] line() {
        return line.clone();
    }

    /** The signal line, oldest first (a copy). */
    public double[] signal() {
        return signal.clone();
    }

    /** The histogram, oldest first (a copy). */
    public double[] histogram() {
        return histogram.clone();
    }

    /** Number of bars. */
    public int size() {
        return line.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Macd m
                && Arrays.equals(line, m.line)
                && Arrays.equals(signal, m.signal)
                && Arrays.equals(histogram, m.histogram);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(line), Arrays.hashCode(signal), Arrays.hashCode(histogram));
    }

    @Override
    public String toString() {
        return "Macd[line=" + Arrays.toString(line) + ", signal=" + Arrays.toString(signal) + ", histogram="
                + Arrays.toString(histogram) + "]";
    }
}
