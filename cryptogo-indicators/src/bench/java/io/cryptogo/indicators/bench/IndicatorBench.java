package io.cryptogo.indicators.bench;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import io.cryptogo.indicators.Macd;
import io.cryptogo.indicators.TaMath;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * EMA(20), RSI(14), MACD(12, 26, 9) and ATR(14) over 1,000,000 bars: ours ({@link TaMath}) against the TA-Lib
 * Java port, side by side in one run. Scores are nanoseconds per bar (per output value).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IndicatorBench {
    static final int BARS = 1_000_000;

    double[] high;
    double[] low;
    double[] close;
    final Core core = new Core();

    @Setup
    public void data() {
        SplittableRandom r = new SplittableRandom(1);
        high = new double[BARS];
        low = new double[BARS];
        close = new double[BARS];
        double c = 50_000;
        for (int i = 0; i < BARS; i++) {
            double o = c;
            c = o * Math.exp(r.nextGaussian() * 0.003);
            high[i] = Math.max(o, c) * (1 + r.nextDouble() * 0.001);
            low[i] = Math.min(o, c) * (1 - r.nextDouble() * 0.001);
            close[i] = c;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public double[] emaOurs() {
        return TaMath.ema(close, 20);
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public double[] emaTaLib() {
        double[] out = new double[BARS];
        core.ema(0, BARS - 1, close, 20, new MInteger(), new MInteger(), out);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public double[] rsiOurs() {
        return TaMath.rsi(close, 14);
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public double[] rsiTaLib() {
        double[] out = new double[BARS];
        core.rsi(0, BARS - 1, close, 14, new MInteger(), new MInteger(), out);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public Macd macdOurs() {
        return TaMath.macd(close, 12, 26, 9);
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public double[] macdTaLib() {
        double[] m = new double[BARS];
        double[] s = new double[BARS];
        double[] h = new double[BARS];
        core.macd(0, BARS - 1, close, 12, 26, 9, new MInteger(), new MInteger(), m, s, h);
        return h;
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public double[] atrOurs() {
        return TaMath.atr(high, low, close, 14);
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public double[] atrTaLib() {
        double[] out = new double[BARS];
        core.atr(0, BARS - 1, high, low, close, 14, new MInteger(), new MInteger(), out);
        return out;
    }
}
