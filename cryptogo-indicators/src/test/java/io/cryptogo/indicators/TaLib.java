package io.cryptogo.indicators;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import java.util.Arrays;

/** The TA-Lib Java port as a reference, with outputs re-aligned to the input (NaN before its first value). */
final class TaLib {
    private static final Core CORE = new Core();

    private TaLib() {}

    private static double[] align(int n, MInteger beg, MInteger count, double[] out) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        System.arraycopy(out, 0, a, beg.value, count.value);
        return a;
    }

    private static void ok(RetCode rc) {
        if (rc != RetCode.Success) {
            throw new IllegalStateException("TA-Lib: " + rc);
        }
    }

    static double[] ema(double[] x, int n) {
        MInteger b = new MInteger(), c = new MInteger();
        double[] out = new double[x.length];
        ok(CORE.ema(0, x.length - 1, x, n, b, c, out));
        return align(x.length, b, c, out);
    }

    static double[] sma(double[] x, int n) {
        MInteger b = new MInteger(), c = new MInteger();
        double[] out = new double[x.length];
        ok(CORE.sma(0, x.length - 1, x, n, b, c, out));
        return align(x.length, b, c, out);
    }

    static double[] rsi(double[] x, int n) {
        MInteger b = new MInteger(), c = new MInteger();
        double[] out = new double[x.length];
        ok(CORE.rsi(0, x.length - 1, x, n, b, c, out));
        return align(x.length, b, c, out);
    }

    static double[] atr(double[] h, double[] l, double[] cl, int n) {
        MInteger b = new MInteger(), c = new MInteger();
        double[] out = new double[cl.length];
        ok(CORE.atr(0, cl.length - 1, h, l, cl, n, b, c, out));
        return align(cl.length, b, c, out);
    }

    static double[][] macd(double[] x, int fast, int slow, int signal) {
        MInteger b = new MInteger(), c = new MInteger();
        double[] m = new double[x.length], s = new double[x.length], h = new double[x.length];
        ok(CORE.macd(0, x.length - 1, x, fast, slow, signal, b, c, m, s, h));
        return new double[][] {align(x.length, b, c, m), align(x.length, b, c, s), align(x.length, b, c, h)};
    }

    static double[][] bbands(double[] x, int n, double k) {
        MInteger b = new MInteger(), c = new MInteger();
        double[] u = new double[x.length], m = new double[x.length], l = new double[x.length];
        ok(CORE.bbands(0, x.length - 1, x, n, k, k, MAType.Sma, b, c, u, m, l));
        return new double[][] {align(x.length, b, c, u), align(x.length, b, c, m), align(x.length, b, c, l)};
    }
}
