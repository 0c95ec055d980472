package io.cryptogo.indicators.bench;

import io.cryptogo.indicators.IncrementalSeries;
import io.cryptogo.indicators.snapshot.DerivativesInfo;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * The snapshot from a warm cache (500 1m + 500 4h candles in memory, {@code fromCandles}, no I/O), its text
 * rendering, and the live series' cost per closed candle and per tick of the open candle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SnapshotBench {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final int UPDATES = 10_000;

    List<Candle> intraday;
    List<Candle> context;
    Instant asOf;
    Optional<DerivativesInfo> derivatives;
    MarketSnapshot snapshot;
    List<Candle> closedStream;
    List<Candle> ticks;

    @Setup
    public void data() {
        Instant end = Instant.parse("2025-03-01T12:00:00Z");
        intraday = walk(Interval.M1, end, 500, 3);
        context = walk(Interval.H4, Interval.H4.align(end), 500, 4);
        asOf = end.plusSeconds(30);
        derivatives = Optional.of(
                DerivativesInfo.of(29869.61, 29844.27, Duration.ofMinutes(5), 30, 1.25e-5, Duration.ofHours(8)));
        snapshot = MarketSnapshot.fromCandles(BTC, intraday, context, derivatives, 10, asOf);
        closedStream = walk(Interval.M1, end.plus(Duration.ofMinutes(UPDATES)), UPDATES, 5);
        Candle last = closedStream.get(0);
        ticks = new ArrayList<>();
        for (int i = 0; i < UPDATES; i++) {
            double p = last.close().doubleValue() * (1 + (i % 7 - 3) * 1e-5);
            ticks.add(candle(Interval.M1, last.openTime(), p, p, p, p, 1 + i * 1e-3, false));
        }
    }

    static List<Candle> walk(Interval interval, Instant lastOpen, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Candle> out = new ArrayList<>(n);
        double c = 60_000;
        for (int i = 0; i < n; i++) {
            double o = c;
            c = o * Math.exp(r.nextGaussian() * 0.003);
            Instant t = lastOpen.minus(interval.duration().multipliedBy(n - 1 - i));
            out.add(candle(
                    interval,
                    t,
                    o,
                    Math.max(o, c) * 1.0005,
                    Math.min(o, c) * 0.9995,
                    c,
                    1 + r.nextDouble() * 50,
                    true));
        }
        return out;
    }

    /** Prices on BTC/USDT's 0.01 tick and volumes on its 0.00001 step, as Binance sends them. */
    static Candle candle(Interval iv, Instant t, double o, double h, double l, double c, double v, boolean closed) {
        return Candle.of(
                BTC,
                iv,
                t,
                round(o, 2),
                round(h, 2),
                round(l, 2),
                round(c, 2),
                round(v, 5),
                round(v * c, 8),
                1,
                closed);
    }

    static BigDecimal round(double x, int scale) {
        return BigDecimal.valueOf(x).setScale(scale, java.math.RoundingMode.HALF_UP);
    }

    /** Everything the AI needs from candles already in memory. */
    @Benchmark
    public MarketSnapshot snapshotFromWarmCache() {
        return MarketSnapshot.fromCandles(BTC, intraday, context, derivatives, 10, asOf);
    }

    @Benchmark
    public String snapshotToChineseText() {
        return snapshot.toText(Locale.SIMPLIFIED_CHINESE);
    }

    @Benchmark
    public String snapshotToJson() {
        return snapshot.toJson();
    }

    /** Appending closed candles to a live series (ta4j bars + double columns), per candle. */
    @Benchmark
    @OperationsPerInvocation(UPDATES)
    public IncrementalSeries appendClosedCandle() {
        IncrementalSeries s = IncrementalSeries.bounded(BTC, Interval.M1, 2_000);
        for (Candle c : closedStream) {
            s.update(c);
        }
        return s;
    }

    /** The same without a bound (no old bar to drop), per candle. */
    @Benchmark
    @OperationsPerInvocation(UPDATES)
    public IncrementalSeries appendClosedCandleUnbounded() {
        IncrementalSeries s = IncrementalSeries.empty(BTC, Interval.M1);
        for (Candle c : closedStream) {
            s.update(c);
        }
        return s;
    }

    /** Replacing the open (last) bar as ticks arrive, per tick. */
    @Benchmark
    @OperationsPerInvocation(UPDATES)
    public IncrementalSeries replaceOpenCandle() {
        IncrementalSeries s = IncrementalSeries.bounded(BTC, Interval.M1, 2_000);
        for (Candle c : ticks) {
            s.update(c);
        }
        return s;
    }
}
