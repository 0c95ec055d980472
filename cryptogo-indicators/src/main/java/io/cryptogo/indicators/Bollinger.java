package io.cryptogo.indicators;

import java.util.Objects;

/**
 * Bollinger bands, one value per bar, NaN during warm-up. The arrays are the caller's: the record does not
 * copy them.
 */
public record Bollinger(double[] upper, double[] middle, double[] lower) {
    public Bollinger {
        Objects.requireNonNull(upper, "upper");
        Objects.requireNonNull(middle, "middle");
        Objects.requireNonNull(lower, "lower");
    }
}
