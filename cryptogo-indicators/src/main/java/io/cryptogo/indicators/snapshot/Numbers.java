package io.cryptogo.indicators.snapshot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Number formatting for the snapshot text: by significant figures, not fixed decimals, so that a
 * DOGE-priced asset keeps its digits. Rule: at least 5 significant figures and at least 3 decimals,
 * trailing zeros dropped; below 1e-4 in magnitude, scientific notation with up to 5 significant figures
 * written like Python ({@code 1.25e-05}). {@code 113505.7224 → 113505.722}, {@code -64.34612 → -64.346},
 * {@code 0.000123456 → 0.00012346}, {@code 0.0000125 → 1.25e-05}, NaN → {@code n/a}.
 *
 * <pre>{@code
 * String s = Numbers.format(0.08231234);   // "0.082312"
 * }</pre>
 */
public final class Numbers {
    private static final int SIGNIFICANT = 5;
    private static final int MIN_DECIMALS = 3;

    private Numbers() {}

    /** One number. */
    public static String format(double x) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a < 1e-4) {
            BigDecimal b = new BigDecimal(x).round(new MathContext(SIGNIFICANT, RoundingMode.HALF_EVEN));
            int exp = b.precision() - b.scale() - 1;
            BigDecimal mantissa = b.movePointLeft(exp).stripTrailingZeros();
            String m = mantissa.scale() <= 0 ? mantissa.setScale(0).toPlainString() : mantissa.toPlainString();
            return m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        int magnitude = (int) Math.floor(Math.log10(a));
        int decimals = Math.max(MIN_DECIMALS, SIGNIFICANT - 1 - magnitude);
        BigDecimal b =
                new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (b.signum() == 0) {
            return "0";
        }
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    /** A list written {@code [a, b, c]}. */
    public static String format(List<Double> values) {
        return values.stream().map(Numbers::format).collect(Collectors.joining(", ", "[", "]"));
    }
}
