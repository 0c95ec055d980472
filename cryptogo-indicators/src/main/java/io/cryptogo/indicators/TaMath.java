package io.cryptogo.indicators;

import io.cryptogo.error.InvalidRequestException;
import java.util.Arrays;

/**
 * The indicator formulas over plain {@code double[]} columns, with TA-Lib's conventions so that values
 * agree with TA-Lib from its first output on (not only after the seed has faded):
 *
 * <ul>
 *   <li>EMA: {@code α = 2 / (n + 1)}, seeded with the SMA of the first {@code n} values (first value at
 *       index {@code n - 1});
 *   <li>RSI: Wilder smoothing ({@code α = 1 / n}) of gains and losses, seeded with their simple means over
 *       the first {@code n} changes (first value at index {@code n}); 0 when prices did not move;
 *   <li>ATR: Wilder smoothing of the true range, seeded with the SMA of the first {@code n} true ranges
 *       (the first true range needs a previous close, so the first ATR is at index {@code n});
 *   <li>MACD: fast and slow EMAs both seeded at index {@code slow - 1} (the fast one with the SMA of the
 *       {@code fast} values ending there, as TA-Lib does); the signal is an EMA of the line; the line is
 *       given from index {@code slow - 1}, signal and histogram from {@code slow + signal - 2}.
 * </ul>
 *
 * Every result has the input's length, with {@link Double#NaN} where the indicator is still warming up.
 * A value at index {@code i} depends only on inputs {@code 0..i}: no look-ahead.
 *
 * <pre>{@code
 * double[] ema20 = TaMath.ema(closes, 20);
 * }</pre>
 */
public final class TaMath {
    private TaMath() {}

    /** Simple moving average; first value at {@code firstValid + n - 1}. */
    public static double[] sma(double[] x, int n) {
        requirePeriod("period", n);
        double[] out = nanArray(x.length);
        int start = firstValid(x);
        if (start < 0 || x.length - start < n) {
            return out;
        }
        double sum = 0;
        for (int i = start; i < start + n; i++) {
            sum += x[i];
        }
        out[start + n - 1] = sum / n;
        for (int i = start + n; i < x.length; i++) {
            sum += x[i] - x[i - n];
            out[i] = sum / n;
        }
        return out;
    }

    /** Exponential moving average, {@code α = 2 / (n + 1)}, seeded with the SMA of the first n values. */
    public static double[] ema(double[] x, int n) {
        requirePeriod("period", n);
        int start = firstValid(x);
        if (start < 0) {
            return nanArray(x.length);
        }
        return emaSeededAt(x, n, start + n - 1, 2.0 / (n + 1));
    }

    /**
     * EMA whose seed is the SMA of the {@code n} values ending at {@code seedIndex}; NaN before it.
     */
    static double[] emaSeededAt(double[] x, int n, int seedIndex, double k) {
        if (seedIndex >= x.length || seedIndex - n + 1 < 0) {
            return nanArray(x.length);
        }
        double[] out = warmUp(x.length, seedIndex);
        double sum = 0;
        for (int i = seedIndex - n + 1; i <= seedIndex; i++) {
            sum += x[i];
        }
        double prev = sum / n;
        out[seedIndex] = prev;
        for (int i = seedIndex + 1; i < x.length; i++) {
            prev = (x[i] - prev) * k + prev;
            out[i] = prev;
        }
        return out;
    }

    /** Relative strength index with Wilder smoothing; first value at index {@code n}. */
    public static double[] rsi(double[] close, int n) {
        requirePeriod("period", n);
        if (close.length <= n) {
            return nanArray(close.length);
        }
        double[] out = warmUp(close.length, n);
        double gain = 0;
        double loss = 0;
        for (int i = 1; i <= n; i++) {
            double d = close[i] - close[i - 1];
            if (d < 0) {
                loss -= d;
            } else {
                gain += d;
            }
        }
        gain /= n;
        loss /= n;
        out[n] = rsiValue(gain, loss);
        for (int i = n + 1; i < close.length; i++) {
            double d = close[i] - close[i - 1];
            gain *= n - 1;
            loss *= n - 1;
            if (d < 0) {
                loss -= d;
            } else {
                gain += d;
            }
            gain /= n;
            loss /= n;
            out[i] = rsiValue(gain, loss);
        }
        return out;
    }

    private static double rsiValue(double gain, double loss) {
        double total = gain + loss;
        return total == 0 ? 0.0 : 100.0 * (gain / total);
    }

    /** True range; first value at index 1 (it needs the previous close). */
    public static double[] trueRange(double[] high, double[] low, double[] close) {
        requireSameLength(high, low, close);
        double[] out = nanArray(close.length);
        for (int i = 1; i < close.length; i++) {
            out[i] = trueRange(high[i], low[i], close[i - 1]);
        }
        return out;
    }

