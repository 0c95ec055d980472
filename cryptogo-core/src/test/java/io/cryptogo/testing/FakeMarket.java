package io.cryptogo.testing;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.CandleListener;
import io.cryptogo.market.DerivativesData;
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
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The one deterministic {@link MarketDataSource} for tests and benchmarks of every module (in the core
 * test-jar).
 *
 * <ul>
 *   <li><b>Candles</b>: every bucket of every interval has one candle computed by a {@link CandleFormula} from
 *       its open time (default {@link #candle(Symbol, Interval, long, boolean)}); the bucket containing the
 *       clock's now is open, later ones do not exist. {@link #hole}, {@link #listedAt} and {@link #history}
 *       remove candles; {@link #serve} replaces the formula of one interval by a fixed list.
 *   <li><b>Symbols</b>: {@link #BTC} and {@link #ETH}; any other symbol is an {@link InvalidRequestException}.
 *   <li><b>Ticker</b>: the price set with {@link #set} (bid/ask {@link #halfSpread} apart, stamped when set),
 *       else the close of the current 1m candle, stamped with the clock's now. 24h statistics come from the
 *       last 24 hourly candles.
 *   <li><b>Streams</b>: the test drives them by hand with {@link #emit}, {@link #emitError} and {@link #push}.
 *   <li><b>Faults and probes</b>: {@link #failWith} (every call throws), {@link #beforeKlines} (a hook before
 *       each klines call), {@link #queries()}, {@link #klinesCalls()}, {@link #streamsOpen()}, {@link
 *       #streamsOpened()}.
 * </ul>
 *
 * <pre>{@code
 * FakeMarket market = new FakeMarket(Instant.parse("2025-03-01T10:00:00Z")).halfSpread("0.01");
 * List<Candle> last = market.klines(FakeMarket.BTC, Interval.H1, 100); // 99 closed + the open one
 * market.push(FakeMarket.BTC, "50000");                                 // new price, fed to streams
 * }</pre>
 *
 * Modules with their own price path subclass it and pass their {@link CandleFormula}.
 */
public class FakeMarket implements MarketDataSource {
    public static final Symbol BTC = Symbol.parse("BTC/USDT");
    public static final Symbol ETH = Symbol.parse("ETH/USDT");

    /** The candle a fake market serves for one bucket. */
    @FunctionalInterface
    public interface CandleFormula {
        Candle candle(Symbol symbol, Interval interval, Instant openTime, boolean closed);
    }

    private static final List<SymbolInfo> SYMBOLS = List.of(
            new SymbolInfo(
                    BTC,
                    "TRADING",
                    new BigDecimal("0.01"),
                    new BigDecimal("0.00001"),
                    new BigDecimal("0.00001"),
                    new BigDecimal("5")),
            new SymbolInfo(
                    ETH,
                    "TRADING",
                    new BigDecimal("0.01"),
                    new BigDecimal("0.0001"),
                    new BigDecimal("0.0001"),
                    new BigDecimal("5")));

    private final Clock clock;
    private final CandleFormula formula;
    private final Set<Long> holes = ConcurrentHashMap.newKeySet();
    private final Map<Interval, List<Candle>> served = new ConcurrentHashMap<>();
    private final Map<Symbol, Ticker> prices = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<KlineQuery> queries = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private volatile IntConsumer beforeKlines = n -> {};
    private volatile long listedAt = Long.MIN_VALUE;
    private volatile int history = Integer.MAX_VALUE;
    private volatile BigDecimal halfSpread = BigDecimal.ZERO;
    private volatile Optional<DerivativesData> derivatives = Optional.empty();
    private volatile CryptoGoException fault;

    private record Listener(Symbol symbol, Interval interval, CandleListener listener) {}

    /** A market on {@code clock} with the default candle formula. */
    public FakeMarket(Clock clock) {
        this(clock, (s, i, open, closed) -> candle(s, i, open.toEpochMilli(), closed));
    }

    /** A market frozen at {@code now} with the default candle formula. */
    public FakeMarket(Instant now) {
        this(Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A market on {@code clock} whose candles come from {@code formula}. */
    public FakeMarket(Clock clock, CandleFormula formula) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.formula = Objects.requireNonNull(formula, "formula");
    }

    /** The default formula: the candle of a bucket, prices around 30,000 as a function of its open time. */
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
                volume.multiply(close).setScale(6, RoundingMode.HALF_UP),
                Math.floorMod(i, 977),
                closed);
    }

    /** Default-formula candles for {@code n} consecutive buckets from {@code start}, all closed. */
    public static List<Candle> series(Symbol symbol, Interval interval, long start, int n) {
        List<Candle> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(candle(symbol, interval, start + k * interval.millis(), true));
        }
        return out;
    }

    // ---- options ----

    /** The exchange has no candle for the bucket opening at {@code openTime} (epoch millis). */
    public FakeMarket hole(long openTime) {
        holes.add(openTime);
        return this;
    }

    /** No candles before this time (epoch millis). */
    public FakeMarket listedAt(long t) {
        listedAt = t;
        return this;
    }

    /** At most {@code buckets} closed candles before the current (open) one, per interval. */
    public FakeMarket history(int buckets) {
        if (buckets < 0) {
            throw new IllegalArgumentException("history must be >= 0, got " + buckets);
        }
        history = buckets;
        return this;
    }

    /** Serves this fixed list for {@code interval} (the last {@code limit} candles, whatever the range asked). */
    public FakeMarket serve(Interval interval, List<Candle> candles) {
        served.put(interval, List.copyOf(candles));
        return this;
    }

    /** The fixed list given to {@link #serve} for {@code interval}. */
    public List<Candle> served(Interval interval) {
        return served.get(interval);
    }

    /** What {@link #derivatives()} returns (default empty). */
    public FakeMarket derivatives(Optional<DerivativesData> d) {
        derivatives = Objects.requireNonNull(d, "derivatives");
        return this;
    }

    /** Bid and ask this far below and above the last price (applies to prices set from now on). */
    public FakeMarket halfSpread(String s) {
        halfSpread = new BigDecimal(s);
        return this;
    }

    /** Runs before each {@code klines} call with the call's number (1, 2, …); may throw or block. */
    public FakeMarket beforeKlines(IntConsumer hook) {
        beforeKlines = hook;
        return this;
    }

    /** Every call from now on throws {@code e}; null heals the market. */
    public FakeMarket failWith(CryptoGoException e) {
        fault = e;
        return this;
    }

    /** Sets the ticker price of {@code s} without telling streams. */
    public FakeMarket set(Symbol s, String price) {
        BigDecimal p = new BigDecimal(price);
        prices.put(s, new Ticker(s, p, p.subtract(halfSpread), p.add(halfSpread), clock.instant()));
        return this;
    }

    // ---- driving streams ----

    /** Delivers a candle to the open streams of its (symbol, interval). */
    public void emit(Candle c) {
        for (Listener l : listeners) {
            if (l.symbol.equals(c.symbol()) && l.interval == c.interval()) {
                l.listener.onCandle(c);
            }
        }
    }

    /** Reports a stream error to every open stream of (symbol, interval). */
    public void emitError(Symbol s, Interval i, Throwable error, boolean fatal) {
        for (Listener l : listeners) {
            if (l.symbol.equals(s) && l.interval == i) {
                l.listener.onError(error, fatal);
            }
        }
    }

    /**
     * {@link #set Sets} the price and delivers it as an open 1m candle (open = high = low = close) to every open
     * stream of the symbol, whatever its interval.
     */
    public void push(Symbol s, String price) {
        set(s, price);
        BigDecimal p = new BigDecimal(price);
        Candle c =
                Candle.of(s, Interval.M1, Interval.M1.align(clock.instant()), p, p, p, p, BigDecimal.ONE, p, 1, false);
        for (Listener l : listeners) {
            if (l.symbol.equals(s)) {
                l.listener.onCandle(c);
            }
        }
    }

    // ---- probes ----

    /** Number of {@code klines} calls so far. */
    public int klinesCalls() {
        return calls.get();
    }

    /** The kline queries received, in order. */
    public List<KlineQuery> queries() {
        return List.copyOf(queries);
    }

    /** Streams currently open. */
    public int streamsOpen() {
        return listeners.size();
    }

    /** Streams currently open for {@code s}, any interval. */
    public int streamCount(Symbol s) {
        return (int) listeners.stream().filter(l -> l.symbol.equals(s)).count();
    }

    /** Whether a stream of (symbol, interval) is open. */
    public boolean subscribed(Symbol s, Interval i) {
        return listeners.stream().anyMatch(l -> l.symbol.equals(s) && l.interval == i);
    }

    /** Streams opened since the start (closed ones included). */
    public int streamsOpened() {
        return streamsOpened.get();
    }

    /** The clock this market reads. */
    public Clock clock() {
        return clock;
    }

    // ---- MarketDataSource ----

    @Override
    public List<Candle> klines(KlineQuery q) {
        check();
        known(q.symbol());
        queries.add(q);
        beforeKlines.accept(calls.incrementAndGet());
        Interval iv = q.interval();
        List<Candle> fixed = served.get(iv);
        if (fixed != null) {
            return List.copyOf(fixed.subList(Math.max(0, fixed.size() - q.limit()), fixed.size()));
        }
        long step = iv.millis();
        long current = iv.alignMillis(clock.millis());
        long first = listedAt == Long.MIN_VALUE ? Long.MIN_VALUE : -Math.floorDiv(-listedAt, step) * step;
        if (history != Integer.MAX_VALUE) {
            first = Math.max(first, current - history * step);
        }
        long hi = Math.min(
                current, q.end().map(e -> iv.alignMillis(e.toEpochMilli())).orElse(current));
        List<Candle> out = new ArrayList<>();
        if (q.start().isPresent()) {
            long s = q.start().get().toEpochMilli();
            long lo = Math.max(first, -Math.floorDiv(-s, step) * step);
            for (long t = lo; t <= hi && out.size() < q.limit(); t += step) {
                if (!holes.contains(t)) {
                    out.add(formula.candle(q.symbol(), iv, Instant.ofEpochMilli(t), t < current));
                }
            }
        } else {
            for (long t = hi; t >= first && out.size() < q.limit(); t -= step) {
                if (!holes.contains(t)) {
                    out.add(formula.candle(q.symbol(), iv, Instant.ofEpochMilli(t), t < current));
                }
            }
            Collections.reverse(out);
        }
        return out;
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        check();
        known(symbol);
        Ticker set = prices.get(symbol);
        if (set != null) {
            return set;
        }
        Candle c = formula.candle(symbol, Interval.M1, Interval.M1.align(clock.instant()), false);
        return new Ticker(
                symbol, c.close(), c.close().subtract(halfSpread), c.close().add(halfSpread), clock.instant());
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        check();
        known(symbol);
        Instant now = clock.instant();
        List<Candle> day = klines(KlineQuery.latest(symbol, Interval.H1, 24));
        BigDecimal open = day.get(0).open();
        BigDecimal last = day.get(day.size() - 1).close();
        BigDecimal high = day.stream().map(Candle::high).reduce(BigDecimal::max).orElseThrow();
        BigDecimal low = day.stream().map(Candle::low).reduce(BigDecimal::min).orElseThrow();
        BigDecimal vol = day.stream().map(Candle::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal qvol = day.stream().map(Candle::quoteVolume).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal change = last.subtract(open);
        return Stats24h.builder()
                .symbol(symbol)
                .open(open)
                .high(high)
                .low(low)
                .last(last)
                .change(change)
                .changePercent(change.multiply(BigDecimal.valueOf(100)).divide(open, 3, RoundingMode.HALF_UP))
                .volume(vol)
                .quoteVolume(qvol)
                .openTime(now.minusSeconds(86_400))
                .closeTime(now)
                .build();
    }

    @Override
    public List<SymbolInfo> symbols() {
        check();
        return SYMBOLS;
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        check();
        known(symbol);
        streamsOpened.incrementAndGet();
        Listener l = new Listener(symbol, interval, listener);
        listeners.add(l);
        return new StreamHandle() {
            private volatile boolean open = true;

            @Override
            public void close() {
                if (open) {
                    open = false;
                    listeners.remove(l);
                }
            }

            @Override
            public boolean isOpen() {
                return open;
            }
        };
    }

    @Override
    public Optional<DerivativesData> derivatives() {
        return derivatives;
    }

    @Override
    public SourceInfo source() {
        return new SourceInfo(SourceInfo.Kind.SIMULATED, "fake market for tests");
    }

    private void check() {
        CryptoGoException f = fault;
        if (f != null) {
            throw f;
        }
    }

    private static void known(Symbol s) {
        if (!s.equals(BTC) && !s.equals(ETH)) {
            throw new InvalidRequestException("symbol", "unknown symbol " + s);
        }
    }
}
