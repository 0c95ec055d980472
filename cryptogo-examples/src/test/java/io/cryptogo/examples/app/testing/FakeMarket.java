package io.cryptogo.examples.app.testing;

import io.cryptogo.CryptoGoException;
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
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small deterministic market for the app's tests: two symbols, candles from a formula of their open time,
 * streams the test drives by hand ({@link #emit}), counters of upstream subscriptions, and a fault switch
 * ({@link #failWith}) that makes every call throw.
 */
public final class FakeMarket implements MarketDataSource {
    public static final Symbol BTC = Symbol.parse("BTC/USDT");
    public static final Symbol ETH = Symbol.parse("ETH/USDT");

    private final Instant now;
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final Map<String, List<CandleListener>> listeners = new ConcurrentHashMap<>();
    private final List<KlineQuery> queries = new CopyOnWriteArrayList<>();
    private volatile CryptoGoException fault;

    public FakeMarket(Instant now) {
        this.now = now;
    }

    /** A market whose "now" is the current time (for the browser test, whose chart shows real dates). */
    public static FakeMarket live() {
        return new FakeMarket(Instant.now());
    }

    /** Every call from now on throws {@code e}; null heals the market. */
    public FakeMarket failWith(CryptoGoException e) {
        this.fault = e;
        return this;
    }

    public int streamsOpened() {
        return streamsOpened.get();
    }

    /** Streams currently open. */
    public int streamsOpen() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }

    /** The kline queries received, in order. */
    public List<KlineQuery> queries() {
        return List.copyOf(queries);
    }

    /** Pushes {@code c} to every listener of its (symbol, interval). */
    public void emit(Candle c) {
        for (CandleListener l : listeners.getOrDefault(key(c.symbol(), c.interval()), List.of())) {
            l.onCandle(c);
        }
    }

    /** Reports a stream error to every listener of (symbol, interval). */
    public void emitError(Symbol s, Interval i, Throwable error, boolean fatal) {
        for (CandleListener l : listeners.getOrDefault(key(s, i), List.of())) {
            l.onError(error, fatal);
        }
    }

    /** The open candle of (symbol, interval) at "now", with its close moved to {@code price}. */
    public Candle openCandle(Symbol s, Interval i, String price) {
        Instant open = i.align(now);
        BigDecimal p = new BigDecimal(price);
        Candle base = candle(s, i, open, false);
        return Candle.of(
                s,
                i,
                open,
                base.open(),
                base.high().max(p),
                base.low().min(p),
                p,
                base.volume(),
                base.quoteVolume(),
                1,
                false);
    }

    /** The deterministic candle of (symbol, interval) opening at {@code open}. */
    public static Candle candle(Symbol s, Interval i, Instant open, boolean closed) {
        long n = open.toEpochMilli() / i.millis();
        double base = s.equals(ETH) ? 3500 : 97000;
        double o = base * (1 + 0.01 * Math.sin(n / 7.0));
        double c = base * (1 + 0.01 * Math.sin((n + 1) / 7.0));
        double h = Math.max(o, c) * 1.002;
        double l = Math.min(o, c) * 0.998;
        BigDecimal vol = BigDecimal.valueOf(10 + (n % 13)).setScale(5, RoundingMode.UNNECESSARY);
        return Candle.of(
                s,
                i,
                open,
                money(o),
                money(h),
                money(l),
                money(c),
                vol,
                vol.multiply(money(c)).setScale(2, RoundingMode.HALF_UP),
                42,
                closed);
    }

    private static BigDecimal money(double d) {
        return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP);
    }

    private void check() {
        CryptoGoException f = fault;
        if (f != null) {
            throw f;
        }
    }

    private void known(Symbol s) {
        if (!s.equals(BTC) && !s.equals(ETH)) {
            throw new InvalidRequestException("symbol", "unknown symbol " + s);
        }
    }

    @Override
    public List<Candle> klines(KlineQuery q) {
        check();
        known(q.symbol());
        queries.add(q);
        Interval i = q.interval();
        Instant current = i.align(now);
        List<Candle> out = new ArrayList<>();
        if (q.start().isPresent()) {
            Instant t = i.isAligned(q.start().get())
                    ? q.start().get()
                    : i.align(q.start().get()).plus(i.duration());
            Instant last = q.end().map(i::align).orElse(current);
            if (last.isAfter(current)) {
                last = current;
            }
            while (!t.isAfter(last) && out.size() < q.limit()) {
                out.add(candle(q.symbol(), i, t, t.isBefore(current)));
                t = t.plus(i.duration());
            }
            return out;
        }
        Instant last = q.end().map(i::align).orElse(current);
        if (last.isAfter(current)) {
            last = current;
        }
        Instant t = last.minus(i.duration().multipliedBy(q.limit() - 1L));
        for (int k = 0; k < q.limit(); k++) {
            out.add(candle(q.symbol(), i, t, t.isBefore(current)));
            t = t.plus(i.duration());
        }
        return out;
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        check();
        known(symbol);
        Candle c = candle(symbol, Interval.M1, Interval.M1.align(now), false);
        return new Ticker(
                symbol,
                c.close(),
                c.close().subtract(new BigDecimal("0.01")),
                c.close().add(new BigDecimal("0.01")),
                now);
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        check();
        known(symbol);
        List<Candle> day = klines(KlineQuery.latest(symbol, Interval.H1, 24));
        BigDecimal open = day.get(0).open();
        BigDecimal last = day.get(day.size() - 1).close();
        BigDecimal high = day.stream().map(Candle::high).reduce(BigDecimal::max).orElseThrow();
        BigDecimal low = day.stream().map(Candle::low).reduce(BigDecimal::min).orElseThrow();
        BigDecimal vol = day.stream().map(Candle::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal qvol = day.stream().map(Candle::quoteVolume).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal change = last.subtract(open);
        return new Stats24h(
                symbol,
                open,
                high,
                low,
                last,
                change,
                change.multiply(BigDecimal.valueOf(100)).divide(open, 3, RoundingMode.HALF_UP),
                vol,
                qvol,
                now.minusSeconds(86_400),
                now);
    }

    @Override
    public List<SymbolInfo> symbols() {
        check();
        return List.of(
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
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        check();
        known(symbol);
        streamsOpened.incrementAndGet();
        List<CandleListener> list = listeners.computeIfAbsent(key(symbol, interval), k -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return new StreamHandle() {
            private volatile boolean open = true;

            @Override
            public void close() {
                if (open) {
                    open = false;
                    list.remove(listener);
                }
            }

            @Override
            public boolean isOpen() {
                return open;
            }
        };
    }

    @Override
    public SourceInfo source() {
        return new SourceInfo(SourceInfo.Kind.SIMULATED, "fake market for tests");
    }

    private static String key(Symbol s, Interval i) {
        return s + " " + i;
    }

    /** For tests that need an Optional-typed end. */
    public static Optional<Instant> none() {
        return Optional.empty();
    }
}
