package io.cryptogo.ai;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.config.Config;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.market.CandleListener;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the generator once per closed candle of the decision interval for each configured symbol (never on
 * every tick), or on demand ({@link #analyze}). Each decision is built on closed candles only: the decision
 * time T is the instant the candle closed, and the snapshot sees the intraday and context candles closed at
 * or before T and open interest as of T (see {@link MarketSnapshot}), so rerunning a decision later gives
 * the same prompt. The position held ({@link Builder#holdings}) goes with it: a SELL without one is recorded
 * as a HOLD ("no position to sell"). A candle whose data is older than {@code maxDataAge} (a late delivery
 * after a reconnect, a market that stopped) is skipped with the reason logged. Decisions run one at a time on
 * the loop's own thread, so a slow model never blocks the market stream; listeners ({@link #onDecision}) are
 * called on that thread, and one that throws is logged and does not stop the loop.
 *
 * <p>Several instances sharing one market and journal (a cluster) take each scheduled decision once: {@link
 * Builder#owns} tells the loop whether this instance decides a symbol now (asked at each closed candle; the
 * sample app answers it from advisory locks in the shared PostgreSQL); a candle of a symbol it does not own is
 * left to the owner. {@link #analyze} (on demand) always decides.
 *
 * <pre>{@code
 * try (DecisionLoop loop = DecisionLoop.fromConfig(config, cg.market(), generator)) {
 *     loop.onDecision(d -> System.out.println(d.signal()));
 *     loop.start();                         // AI_SYMBOLS every closed AI_INTERVAL candle
 *     Decision now = loop.analyze(Symbol.parse("BTC/USDT"));   // on demand
 * }
 * }</pre>
 */
public final class DecisionLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DecisionLoop.class);

    private final MarketDataSource market;
    private final SignalGenerator generator;
    private final List<Symbol> symbols;
    private final Interval interval;
    private final Interval contextInterval;
    private final int seriesLength;
    private final int historyBars;
    private final Duration maxDataAge;
    private final Clock clock;
    private final Function<Symbol, Holding> holdings;
    private final Predicate<Symbol> owns;
    private final List<Consumer<Decision>> listeners = new CopyOnWriteArrayList<>();
    private final List<StreamHandle> streams = new ArrayList<>();
    private final ExecutorService worker;
    private volatile boolean started;

    private DecisionLoop(Builder b) {
        this.market = b.market;
        this.generator = b.generator;
        this.symbols = List.copyOf(b.symbols);
        this.interval = b.interval;
        this.contextInterval = b.contextInterval;
        this.seriesLength = b.seriesLength;
        this.historyBars = b.historyBars;
        this.maxDataAge =
                b.maxDataAge != null ? b.maxDataAge : interval.duration().multipliedBy(2);
        this.clock = b.clock;
        this.holdings = b.holdings;
        this.owns = b.owns;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cryptogo-ai-loop");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder(MarketDataSource market, SignalGenerator generator) {
        return new Builder(market, generator);
    }

    /**
     * From {@code AI_SYMBOLS} (comma-separated; default {@code DEFAULT_SYMBOL}, else BTC/USDT), {@code
     * AI_INTERVAL} (1h), {@code AI_CONTEXT_INTERVAL} (4h), {@code AI_SERIES_LENGTH} (10) and {@code
     * AI_MAX_DATA_AGE} (twice the interval).
     */
    public static DecisionLoop fromConfig(Config c, MarketDataSource market, SignalGenerator generator) {
        return fromConfig(c, market, generator, Clock.systemUTC());
    }

    private static Symbol configuredSymbol(String text) {
        try {
            return Symbol.parse(text);
        } catch (io.cryptogo.error.InvalidRequestException e) {
            throw new io.cryptogo.config.ConfigException("AI_SYMBOLS", "AI_SYMBOLS: " + e.getMessage());
        }
    }

    /** As {@link #fromConfig(Config, MarketDataSource, SignalGenerator)}, on the given clock. */
    public static DecisionLoop fromConfig(Config c, MarketDataSource market, SignalGenerator generator, Clock clock) {
        return fromConfig(c, market, generator, clock, s -> Holding.NONE);
    }

    /**
     * As {@link #fromConfig(Config, MarketDataSource, SignalGenerator, Clock)}, with what the account holds of
     * each symbol's base asset ({@link Builder#holdings}).
     */
    public static DecisionLoop fromConfig(
            Config c,
            MarketDataSource market,
            SignalGenerator generator,
            Clock clock,
            Function<Symbol, Holding> holdings) {
        return fromConfig(c, market, generator, clock, holdings, s -> true);
    }

    /**
     * As {@link #fromConfig(Config, MarketDataSource, SignalGenerator, Clock, Function)}, deciding only the
     * symbols this instance owns at each closed candle ({@link Builder#owns}).
     */
    public static DecisionLoop fromConfig(
            Config c,
            MarketDataSource market,
            SignalGenerator generator,
            Clock clock,
            Function<Symbol, Holding> holdings,
            Predicate<Symbol> owns) {
        String list = c.string("AI_SYMBOLS", c.string("DEFAULT_SYMBOL", "BTC/USDT"));
        List<Symbol> symbols = Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(DecisionLoop::configuredSymbol)
                .toList();
        Builder b = builder(market, generator)
                .symbols(symbols)
                .spec(SnapshotSpec.fromConfig(c))
                .clock(clock)
                .holdings(holdings)
                .owns(owns);
        c.get("AI_MAX_DATA_AGE").ifPresent(v -> b.maxDataAge(c.duration("AI_MAX_DATA_AGE", Duration.ZERO)));
        return b.build();
    }

    /** Adds a listener for every decision the loop takes (scheduled or on demand). */
    public DecisionLoop onDecision(Consumer<Decision> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public List<Symbol> symbols() {
        return symbols;
    }

    public Interval interval() {
        return interval;
    }

    public SignalGenerator generator() {
        return generator;
    }

    /** Subscribes to the closed candles of every symbol; calling it twice is harmless. */
    public synchronized DecisionLoop start() {
        if (started) {
            return this;
        }
        started = true;
        for (Symbol s : symbols) {
            streams.add(market.stream(s, interval, new CandleListener() {
                @Override
                public void onCandle(Candle c) {
                    if (c.closed()) {
                        worker.execute(() -> onClosed(c));
                    }
                }

                @Override
                public void onError(Throwable error, boolean fatal) {
                    log.warn(
                            "AI loop: {} {} stream {}: {}",
                            s,
                            interval,
                            fatal ? "gave up" : "reconnecting",
                            error.getMessage());
                }
            }));
        }
        log.info("AI loop started: {} on every closed {} candle, generator {}", symbols, interval, generator.label());
        return this;
    }

    /** Called on the loop thread for each closed candle. */
    void onClosed(Candle c) {
        Duration age = Duration.between(c.closeTime(), clock.instant());
        if (age.compareTo(maxDataAge) > 0) {
            log.warn(
                    "AI loop: skipped {} {} candle {}: data is stale ({} old, limit {})",
                    c.symbol(),
                    interval,
                    c.openTime(),
                    age,
                    maxDataAge);
            return;
        }
        boolean mine;
        try {
            mine = owns.test(c.symbol());
        } catch (RuntimeException e) {
            log.warn(
                    "AI loop: skipped {} {} candle {}: ownership unknown: {}",
                    c.symbol(),
                    interval,
                    c.openTime(),
                    e.getMessage());
            return;
        }
        if (!mine) {
            log.debug("AI loop: {} {} candle {} is decided by another instance", c.symbol(), interval, c.openTime());
            return;
        }
        try {
            decideOn(c);
        } catch (RuntimeException e) {
            log.warn("AI loop: skipped {} {} candle {}: {}", c.symbol(), interval, c.openTime(), e.getMessage());
        }
    }

    /** As {@link #analyze(Symbol)} with {@code "BTC/USDT"}. */
    public Decision analyze(String symbol) {
        return analyze(Symbol.parse(symbol));
    }

    /**
     * A decision now, on the last closed candle, passed to the listeners too.
     *
     * @throws ExchangeUnavailableException when the market data is stale or cannot be fetched
     */
    public Decision analyze(Symbol symbol) {
        Instant now = clock.instant();
        List<Candle> recent = market.klines(symbol, interval, 3);
        Candle last = null;
        for (Candle c : recent) {
            if (c.closed() && !c.closeTime().isAfter(now)) {
                last = c;
            }
        }
        if (last == null) {
            throw new ExchangeUnavailableException(
                    "no closed " + interval + " candle of " + symbol + " is available yet");
        }
        Duration age = Duration.between(last.closeTime(), now);
        if (age.compareTo(maxDataAge) > 0) {
            throw new ExchangeUnavailableException("market data for " + symbol + " is stale: the last closed "
                    + interval + " candle closed at " + last.closeTime() + " (" + age + " ago, limit " + maxDataAge
                    + ")");
        }
        return decideOn(last);
    }

    /** A decision at the instant {@code last} closed, on the candles closed by then. */
    private Decision decideOn(Candle last) {
        Symbol symbol = last.symbol();
        Instant asOf = last.closeTime().plusMillis(1);
        // the same builder and settings as a backtest's SignalStrategy: same candles and T give the same prompt
        MarketSnapshot snap =
                new SnapshotSpec(interval, contextInterval, seriesLength, historyBars).at(market, symbol, asOf);
        Instant expected = last.openTime();
        if (!snap.candleTime().equals(expected)) {
            throw new ExchangeUnavailableException("market data for " + symbol + " is stale: expected the " + interval
                    + " candle of " + expected + ", the newest is " + snap.candleTime());
        }
        Holding held = Objects.requireNonNull(holdings.apply(symbol), "the holdings function returned null");
        Decision d = generator.decide(SignalInput.of(snap, held));
        log.info(
                "AI decision {} {} {} conf {} by {}{}",
                symbol,
                d.signal().candleTime(),
                d.signal().action(),
                d.signal().confidence(),
                d.generator(),
                d.abstained() ? " (abstained: " + d.signal().reasoning() + ")" : "");
        for (Consumer<Decision> l : listeners) {
            try {
                l.accept(d);
            } catch (RuntimeException e) {
                log.error("AI loop: a decision listener failed", e);
            }
        }
        return d;
    }

    @Override
    public synchronized void close() {
        for (StreamHandle h : streams) {
            h.close();
        }
        streams.clear();
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link DecisionLoop}. */
    public static final class Builder {
        private final MarketDataSource market;
        private final SignalGenerator generator;
        private List<Symbol> symbols = List.of(Symbol.parse("BTC/USDT"));
        private Interval interval = Interval.H1;
        private Interval contextInterval = Interval.H4;
        private int seriesLength = 10;
        private int historyBars = MarketSnapshot.DEFAULT_HISTORY_BARS;
        private Duration maxDataAge;
        private Clock clock = Clock.systemUTC();
        private Function<Symbol, Holding> holdings = s -> Holding.NONE;
        private Predicate<Symbol> owns = s -> true;

        private Builder(MarketDataSource market, SignalGenerator generator) {
            this.market = Objects.requireNonNull(market, "market");
            this.generator = Objects.requireNonNull(generator, "generator");
        }

        public Builder symbols(List<Symbol> s) {
            if (s.isEmpty()) {
                throw new io.cryptogo.config.ConfigException("AI_SYMBOLS", "AI_SYMBOLS must name at least one symbol");
            }
            this.symbols = List.copyOf(s);
            return this;
        }

        /** The decision interval (default 1h), also the snapshot's intraday interval. */
        public Builder interval(Interval i) {
            this.interval = Objects.requireNonNull(i, "interval");
            return this;
        }

        /** The snapshot's context interval (default 4h). */
        public Builder contextInterval(Interval i) {
            this.contextInterval = Objects.requireNonNull(i, "contextInterval");
            return this;
        }

        /** Interval, context interval, series length and history bars at once (e.g. {@link SnapshotSpec#fromConfig}). */
        public Builder spec(SnapshotSpec spec) {
            this.interval = spec.interval();
            this.contextInterval = spec.contextInterval();
            this.seriesLength = spec.seriesLength();
            this.historyBars = spec.historyBars();
            return this;
        }

        public Builder seriesLength(int n) {
            this.seriesLength = n;
            return this;
        }

        /** Candles of each interval fetched for the indicators (default 500, at least 300). */
        public Builder historyBars(int n) {
            this.historyBars = n;
            return this;
        }

        /** The oldest a closed candle may be when its decision runs (default twice the interval). */
        public Builder maxDataAge(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new io.cryptogo.config.ConfigException("AI_MAX_DATA_AGE", "AI_MAX_DATA_AGE must be positive");
            }
            this.maxDataAge = d;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * What the account holds of each symbol's base asset when a decision runs (default: nothing, so every
         * SELL becomes a HOLD "no position to sell"); e.g. {@code s -> Holding.of(trader.free(s.base()))}.
         */
        public Builder holdings(Function<Symbol, Holding> h) {
            this.holdings = Objects.requireNonNull(h, "holdings");
            return this;
        }

        /**
         * Whether this instance takes the scheduled decisions of a symbol now (default: always). Asked on the
         * loop's thread at each closed candle, before anything is fetched; {@code false} leaves the candle to
         * another instance, and a predicate that throws skips it (logged). Several loops on one market and
         * journal pass a predicate under which each symbol is owned by one of them at a time, e.g. advisory
         * locks in a shared database (the sample app's {@code AiLoopOwnership}). On-demand {@link
         * DecisionLoop#analyze} ignores it.
         */
        public Builder owns(Predicate<Symbol> p) {
            this.owns = Objects.requireNonNull(p, "owns");
            return this;
        }

        public DecisionLoop build() {
            return new DecisionLoop(this);
        }
    }
}
