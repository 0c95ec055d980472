package io.cryptogo.market.sim;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A realistic, deterministic market that needs no network: BTC/USDT, ETH/USDT, SOL/USDT, BNB/USDT and
 * DOGE/USDT (or symbols of your own) driven by a seeded stochastic process with volatility clustering, fat
 * tails and an intraday volume pattern. Every interval is the exact aggregate of the 1m candles, history
 * reaches as far back as asked (the same seed always gives the same history), and the current candle moves
 * every second with the injected {@link Clock}. It also serves simulated open interest and funding through
 * {@link #derivatives()}.
 *
 * <pre>{@code
 * try (SimulatedMarket m = SimulatedMarket.builder()
 *         .seed(7)
 *         .clock(Clock.fixed(Instant.parse("2025-03-01T12:00:30Z"), ZoneOffset.UTC))
 *         .build()) {
 *     List<Candle> hours = m.klines("BTC/USDT", Interval.H1, 48);   // oldest first, the last one open
 *     Ticker t = m.ticker("DOGE/USDT");
 * }
 * }</pre>
 *
 * Settings read by {@link #fromConfig(Config)}: {@code SIM_SEED} (42), {@code SIM_SYMBOLS} (all five),
 * {@code SIM_TICK_INTERVAL} (1s), {@code SIM_CACHE_DAYS} (32). Thread-safe.
 */
public final class SimulatedMarket implements MarketDataSource {
    private static final Logger log = LoggerFactory.getLogger(SimulatedMarket.class);
    private static final long MINUTE_MS = PriceProcess.MINUTE_MS;
    private static final long DAY_MS = PriceProcess.DAY_MS;
    /** The seed of {@link #demo()} and the default of {@code SIM_SEED}. */
    public static final long DEFAULT_SEED = 42L;

    private final long seed;
    private final Clock clock;
    private final Duration tickInterval;
    private final SourceInfo source;
    private final Map<Symbol, PriceProcess> processes;
    private final List<SymbolInfo> infos;
    private final SimulatedDerivatives derivatives;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Object schedulerLock = new Object();
    private ScheduledThreadPoolExecutor scheduler;
    private volatile boolean closed;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final String threadName = "cryptogo-sim-" + INSTANCES.incrementAndGet() + "-stream";

    private SimulatedMarket(Builder b, List<SimSymbol> symbols) {
        this.seed = b.seed;
        this.clock = b.clock;
        this.tickInterval = b.tickInterval;
        this.source = new SourceInfo(
                SourceInfo.Kind.SIMULATED, b.reason != null ? b.reason : "simulated market, seed " + b.seed);
        Map<Symbol, PriceProcess> m = new LinkedHashMap<>();
        for (SimSymbol s : symbols) {
            m.put(s.symbol(), new PriceProcess(s, b.seed, b.cacheDays, Math.max(4096, b.cacheDays)));
        }
        this.processes = Map.copyOf(m);
        this.infos = symbols.stream().map(SimSymbol::info).toList();
        this.derivatives = new SimulatedDerivatives(this);
    }

    /** A builder: seed 42, the five default symbols, the system clock, a tick every second. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A market from settings ({@code SIM_SEED}, {@code SIM_SYMBOLS}, {@code SIM_TICK_INTERVAL}, {@code
     * SIM_CACHE_DAYS}) on the system clock.
     *
     * @throws ConfigException naming the setting when a value is out of range
     */
    public static SimulatedMarket fromConfig(Config config) {
        return builder().config(config).build();
    }

    /** The demo market: seed 42, five symbols, the system clock. */
    public static SimulatedMarket demo() {
        return builder().reason("demo: simulated market, seed " + DEFAULT_SEED).build();
    }

    public long seed() {
        return seed;
    }

    public Clock clock() {
        return clock;
    }

    public Duration tickInterval() {
        return tickInterval;
    }

    // ------------------------------------------------------------------ MarketDataSource

    @Override
    public List<Candle> klines(KlineQuery query) {
        PriceProcess p = process(query.symbol());
        Interval iv = query.interval();
        long step = iv.millis();
        long now = clock.millis();
        long lastOpen = iv.alignMillis(now);
        long first;
        long last;
        if (query.start().isPresent()) {
            long s = query.start().get().toEpochMilli();
            first = Math.max(0, iv.alignMillis(s) == s ? s : iv.alignMillis(s) + step);
            last = lastOpen;
            if (query.end().isPresent()) {
                last = Math.min(last, iv.alignMillis(query.end().get().toEpochMilli()));
            }
            if (first > last) {
                return List.of();
            }
            long count = Math.min(query.limit(), (last - first) / step + 1);
            last = first + (count - 1) * step;
        } else {
            last = query.end().isPresent()
                    ? Math.min(lastOpen, iv.alignMillis(query.end().get().toEpochMilli()))
                    : lastOpen;
            first = last - (query.limit() - 1L) * step;
        }
        first = Math.max(first, 0);
        if (last < first) {
            return List.of();
        }
        List<Candle> out = new ArrayList<>((int) Math.min(100_000, (last - first) / step + 1));
        long cachedDay = Long.MIN_VALUE;
        Bars bars = null;
        for (long o = first; o <= last; o += step) {
            if (o + step > now) {
                out.add(openCandle(p, iv, o, now));
                break;
            }
            long day = Math.floorDiv(o, DAY_MS);
            if (day != cachedDay) {
                bars = p.bars(day, iv);
                cachedDay = day;
            }
            int i = (int) ((o - day * DAY_MS) / step);
            out.add(candle(
                    p,
                    iv,
                    o,
                    bars.open[i],
                    bars.high[i],
                    bars.low[i],
                    bars.close[i],
                    bars.volume[i],
                    bars.quote[i],
                    bars.trades[i],
                    true));
        }
        return out;
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        PriceProcess p = process(symbol);
        long now = clock.millis();
        PriceProcess.Live live = live(p, now);
        long second = Math.floorDiv(now, 1000L);
        long h = PriceProcess.mix(p.key, 5, second) >>> 1;
        int spread = h % 20 == 0 ? 3 : h % 20 < 4 ? 2 : 1;
        long bid = Math.max(1, live.close() - spread / 2);
        long ask = bid + spread;
        return new Ticker(symbol, price(p, live.close()), price(p, bid), price(p, ask), Instant.ofEpochMilli(now));
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        PriceProcess p = process(symbol);
        long now = clock.millis();
        long minute = Math.floorDiv(now, MINUTE_MS);
        long firstMinute = minute - (PriceProcess.MINUTES_PER_DAY - 1);
        Bars.Acc acc = new Bars.Acc();
        addMinutes(p, acc, firstMinute, minute);
        PriceProcess.Live live = live(p, now);
        acc.add(live.open(), live.high(), live.low(), live.close(), live.volume(), live.quote(), live.trades());
        BigDecimal open = price(p, acc.open);
        BigDecimal last = price(p, acc.close);
        BigDecimal change = last.subtract(open);
        return Stats24h.builder()
                .symbol(symbol)
                .open(open)
                .high(price(p, acc.high))
                .low(price(p, acc.low))
                .last(last)
                .change(change)
                .changePercent(change.multiply(BigDecimal.valueOf(100)).divide(open, 3, RoundingMode.HALF_UP))
                .volume(volume(p, acc.volume))
                .quoteVolume(quote(acc.quote))
                .openTime(Instant.ofEpochMilli(firstMinute * MINUTE_MS))
                .closeTime(Instant.ofEpochMilli(now))
                .build();
    }

    @Override
    public List<SymbolInfo> symbols() {
        return infos;
    }

    @Override
    public SourceInfo source() {
        return source;
    }

    @Override
    public Optional<DerivativesData> derivatives() {
        return Optional.of(derivatives);
    }

    /**
     * Pushes the open candle of {@code (symbol, interval)} every {@link #tickInterval()} and each closed
     * candle exactly once, in order, on a shared daemon thread. Close the handle to stop.
     */
    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(listener, "listener");
        process(symbol);
        Subscription sub = new Subscription(symbol, interval, listener);
        synchronized (schedulerLock) {
            if (closed) {
                throw new IllegalStateException("the simulated market is closed");
            }
            if (scheduler == null) {
                scheduler = newScheduler();
            }
            subscriptions.add(sub);
            sub.future = scheduler.scheduleAtFixedRate(sub, 0, tickInterval.toNanos(), TimeUnit.NANOSECONDS);
        }
        return sub;
    }

    /** Stops every stream and the scheduler thread. The market still answers queries afterwards. */
    @Override
    public void close() {
        synchronized (schedulerLock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Subscription s : List.copyOf(subscriptions)) {
                s.close();
            }
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler = null;
            }
        }
    }

    @Override
    public String toString() {
        return "SimulatedMarket[seed=" + seed + ", symbols=" + processes.keySet() + "]";
    }

    // ------------------------------------------------------------------ internals

    PriceProcess process(Symbol symbol) {
        Objects.requireNonNull(symbol, "symbol");
        PriceProcess p = processes.get(symbol);
        if (p == null) {
            throw new InvalidRequestException(
                    "symbol",
                    "unknown symbol " + symbol + " on the simulated market; known symbols: "
                            + infos.stream().map(i -> i.symbol().toString()).collect(Collectors.joining(", ")));
        }
        return p;
    }

    long nowMillis() {
        return clock.millis();
    }

    int activeStreams() {
        return subscriptions.size();
    }

    /** The live state of the minute containing {@code now}. */
    static PriceProcess.Live live(PriceProcess p, long now) {
        long minute = Math.floorDiv(now, MINUTE_MS);
        int seconds = (int) ((now - minute * MINUTE_MS) / 1000) + 1;
        return p.live(minute, seconds);
    }

    private static void addMinutes(PriceProcess p, Bars.Acc acc, long fromMinute, long toMinute) {
        long m = fromMinute;
        while (m < toMinute) {
            long day = Math.floorDiv(m, PriceProcess.MINUTES_PER_DAY);
            long dayEnd = (day + 1) * PriceProcess.MINUTES_PER_DAY;
            long end = Math.min(toMinute, dayEnd);
            Bars b = p.day(day).minutes;
            acc.addRange(b, (int) (m - day * PriceProcess.MINUTES_PER_DAY), (int)
                    (end - day * PriceProcess.MINUTES_PER_DAY));
            m = end;
        }
    }

    private Candle openCandle(PriceProcess p, Interval iv, long open, long now) {
        Bars.Acc acc = new Bars.Acc();
        long minute = Math.floorDiv(now, MINUTE_MS);
        addMinutes(p, acc, open / MINUTE_MS, minute);
        PriceProcess.Live live = live(p, now);
        acc.add(live.open(), live.high(), live.low(), live.close(), live.volume(), live.quote(), live.trades());
        return candle(p, iv, open, acc.open, acc.high, acc.low, acc.close, acc.volume, acc.quote, acc.trades, false);
    }

    private static Candle candle(
            PriceProcess p,
            Interval iv,
            long openMillis,
            long o,
            long h,
            long l,
            long c,
            long v,
            long q,
            long t,
            boolean closed) {
        return Candle.of(
                p.spec.symbol(),
                iv,
                Instant.ofEpochMilli(openMillis),
                price(p, o),
                price(p, h),
                price(p, l),
                price(p, c),
                volume(p, v),
                quote(q),
                t,
                closed);
    }

    static BigDecimal price(PriceProcess p, long ticks) {
        return units(ticks, p.spec.info().tickSize());
    }

    static BigDecimal volume(PriceProcess p, long steps) {
        return units(steps, p.spec.info().stepSize());
    }

    static BigDecimal quote(long units) {
        return BigDecimal.valueOf(units, PriceProcess.QUOTE_SCALE);
    }

    private static BigDecimal units(long n, BigDecimal unit) {
        if (unit.unscaledValue().equals(java.math.BigInteger.ONE) && unit.scale() >= 0) {
            return BigDecimal.valueOf(n, unit.scale());
        }
        return BigDecimal.valueOf(n).multiply(unit);
    }

    /** The name of this market's stream thread (one daemon thread, shared by all its streams). */
    String threadName() {
        return threadName;
    }

    private ScheduledThreadPoolExecutor newScheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return s;
    }

    private void unregister(Subscription s) {
        subscriptions.remove(s);
        synchronized (schedulerLock) {
            if (subscriptions.isEmpty() && scheduler != null) {
                // no stream left: let the thread go, a new stream starts a new one
                scheduler.shutdown();
                scheduler = null;
            }
        }
    }

    /** One live stream: remembers the open bucket last delivered so each closed candle goes out once. */
    final class Subscription implements StreamHandle, Runnable {
        private final Symbol symbol;
        private final Interval interval;
        private final CandleListener listener;
        private volatile boolean open = true;
        private long lastOpen = Long.MIN_VALUE;
        private final ReentrantLock ticking = new ReentrantLock();
        volatile ScheduledFuture<?> future;

        Subscription(Symbol symbol, Interval interval, CandleListener listener) {
            this.symbol = symbol;
            this.interval = interval;
            this.listener = listener;
        }

        @Override
        public void run() {
            if (!open) {
                return;
            }
            try {
                poll();
            } catch (RuntimeException | Error e) {
                log.warn("simulated stream {} {}: {}", symbol, interval, e.toString());
                try {
                    listener.onError(e, false);
                } catch (RuntimeException ignored) {
                    // a failing error handler must not stop the stream either
                }
            }
        }

        /** One tick: closed candles since the last tick (in order), then the open candle. */
        void poll() {
            ticking.lock();
            try {
                tick();
            } finally {
                ticking.unlock();
            }
        }

        private void tick() {
            if (!open) {
                return;
            }
            long now = clock.millis();
            long current = interval.alignMillis(now);
            if (lastOpen == Long.MIN_VALUE) {
                lastOpen = current;
            }
            while (lastOpen < current && open) {
                List<Candle> closedOnes = klines(new KlineQuery(
                        symbol,
                        interval,
                        Optional.of(Instant.ofEpochMilli(lastOpen)),
                        Optional.of(Instant.ofEpochMilli(current - interval.millis())),
                        1000));
                if (closedOnes.isEmpty()) {
                    lastOpen = current;
                    break;
                }
                for (Candle c : closedOnes) {
                    if (!open) {
                        return;
                    }
                    // advanced before the call: a listener that throws has still had this candle once
                    lastOpen = c.nextOpenTime().toEpochMilli();
                    listener.onCandle(c);
                }
            }
            if (open && current >= lastOpen) {
                listener.onCandle(openCandle(process(symbol), interval, current, now));
            }
        }

        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            unregister(this);
            // let a tick in flight finish, so nothing is delivered after close() returns; bounded, so a
            // listener blocked on the closing thread cannot deadlock it, and skipped from inside the listener
            if (!ticking.isHeldByCurrentThread()) {
                try {
                    if (ticking.tryLock(1, TimeUnit.SECONDS)) {
                        ticking.unlock();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public String toString() {
            return "SimulatedStream[" + symbol + " " + interval + (open ? "" : ", closed") + "]";
        }
    }

    // ------------------------------------------------------------------ builder

    /** Builds a {@link SimulatedMarket}; {@link #build()} validates and freezes. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private List<String> selected;
        private final List<SimSymbol> custom = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration tickInterval = Duration.ofSeconds(1);
        private String reason;
        private int cacheDays = 32;

        private Builder() {}

        /** The seed: the same seed gives the same history (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Which of the known symbols to serve, e.g. {@code "BTC/USDT", "DOGE/USDT"} (default: all). */
        public Builder symbols(String... symbols) {
            List<String> l = new ArrayList<>();
            for (String s : symbols) {
                l.add(Symbol.parse(s).toString());
            }
            this.selected = List.copyOf(l);
            return this;
        }

        /** Which of the known symbols to serve (default: all). */
        public Builder symbols(Collection<Symbol> symbols) {
            this.selected = symbols.stream().map(Symbol::toString).toList();
            return this;
        }

        /** Adds (or replaces) a symbol with parameters of your own; it is always served. */
        public Builder symbol(SimSymbol spec) {
            Objects.requireNonNull(spec, "spec");
            custom.removeIf(s -> s.symbol().equals(spec.symbol()));
            custom.add(spec);
            return this;
        }

        /** The clock that says what "now" is (default: the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How often streams push the open candle (default 1s, accepted 10ms..60s). */
        public Builder tickInterval(Duration tickInterval) {
            this.tickInterval = Objects.requireNonNull(tickInterval, "tickInterval");
            return this;
        }

        /** Why the data is simulated, reported by {@link SimulatedMarket#source()}. */
        public Builder reason(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /** How many days of 1m bars to keep per symbol (default 32, accepted 2..100000). */
        public Builder cacheDays(int days) {
            this.cacheDays = days;
            return this;
        }

        /**
         * Applies {@code SIM_SEED}, {@code SIM_SYMBOLS} (comma-separated), {@code SIM_TICK_INTERVAL} and
         * {@code SIM_CACHE_DAYS} where set.
         */
        public Builder config(Config config) {
            seed = config.longValue("SIM_SEED", seed, Long.MIN_VALUE, Long.MAX_VALUE);
            Optional<String> syms = config.get("SIM_SYMBOLS");
            if (syms.isPresent()) {
                List<String> l = new ArrayList<>();
                for (String s : syms.get().split(",")) {
                    if (s.isBlank()) {
                        continue;
                    }
                    try {
                        l.add(Symbol.parse(s).toString());
                    } catch (InvalidRequestException e) {
                        throw new ConfigException("SIM_SYMBOLS", "SIM_SYMBOLS: " + e.getMessage());
                    }
                }
                List<String> known = knownNames();
                for (String s : l) {
                    if (!known.contains(s)) {
                        throw new ConfigException(
                                "SIM_SYMBOLS",
                                "SIM_SYMBOLS names unknown symbol " + s + "; accepted values: "
                                        + String.join(", ", known));
                    }
                }
                if (l.isEmpty()) {
                    throw new ConfigException(
                            "SIM_SYMBOLS", "SIM_SYMBOLS is empty; accepted values: " + String.join(", ", known));
                }
                selected = List.copyOf(l);
            }
            Duration d = config.duration("SIM_TICK_INTERVAL", tickInterval);
            if (d.compareTo(Duration.ofMillis(10)) < 0 || d.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new ConfigException(
                        "SIM_TICK_INTERVAL", "SIM_TICK_INTERVAL=" + d + " is out of range; accepted range: 10ms..60s");
            }
            tickInterval = d;
            cacheDays = config.integer("SIM_CACHE_DAYS", cacheDays, 2, 100_000);
            return this;
        }

        private List<String> knownNames() {
            List<String> l = new ArrayList<>();
            SimSymbol.defaults().forEach(s -> l.add(s.symbol().toString()));
            custom.forEach(s -> l.add(s.symbol().toString()));
            return l;
        }

        /**
         * The simulated market.
         *
         * @throws InvalidRequestException naming the field when a symbol is unknown or a value out of range
         */
        public SimulatedMarket build() {
            if (tickInterval.compareTo(Duration.ofMillis(10)) < 0
                    || tickInterval.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new InvalidRequestException(
                        "tickInterval", "tickInterval must be within 10ms..60s, got " + tickInterval);
            }
            if (cacheDays < 2 || cacheDays > 100_000) {
                throw new InvalidRequestException("cacheDays", "cacheDays must be within 2..100000, got " + cacheDays);
            }
            Map<String, SimSymbol> catalog = new LinkedHashMap<>();
            SimSymbol.defaults().forEach(s -> catalog.put(s.symbol().toString(), s));
            custom.forEach(s -> catalog.put(s.symbol().toString(), s));
            List<SimSymbol> chosen = new ArrayList<>();
            if (selected == null) {
                chosen.addAll(catalog.values());
            } else {
                if (selected.isEmpty()) {
                    throw new InvalidRequestException(
                            "symbols",
                            "at least one symbol is needed; accepted values: " + String.join(", ", catalog.keySet()));
                }
                for (String s : selected) {
                    SimSymbol spec = catalog.get(s);
                    if (spec == null) {
                        throw new InvalidRequestException(
                                "symbols",
                                "unknown simulated symbol " + s + "; accepted values: "
                                        + String.join(", ", catalog.keySet()));
                    }
                    if (!chosen.contains(spec)) {
                        chosen.add(spec);
                    }
                }
                for (SimSymbol c : custom) {
                    if (!chosen.contains(c)) {
                        chosen.add(c);
                    }
                }
            }
            return new SimulatedMarket(this, List.copyOf(chosen));
        }
    }
}
