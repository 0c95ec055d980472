package io.cryptogo.backtest.bench;

import io.cryptogo.backtest.Backtest;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategies;
import io.cryptogo.backtest.Sweep;
import io.cryptogo.model.Interval;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;

/**
 * EMA(12/26) cross on the same 1h candles, fills at the next open, fee 0.1 %: our engine, our signal loop,
 * ta4j BarSeriesManager with DecimalNum and DoubleNum, side by side; then a sweep on 1 and 2 threads, and the
 * full engine over 5.3M synthetic 1m bars (run this one with -Xmx512m to check the heap goal).
 *
 * <pre>
 * mvn -B -o -q -pl cryptogo-backtest -am test-compile exec:exec -Dexec.executable=/bin/sh \
 *     -Dexec.classpathScope=test '-Dexec.args=-c "echo %classpath > /tmp/bt_cp.txt"'
 * cd cryptogo-backtest; java -Xmx1g -cp $(cat /tmp/bt_cp.txt) io.cryptogo.backtest.bench.EmaCrossBench compare   # or sweep; big with -Xmx512m
 * </pre>
 *
 * Figures are CPU time of the running thread (the build machine is shared): the best run of each, the
 * contenders taking turns in rounds after a warm-up round ({@code -Dbench.rounds=5 -Dbench.slice=0.5}).
 */
