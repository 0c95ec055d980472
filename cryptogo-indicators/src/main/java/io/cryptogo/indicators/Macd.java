package io.cryptogo.indicators;

import java.util.Objects;

/**
 * MACD series: the line (fast EMA − slow EMA), its signal EMA and the histogram (line − signal), one value
 * per bar, NaN during warm-up. The arrays are the caller's: the record does not copy them.
 */
public record Macd(double[] line, double[] signal, double[] histogram) {
    public Macd {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(histogram, "histogram");
    }
}
