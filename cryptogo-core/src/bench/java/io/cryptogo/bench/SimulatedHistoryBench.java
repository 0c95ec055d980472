package io.cryptogo.bench;

import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Simulated history generation, in bars per second (one JMH op = one bar). Cold: every call asks for days
 * never generated before (the 1m path, per-second bridges, volumes, then aggregation and Candle records);
 * cached: the same 1000 bars again from a warmed market (only the Candle records are built).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimulatedHistoryBench {
    private static final Symbol BTC = Symbol.parse("BTC/USDT");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private SimulatedMarket cold;
    private SimulatedMarket warm;
    private long nextDayBack;
    private long nextHourBlockBack;

    @Setup(Level.Iteration)
    public void setUp() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cold = SimulatedMarket.builder().clock(clock).build();
        warm = SimulatedMarket.builder().clock(clock).build();
        warm.klines(BTC, Interval.M1, 1000);
        warm.klines(BTC, Interval.H1, 1000);
        nextDayBack = 1;
        nextHourBlockBack = 1;
    }

    /** One new UTC day of 1m candles (1440 bars). */
    @Benchmark
    @OperationsPerInvocation(1440)
    public List<Candle> cold1m() {
        Instant day = NOW.truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(nextDayBack++));
        return cold.klines(new KlineQuery(BTC, Interval.M1, Optional.of(day), Optional.empty(), 1440));
    }

    /** 1000 new 1h candles (about 42 days generated at 1m, then aggregated). */
    @Benchmark
    @OperationsPerInvocation(1000)
    public List<Candle> cold1h() {
        Instant end = NOW.minus(Duration.ofHours(1000 * nextHourBlockBack++));
        return cold.klines(new KlineQuery(BTC, Interval.H1, Optional.empty(), Optional.of(end), 1000));
    }

    /** The latest 1000 1m candles, already generated. */
    @Benchmark
    @OperationsPerInvocation(1000)
    public List<Candle> cached1m() {
        return warm.klines(BTC, Interval.M1, 1000);
    }

    /** The latest 1000 1h candles, already generated. */
    @Benchmark
    @OperationsPerInvocation(1000)
    public List<Candle> cached1h() {
        return warm.klines(BTC, Interval.H1, 1000);
    }
}
