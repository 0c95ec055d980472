package io.cryptogo.collect;

import io.cryptogo.InvalidRequestException;
import io.cryptogo.market.CandleListener;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A deterministic exchange for tests and benchmarks: every bucket of every interval has one candle whose
 * prices are a function of its open time; the bucket containing the clock's now is open. Holes, hooks
 * before each REST call and pushed stream candles script the faults.
 */
public final class FakeMarket implements MarketDataSource {
    public static final Symbol BTC = Symbol.parse("BTC/USDT");

    private final Clock clock;
    private final Set<Long> holes = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile IntConsumer beforeKlines = n -> {};
    private volatile long listedAt = Long.MIN_VALUE;

    private record Listener(Symbol symbol, Interval interval, CandleListener listener, boolean[] open) {}

    public FakeMarket(Clock clock) {
        this.clock = clock;
    }

    /** The candle this market serves for a bucket (closed unless it is the current one). */
    public static Candle candle(Symbol symbol, Interval interval, long openTime, boolean closed) {
        long i = Math.floorDiv(openTime, interval.millis());
        long cents = 3_000_000 + Math.floorMod(i * 7919, 200_000);
        BigDecimal open = BigDecimal.valueOf(cents, 2);
        BigDecimal close = BigDecimal.valueOf(cents + Math.floorMod(i * 31, 2001) - 1000, 2);
        BigDecimal high = open.max(close).add(BigDecimal.valueOf(Math.floorMod(i, 500), 2));
        BigDecimal low = open.min(close).subtract(BigDecimal.valueOf(Math.floorMod(i * 3, 500), 2));
        BigDecimal volume = BigDecimal.valueOf(1000 + Math.floorMod(i * 13, 90_000), 4);
        return Candle.of(
                symbol,
                interval,
                Instant.ofEpochMilli(openTime),
                open,
                high,
                low,
                close,
                volume,
                volume.multiply(close).setScale(6, java.math.RoundingMode.HALF_UP),
                Math.floorMod(i, 977),
                closed);
    }

    /** Candles for {@code n} consecutive buckets from {@code start}, all closed. */
    public static List<Candle> series(Symbol symbol, Interval interval, long start, int n) {
        List<Candle> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(candle(symbol, interval, start + k * interval.millis(), true));
        }
        return out;
    }

    /** The exchange has no candle for this bucket. */
    public FakeMarket hole(long openTime) {
        holes.add(openTime);
        return this;
    }

    /** No candles before this time. */
    public FakeMarket listedAt(long t) {
        listedAt = t;
        return this;
    }

    /** Runs before each {@code klines} call with the call's number (1, 2, …); may throw or block. */
    public FakeMarket beforeKlines(IntConsumer hook) {
        beforeKlines = hook;
        return this;
    }

    public int klinesCalls() {
        return calls.get();
    }

    /** Delivers a candle to the open streams of its series. */
    public void emit(Candle c) {
        for (Listener l : listeners) {
            if (l.open[0] && l.symbol.equals(c.symbol()) && l.interval == c.interval()) {
                l.listener.onCandle(c);
            }
        }
    }

    public int openStreams() {
        return (int) listeners.stream().filter(l -> l.open[0]).count();
    }

    @Override
    public List<Candle> klines(KlineQuery q) {
        beforeKlines.accept(calls.incrementAndGet());
        Interval iv = q.interval();
        long step = iv.millis();
        long current = iv.alignMillis(clock.millis());
        long first = listedAt == Long.MIN_VALUE ? Long.MIN_VALUE : -Math.floorDiv(-listedAt, step) * step;
        List<Candle> out = new ArrayList<>();
        if (q.start().isPresent()) {
            long s = q.start().get().toEpochMilli();
            long lo = Math.max(first, -Math.floorDiv(-s, step) * step);
            long hi = Math.min(
                    current, q.end().map(e -> iv.alignMillis(e.toEpochMilli())).orElse(current));
            for (long t = lo; t <= hi && out.size() < q.limit(); t += step) {
                if (!holes.contains(t)) {
                    out.add(candle(q.symbol(), iv, t, t < current));
                }
            }
        } else {
            long hi = Math.min(
                    current, q.end().map(e -> iv.alignMillis(e.toEpochMilli())).orElse(current));
            for (long t = hi; t >= first && out.size() < q.limit(); t -= step) {
                if (!holes.contains(t)) {
                    out.add(candle(q.symbol(), iv, t, t < current));
                }
            }
            java.util.Collections.reverse(out);
        }
        return out;
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        Candle c = candle(symbol, Interval.M1, Interval.M1.alignMillis(clock.millis()), false);
        return new Ticker(symbol, c.close(), c.close(), c.close(), clock.instant());
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        throw new InvalidRequestException("symbol", "the fake market has no 24h statistics");
    }

    @Override
    public List<SymbolInfo> symbols() {
        return List.of(new SymbolInfo(
                BTC,
                "TRADING",
                new BigDecimal("0.01"),
                new BigDecimal("0.00001"),
                new BigDecimal("0.00001"),
                new BigDecimal("5")));
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        boolean[] open = {true};
        listeners.add(new Listener(symbol, interval, listener, open));
        return new StreamHandle() {
            @Override
            public void close() {
                open[0] = false;
            }

            @Override
            public boolean isOpen() {
                return open[0];
            }
        };
    }

    @Override
    public SourceInfo source() {
        return new SourceInfo(SourceInfo.Kind.SIMULATED, "fake market for tests");
    }
}
