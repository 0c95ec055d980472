package io.cryptogo.indicators;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bollinger bands, one value per bar, NaN during warm-up. An immutable value: the constructor copies the
 * arrays, every accessor returns a fresh copy, and two results are equal, and print, by their values.
 *
 * <pre>{@code
 * Bollinger b = Indicators.on(candles).bollinger(20, 2).compute().bollinger(20, 2);
 * double width = IndicatorResult.last(b.upper()) - IndicatorResult.last(b.lower());
 * }</pre>
 */
public final class Bollinger {
    private final double[] upper;
    private final double[] middle;
    private final double[] lower;

    /** Copies the three bands, which must have one value per bar each. */
    public Bollinger(double[] upper, double[] middle, double[] lower) {
        this(upper.clone(), middle.clone(), lower.clone(), true);
    }

    /** Takes the arrays without copying: only for arrays nobody else holds (the calculations here). */
    private Bollinger(double[] upper, double[] middle, double[] lower, boolean owned) {
        this.upper = Objects.requireNonNull(upper, "upper");
        this.middle = Objects.requireNonNull(middle, "middle");
        this.lower = Objects.requireNonNull(lower, "lower");
        if (middle.length != upper.length || lower.length != upper.length) {
            throw new IllegalArgumentException("upper, middle and lower need one value per bar each, got "
                    + upper.length + ", " + middle.length + " and " + lower.length);
        }
    }

    /** Wraps freshly computed arrays without a copy. */
    static Bollinger owning(double[] upper, double[] middle, double[] lower) {
        return new Bollinger(upper, middle, lower, true);
    }

    /** The upper band, oldest first (a copy). */
    public double[] upper() {
        return upper.clone();
    }

    /** The middle band (the SMA), oldest first (a copy). */
    public double[] middle() {
        return middle.clone();
    }

    /** The lower band, oldest first (a copy). */
    public double[] lower() {
        return lower.clone();
    }

    /** Number of bars. */
    public int size() {
        return upper.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bollinger b
                && Arrays.equals(upper, b.upper)
                && Arrays.equals(middle, b.middle)
                && Arrays.equals(lower, b.lower);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(upper), Arrays.hashCode(middle), Arrays.hashCode(lower));
    }

    @Override
    public String toString() {
        return "Bollinger[upper=" + Arrays.toString(upper) + ", middle=" + Arrays.toString(middle) + ", lower="
                + Arrays.toString(lower) + "]";
    }
}