    static double trueRange(double high, double low, double prevClose) {
        double r = high - low;
        double a = Math.abs(high - prevClose);
        double b = Math.abs(low - prevClose);
        return Math.max(r, Math.max(a, b));
    }

    /** Average true range with Wilder smoothing; first value at index {@code n}. */
    public static double[] atr(double[] high, double[] low, double[] close, int n) {
        requirePeriod("period", n);
        requireSameLength(high, low, close);
        if (close.length <= n) {
            return nanArray(close.length);
        }
        double[] out = warmUp(close.length, n);
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += trueRange(high[i], low[i], close[i - 1]);
        }
        double prev = sum / n;
        out[n] = prev;
        for (int i = n + 1; i < close.length; i++) {
            prev = (prev * (n - 1) + trueRange(high[i], low[i], close[i - 1])) / n;
            out[i] = prev;
        }
        return out;
    }

    /**
     * MACD line, signal and histogram. {@code fast} and {@code slow} are swapped when given the wrong way
     * round, as TA-Lib does.
     */
    public static Macd macd(double[] x, int fast, int slow, int signal) {
        requirePeriod("fast", fast);
        requirePeriod("slow", slow);
        requirePeriod("signal", signal);
        if (slow < fast) {
            int t = slow;
            slow = fast;
            fast = t;
        }
        int len = x.length;
        int start = firstValid(x);
        int seed = (start < 0 ? len : start) + slow - 1;
        int signalSeed = seed + signal - 1;
        double[] line = warmUp(len, seed);
        double[] sig = warmUp(len, signalSeed);
        double[] hist = warmUp(len, signalSeed);
        if (seed >= len) {
            return Macd.owning(line, sig, hist);
        }
        // one pass for both EMAs (the same operations as ema(), without the intermediate arrays)
        double kf = 2.0 / (fast + 1);
        double ks = 2.0 / (slow + 1);
        double f = mean(x, seed - fast + 1, seed);
        double sl = mean(x, seed - slow + 1, seed);
        line[seed] = f - sl;
        for (int i = seed + 1; i < len; i++) {
            f = (x[i] - f) * kf + f;
            sl = (x[i] - sl) * ks + sl;
            line[i] = f - sl;
        }
        if (signalSeed >= len) {
            return Macd.owning(line, sig, hist);
        }
        double k = 2.0 / (signal + 1);
        double p = mean(line, seed, signalSeed);
        sig[signalSeed] = p;
        hist[signalSeed] = line[signalSeed] - p;
        for (int i = signalSeed + 1; i < len; i++) {
            p = (line[i] - p) * k + p;
            sig[i] = p;
            hist[i] = line[i] - p;
        }
        return Macd.owning(line, sig, hist);
    }

    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i <= to; i++) {
            sum += x[i];
        }
        return sum / (to - from + 1);
    }

    /** An array whose first {@code firstValue} entries (the warm-up) are NaN. */
    private static double[] warmUp(int n, int firstValue) {
        double[] a = new double[n];
        Arrays.fill(a, 0, Math.max(0, Math.min(n, firstValue)), Double.NaN);
        return a;
    }

    /**
     * Bollinger bands: SMA ± {@code k} population standard deviations over {@code n} values (TA-Lib's
     * BBANDS with SMA).
     */
    public static Bollinger bollinger(double[] x, int n, double k) {
        requirePeriod("period", n);
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new InvalidRequestException("k", "the band width k must be a positive number, got " + k);
        }
        double[] mid = sma(x, n);
        double[] upper = nanArray(x.length);
        double[] lower = nanArray(x.length);
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(mid[i])) {
                continue;
            }
            double m = mid[i];
            double ss = 0;
            for (int j = i - n + 1; j <= i; j++) {
                double d = x[j] - m;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / n);
            upper[i] = m + k * sd;
            lower[i] = m - k * sd;
        }
        return Bollinger.owning(upper, mid, lower);
    }

    static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static int firstValid(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i])) {
                return i;
            }
        }
        return -1;
    }

    static void requirePeriod(String field, int n) {
        if (n < 1 || n > 100_000) {
            throw new InvalidRequestException(field, field + " must be between 1 and 100000, got " + n);
        }
    }

    private static void requireSameLength(double[] a, double[] b, double[] c) {
        if (a.length != b.length || b.length != c.length) {
            throw new InvalidRequestException(
                    "bars",
                    "high, low and close must have the same length: " + a.length + ", " + b.length + ", " + c.length);
        }
    }
}