public final class EmaCrossBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** Results land here, so that no run can be optimised away. */
    static volatile Object sink;

    private EmaCrossBench() {}

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        Path file = EmaCrossComparison.sharedCandles("bamboo-ta_binance_BTC_USDT-1h.json");
        PriceSeries s = Files.exists(file)
                ? EmaCrossComparison.load(file, Interval.H1)
                : PriceSeries.of(synthetic(Interval.H1, 64_000));
        System.out.printf(Locale.ROOT, "data: %s, %d bars%n", Files.exists(file) ? file : "synthetic 1h", s.size());
        if (what.equals("all") || what.equals("compare")) {
            compare(s);
        }
        if (what.equals("all") || what.equals("sweep")) {
            // optional second argument: the number of latest bars (default one year, 8,760)
            sweep(s, args.length > 1 ? Integer.parseInt(args[1]) : 8760);
        }
        if (what.equals("all") || what.equals("big")) {
            big();
        }
    }

    static void compare(PriceSeries s) {
        double[] close = EmaCrossComparison.closes(s);
        int n = s.size();
        var dblSeries = EmaCrossComparison.ta4jSeries(s, DoubleNumFactory.getInstance());
        var decSeries = EmaCrossComparison.ta4jSeries(s, DecimalNumFactory.getInstance());
        double[] best = interleaved(List.of(
                () -> sink = EmaCrossComparison.runOurs(s, 12, 26, 400),
                () -> sink = EmaCrossComparison.signalLoop(close, 12, 26, 400),
                () -> sink = EmaCrossComparison.runTa4j(dblSeries, 12, 26, 400),
                () -> sink = EmaCrossComparison.runTa4j(decSeries, 12, 26, 400)));
        double ours = best[0];
        double signal = best[1];
        double dbl = best[2];
        double dec = best[3];
        BacktestResult r = EmaCrossComparison.runOurs(s, 12, 26, 400);
        boolean same = EmaCrossComparison.rows(r, s)
                        .equals(EmaCrossComparison.rows(EmaCrossComparison.runTa4j(dblSeries, 12, 26, 400)))
                && EmaCrossComparison.rows(r, s)
                        .equals(EmaCrossComparison.rows(EmaCrossComparison.runTa4j(decSeries, 12, 26, 400)));
        System.out.printf(
                Locale.ROOT, "trades: %d, identical to ta4j: %s%n", r.trades().size(), same);
        row("cryptogo full engine", n, ours);
        row("cryptogo signal loop", n, signal);
        row("ta4j 0.19 DoubleNum", n, dbl);
        row("ta4j 0.19 DecimalNum", n, dec);
        System.out.printf(
                Locale.ROOT, "engine vs ta4j DecimalNum: %.1fx, vs ta4j DoubleNum: %.1fx%n", dec / ours, dbl / ours);
    }

    static void sweep(PriceSeries s, int bars) {
        PriceSeries year = s.tail(Math.min(bars, s.size()));
        Backtest base = Backtest.offline()
                .candles(year)
                .symbolInfo(EmaCrossComparison.INFO)
                .risk(EmaCrossComparison.WIDE)
                .fees(0.001)
                .slippageBps(0)
                .initialCash("10000 USDT");
        double[] fast = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
        double[] slow = {20, 24, 28, 32, 36, 40, 44, 48, 52, 56};
        // 1 and 2 threads take turns for 10 rounds; the first 4 only warm up (until the JIT is done, its compiler
        // threads would take the second core from the 2-thread runs); best wall time of each
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        String top = "";
        for (int round = 0; round < 10; round++) {
            for (int threads = 1; threads <= 2; threads++) {
                long t0 = System.nanoTime();
                List<Sweep.Entry> r = Sweep.over(base.copy())
                        .grid("fast", fast)
                        .grid("slow", slow)
                        .strategy(p -> Strategies.emaCross(p.i("fast"), p.i("slow")))
                        .sortBy("sharpe")
                        .threads(threads)
                        .run();
                double sec = (System.nanoTime() - t0) / 1e9;
                top = r.size() + " sets, best " + r.get(0).params();
                if (round > 3) {
                    best[threads - 1] = Math.min(best[threads - 1], sec);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "sweep over %d 1h bars (%s): 1 thread %.2f s wall, 2 threads %.2f s wall: %.2fx%n",
                year.size(),
                top,
                best[0],
                best[1],
                best[0] / best[1]);
    }

    static void big() {
        int n = 5_300_000;
        PriceSeries m1 = syntheticColumns(n);
        long t0 = CPU.getCurrentThreadCpuTime();
        BacktestResult r = Backtest.offline()
                .candles(m1)
                .symbolInfo(EmaCrossComparison.INFO)
                .risk(EmaCrossComparison.WIDE)
                .fees(0.001)
                .slippageBps(0)
                .initialCash("10000 USDT")
                .strategy(Strategies.emaCross(720, 1440))
                .run();
        double sec = (CPU.getCurrentThreadCpuTime() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "5.3M 1m bars, ema-cross(720,1440): %d trades, %.2f s CPU, %.0f bars/s, max heap %d MB, used %d MB%n",
                r.trades().size(),
                sec,
                n / sec,
                rt.maxMemory() >> 20,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    private static void row(String name, int bars, double sec) {
        System.out.printf(Locale.ROOT, "%-24s %10.1f ms CPU %14.0f bars/s%n", name, sec * 1000, bars / sec);
    }

    /**
     * Best CPU time of one run of each task, the tasks taking turns: {@code ROUNDS} rounds in which each task
     * runs for {@code SLICE} seconds of CPU (at least twice); the first round only warms up. Taking turns
     * spreads the load of the shared machine over every task alike, so the ratios hold better than the
     * absolute figures.
     */
    private static double[] interleaved(List<Runnable> tasks) {
        int rounds = Integer.getInteger("bench.rounds", 5);
        double slice = Double.parseDouble(System.getProperty("bench.slice", "0.5"));
        double[] best = new double[tasks.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < tasks.size(); k++) {
                long start = CPU.getCurrentThreadCpuTime();
                for (int runs = 0; runs < 2 || (CPU.getCurrentThreadCpuTime() - start) / 1e9 < slice; runs++) {
                    long t0 = CPU.getCurrentThreadCpuTime();
                    tasks.get(k).run();
                    double sec = (CPU.getCurrentThreadCpuTime() - t0) / 1e9;
                    if (round > 0) {
                        best[k] = Math.min(best[k], sec);
                    }
                }
            }
        }
        return best;
    }

    private static List<io.cryptogo.model.Candle> synthetic(Interval iv, int n) {
        PriceSeries p = syntheticColumns(n);
        return java.util.stream.IntStream.range(0, n).mapToObj(p::candle).toList();
    }

    /** A seeded random walk of 1m bars as columns (no candle objects). */
    static PriceSeries syntheticColumns(int n) {
        Random rnd = new Random(1);
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double p = 30_000;
        long t0 = 1_420_070_400_000L; // 2015-01-01
        for (int i = 0; i < n; i++) {
            double close = Math.max(100, Math.round(p * (1 + rnd.nextGaussian() * 0.001) * 100) / 100.0);
            t[i] = t0 + i * 60_000L;
            o[i] = p;
            c[i] = close;
            h[i] = Math.max(p, close) + 1;
            l[i] = Math.min(p, close) - 1;
            v[i] = 1;
            p = close;
        }
        return PriceSeries.ofColumns(EmaCrossComparison.BTC, Interval.M1, t, o, h, l, c, v);
    }
}
