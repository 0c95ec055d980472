package io.cryptogo.backtest;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.indicators.Bollinger;
import io.cryptogo.indicators.TaMath;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What a {@link Strategy} sees after a bar closed: that bar and the ones before it (never a later one), typed
 * indicator values at this bar (NaN during warm-up), and the portfolio. One instance is reused from bar to
 * bar: read it inside {@link Strategy#onBar}, do not keep it.
 *
 * <pre>{@code
 * double fast = bar.ema(12), slow = bar.ema(26), prevFast = bar.ema(12, 1);
 * boolean flat = !bar.inPosition();
 * }</pre>
 */
public final class Bar {
    private final PriceSeries series;
    private final Map<String, double[]> cache = new HashMap<>();
    // columns by (kind, period): a strategy asks a few of them on every bar, so no key string is built per call
    private static final int EMA = 1;
    private static final int SMA = 2;
    private static final int RSI = 3;
    private static final int ATR = 4;
    private long[] keys = new long[8];
    private double[][] columns = new double[8][];
    private int used;
    private int index;
    private double cash;
    private double position;
    private double equity;

    Bar(PriceSeries series) {
        this.series = series;
    }

    void moveTo(int i, double cash, double position, double equity) {
        this.index = i;
        this.cash = cash;
        this.position = position;
        this.equity = equity;
    }

    /** Index of this bar in the run, from 0. */
    public int index() {
        return index;
    }

    public Symbol symbol() {
        return series.symbol();
    }

    public Interval interval() {
        return series.interval();
    }

    /** Open time of this bar. */
    public Instant time() {
        return series.openTime(index);
    }

    /** This closed bar as a candle. */
    public Candle candle() {
        return series.candle(index);
    }

    /** The bar {@code ago} bars back (0 = this one). */
    public Candle candle(int ago) {
        return series.candle(back(ago));
    }

    public double open() {
        return series.opens()[index];
    }

    public double high() {
        return series.highs()[index];
    }

    public double low() {
        return series.lows()[index];
    }

    public double close() {
        return series.closes()[index];
    }

    public double volume() {
        return series.volumes()[index];
    }

    /** The close {@code ago} bars back. */
    public double close(int ago) {
        return series.closes()[back(ago)];
    }

    /** Exponential moving average of closes at this bar. */
    public double ema(int period) {
        return ema(period, 0);
    }

    /** EMA {@code ago} bars back. */
    public double ema(int period, int ago) {
        return column(EMA, period)[back(ago)];
    }

    /** Simple moving average of closes. */
    public double sma(int period) {
        return sma(period, 0);
    }

    public double sma(int period, int ago) {
        return column(SMA, period)[back(ago)];
    }

    /** Relative strength index (Wilder). */
    public double rsi(int period) {
        return rsi(period, 0);
    }

    public double rsi(int period, int ago) {
        return column(RSI, period)[back(ago)];
    }

    /** Average true range. */
    public double atr(int period) {
        return column(ATR, period)[index];
    }

    /** Bollinger bands (SMA ± k population standard deviations) at this bar. */
    public Band bollinger(int period, double k) {
        String key = "bb" + period + "/" + k;
        double[] up = cache.get(key + "u");
        if (up == null) {
            Bollinger b = TaMath.bollinger(series.closes(), period, k);
            cache.put(key + "u", b.upper());
            cache.put(key + "m", b.middle());
            cache.put(key + "l", b.lower());
            up = b.upper();
        }
        return new Band(up[index], cache.get(key + "m")[index], cache.get(key + "l")[index]);
    }

    /** Free quote asset (e.g. USDT). */
    public double cash() {
        return cash;
    }

    /** Base asset held (e.g. BTC). */
    public double position() {
        return position;
    }

    /** Cash plus the position at this bar's close. */
    public double equity() {
        return equity;
    }

    public boolean inPosition() {
        return position > 0;
    }

    /** Three band values at one bar. */
    public record Band(double upper, double middle, double lower) {}

    private int back(int ago) {
        if (ago < 0) {
            throw new InvalidRequestException("ago", "a strategy sees closed bars only: ago must be >= 0, got " + ago);
        }
        int i = index - ago;
        if (i < 0) {
            throw new InvalidRequestException("ago", "bar " + ago + " back is before the first bar");
        }
        return i;
    }

    private double[] column(int kind, int period) {
        long key = ((long) kind << 32) | (period & 0xFFFF_FFFFL);
        for (int k = 0; k < used; k++) {
            if (keys[k] == key) {
                return columns[k];
            }
        }
        double[] c = switch (kind) {
            case EMA -> TaMath.ema(series.closes(), period);
            case SMA -> TaMath.sma(series.closes(), period);
            case RSI -> TaMath.rsi(series.closes(), period);
            default -> TaMath.atr(series.highs(), series.lows(), series.closes(), period);
        };
        if (used == keys.length) {
            keys = java.util.Arrays.copyOf(keys, used * 2);
            columns = java.util.Arrays.copyOf(columns, used * 2);
        }
        keys[used] = key;
        columns[used++] = c;
        return c;
    }
}
