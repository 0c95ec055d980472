package io.cryptogo.backtest;

import io.cryptogo.CryptoGo;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.Gap;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.trading.risk.RiskLimits;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backtest: a strategy replayed over closed candles through the trading engine (order management, risk
 * manager, paper matching) on a replayed clock. Decisions on a closed bar fill at the next bar's open.
 *
 * <pre>{@code
 * var r = Backtest.on(CryptoGo.demo()).symbol("BTC/USDT").interval(Interval.H1)
 *         .from("2025-01-01").to("2025-06-30")
 *         .strategy(Strategies.emaCross(12, 26))
 *         .fees(0.001).slippageBps(5).initialCash("10000 USDT")
 *         .run();
 * System.out.println(r.summary());
 * }</pre>
 *
 * A {@code Backtest} is a mutable builder; {@link #run()} freezes a copy of the settings, so one builder can
 * run many times (and {@link #copy()} gives an independent one).
 */
public final class Backtest {
    private static final Logger log = LoggerFactory.getLogger(Backtest.class);

    /** Which price a decision fills at. */
    public enum FillAt {
        /** The next bar's open (default). */
        NEXT_OPEN,
        /** This bar's close (opt-in; optimistic: the close is known only when it is past). */
        CLOSE
    }

    /** Where candles come from when none are given. */
    public enum Data {
        /** The market source of {@code cg} (simulated, or Binance paged and stored as fetched). */
        MARKET,
        /** Only the candle store of {@code cg} (collected, backfilled or imported). */
        STORE
    }

    private final Optional<CryptoGo> cg;
    private Symbol symbol = Symbol.parse("BTC/USDT");
    private Interval interval = Interval.H1;
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();
    private Strategy strategy = Strategies.buyAndHold();
    private BigDecimal feeRate = new BigDecimal("0.001");
    private int slippageBps = 5;
    private BigDecimal initialCash = new BigDecimal("10000");
    private Optional<String> cashAsset = Optional.empty();
    private FillAt fillAt = FillAt.NEXT_OPEN;
    private Optional<Interval> detail = Optional.empty();
    private Optional<RiskLimits> risk = Optional.empty();
    private Data data = Data.MARKET;
    private Optional<PriceSeries> candles = Optional.empty();
    private Optional<PriceSeries> detailCandles = Optional.empty();
    // the period asked for that the loaded data does not reach (reported as gaps, never bridged)
    private List<Gap> edgeGaps = List.of();
    private Optional<SymbolInfo> symbolInfo = Optional.empty();
    private Optional<Progress> progress = Optional.empty(); // empty: a bar on System.err once a run lasts 2 s

    private Backtest(Optional<CryptoGo> cg) {
        this.cg = cg;
    }

    /** A backtest on {@code cg}'s market, store and risk settings ({@code MAX_POSITION_SIZE}, …). */
    public static Backtest on(CryptoGo cg) {
        return new Backtest(Optional.of(Objects.requireNonNull(cg, "cg")));
    }

    /**
     * A backtest on given candles only (no market, no store): {@link #candles(List)} and {@link #symbolInfo}
     * must be set; risk limits default to {@link RiskLimits#defaults()}.
     */
    public static Backtest offline() {
        return new Backtest(Optional.empty());
    }

    /** An independent builder with the same settings. */
    public Backtest copy() {
        Backtest b = new Backtest(cg);
        b.symbol = symbol;
        b.interval = interval;
        b.from = from;
        b.to = to;
        b.strategy = strategy;
        b.feeRate = feeRate;
        b.slippageBps = slippageBps;
        b.initialCash = initialCash;
        b.cashAsset = cashAsset;
        b.fillAt = fillAt;
        b.detail = detail;
        b.risk = risk;
        b.data = data;
        b.candles = candles;
        b.detailCandles = detailCandles;
        b.edgeGaps = edgeGaps;
        b.symbolInfo = symbolInfo;
        b.progress = progress;
        return b;
    }

    public Backtest symbol(String s) {
        this.symbol = Symbol.parse(s);
        return this;
    }

    public Backtest interval(Interval iv) {
        this.interval = Objects.requireNonNull(iv, "interval");
        return this;
    }

    /** First bar opening at or after this date ({@code 2025-01-01}, UTC) or instant ({@code 2025-01-01T08:00:00Z}). */
    public Backtest from(String dateOrInstant) {
        this.from = Optional.of(parseTime("from", dateOrInstant, false));
        return this;
    }

    public Backtest from(Instant t) {
        this.from = Optional.of(t);
        return this;
    }

    /** Last bar opening on or before this date (the whole UTC day is included) or instant. */
    public Backtest to(String dateOrInstant) {
        this.to = Optional.of(parseTime("to", dateOrInstant, true));
        return this;
    }

    public Backtest to(Instant t) {
        this.to = Optional.of(t);
        return this;
    }

    public Backtest strategy(Strategy s) {
        this.strategy = Objects.requireNonNull(s, "strategy");
        return this;
    }

    /** Fee per fill as a fraction of its notional (0.001 = 0.1 %), paid in the quote asset; 0..0.1. */
    public Backtest fees(double rate) {
        return fees(BigDecimal.valueOf(rate));
    }

    public Backtest fees(BigDecimal rate) {
        if (rate.signum() < 0 || rate.compareTo(new BigDecimal("0.1")) > 0) {
            throw new InvalidRequestException("fees", "fee rate must be in 0..0.1, got " + rate.toPlainString());
        }
        this.feeRate = rate;
        return this;
    }

    /** Market orders fill this many basis points worse than the price; 0..1000. */
    public Backtest slippageBps(int bps) {
        if (bps < 0 || bps > 1000) {
            throw new InvalidRequestException("slippageBps", "slippage must be in 0..1000 bps, got " + bps);
        }
        this.slippageBps = bps;
        return this;
    }

    /** Starting cash, e.g. {@code "10000 USDT"} (the asset must be the symbol's quote) or {@code "10000"}. */
    public Backtest initialCash(String amount) {
        String[] parts = amount.trim().split("\\s+");
        try {
            BigDecimal v = new BigDecimal(parts[0]);
            if (v.signum() <= 0 || parts.length > 2) {
                throw new NumberFormatException();
            }
            this.initialCash = v;
            this.cashAsset = parts.length == 2 ? Optional.of(parts[1].toUpperCase(Locale.ROOT)) : Optional.empty();
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(
                    "initialCash",
                    "initialCash must be a positive amount with an optional asset, e.g. \"10000 USDT\", got '" + amount
                            + "'");
        }
        return this;
    }

    /** Decisions fill at the deciding bar's close instead of the next open (opt-in, optimistic). */
    public Backtest fillAtClose() {
        this.fillAt = FillAt.CLOSE;
        return this;
    }

    public Backtest fillAt(FillAt f) {
        this.fillAt = Objects.requireNonNull(f, "fillAt");
        return this;
    }

    /**
     * Walk the path inside each bar on this lower interval's candles (e.g. {@link Interval#M1}), so a stop and a
     * target inside one bar fill in the order they really happened.
     */
    public Backtest detail(Interval lower) {
        if (lower.millis() >= interval.millis() || interval.millis() % lower.millis() != 0) {
            throw new InvalidRequestException(
                    "detail", "detail interval " + lower + " must divide the bar interval " + interval);
        }
        this.detail = Optional.of(lower);
        return this;
    }

    /** Risk limits (default: those of {@code cg}'s configuration, as live). */
    public Backtest risk(RiskLimits limits) {
        this.risk = Optional.of(Objects.requireNonNull(limits, "limits"));
        return this;
    }

    public Backtest data(Data d) {
        this.data = Objects.requireNonNull(d, "data");
        return this;
    }

    /** Run on these candles (closed ones only; the symbol and interval follow them). */
    public Backtest candles(List<Candle> list) {
        PriceSeries s = PriceSeries.of(list);
        this.candles = Optional.of(s);
        this.symbol = s.symbol();
        this.interval = s.interval();
        return this;
    }

    public Backtest candles(PriceSeries s) {
        this.candles = Optional.of(s);
        this.symbol = s.symbol();
        this.interval = s.interval();
        return this;
    }

    /** The lower-interval candles for {@link #detail} (otherwise loaded like the bars). */
    public Backtest detailCandles(List<Candle> list) {
        PriceSeries s = PriceSeries.of(list);
        this.detailCandles = Optional.of(s);
        this.detail = Optional.of(s.interval());
        return this;
    }

    /** The symbol's trading filters (default: from {@code cg}'s market). */
    public Backtest symbolInfo(SymbolInfo info) {
        this.symbolInfo = Optional.of(info);
        return this;
    }

    /**
     * Reports progress; {@link Progress#bar(PrintStream)} draws a bar on a terminal, {@link Progress#NONE} nothing.
     * Default: a bar on {@code System.err} once a run has lasted 2 seconds ({@link Progress#auto}).
     */
    public Backtest progress(Progress p) {
        this.progress = Optional.of(Objects.requireNonNull(p, "progress"));
        return this;
    }

    /** A copy for the many runs of a sweep, walk-forward or audit: no default progress bar for each of them. */
    Backtest quietCopy() {
        Backtest b = copy();
        if (b.progress.isEmpty()) {
            b.progress = Optional.of(Progress.NONE);
        }
        return b;
    }

    /** Loads the candles (once) so that copies of this builder share them. */
    public Backtest load() {
        if (candles.isEmpty()) {
            List<Candle> list = fetch(interval);
            edgeGaps = edgeGaps(list, interval);
            candles = Optional.of(PriceSeries.of(list));
        }
        if (detail.isPresent() && detailCandles.isEmpty()) {
            detailCandles = Optional.of(PriceSeries.of(fetch(detail.get())));
        }
        if (symbolInfo.isEmpty()) {
            symbolInfo = Optional.of(market().symbol(symbol));
        }
        return this;
    }

    /** The candles this backtest runs on (loading them when needed). */
    public PriceSeries series() {
        load();
        return candles.orElseThrow();
    }

    /** Runs the strategy and returns the result. */
    public BacktestResult run() {
        load();
        if (cashAsset.isPresent() && !cashAsset.get().equals(symbol.quote())) {
            throw new InvalidRequestException(
                    "initialCash",
                    "initial cash must be in the quote asset " + symbol.quote() + " of " + symbol + ", got "
                            + cashAsset.get());
        }
        RiskLimits limits = risk.orElseGet(
                () -> cg.map(c -> RiskLimits.fromConfig(c.config())).orElse(RiskLimits.defaults()));
        // stored candles are read from the Binance history (collected, backfilled or imported): a run on them is
        // recorded as made on Binance prices, whatever market cg serves live
        SourceInfo source = data == Data.STORE && cg.isPresent()
                ? new SourceInfo(SourceInfo.Kind.BINANCE, "stored Binance candles")
                : cg.map(c -> c.market().source()).orElse(new SourceInfo(SourceInfo.Kind.SIMULATED, "given candles"));
        Runner.Settings s = new Runner.Settings(
                symbolInfo.orElseThrow(), source, feeRate, slippageBps, initialCash, fillAt, limits, detail);
        Strategy fresh = strategy.fresh();
        if (cg.isPresent()) {
            // strategies that need earlier candles or another interval (a signal strategy's context) read the
            // run's own source
            fresh = fresh.withHistory(history(source));
        }
        Progress p = progress.orElseGet(() -> Progress.auto(System.err, Duration.ofSeconds(2)));
        return new Runner(s, candles.orElseThrow(), detailCandles, fresh, p)
                .run()
                .withEdgeGaps(edgeGaps);
    }

    private CandleHistory history(SourceInfo source) {
        return new CandleHistory() {
            @Override
            public List<Candle> range(Symbol sym, Interval iv, Instant from, Instant to) {
                return load(sym, iv, from, to);
            }

            @Override
            public SourceInfo source() {
                return source;
            }
        };
    }

    public Symbol symbol() {
        return symbol;
    }

    BigDecimal initialCashAmount() {
        return initialCash;
    }

    public Interval interval() {
        return interval;
    }

    public Strategy strategy() {
        return strategy;
    }

    private MarketDataSource market() {
        return cg.orElseThrow(() -> new InvalidRequestException(
                        "symbolInfo", "an offline backtest needs symbolInfo(...) and candles(...)"))
                .market();
    }

    private List<Candle> fetch(Interval iv) {
        cg.orElseThrow(() -> new InvalidRequestException("candles", "an offline backtest needs candles(...)"));
        Instant end = to.orElseGet(() -> Instant.now());
        Instant start = from.orElseThrow(
                () -> new InvalidRequestException("from", "from(...) is required, e.g. from(\"2025-01-01\")"));
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from", "from " + start + " must be before to " + end);
        }
        List<Candle> list = load(symbol, iv, start, end);
        if (list.stream().noneMatch(Candle::closed)) {
            throw new InvalidRequestException(
                    "from",
                    "no closed " + symbol + " " + iv + " candles between " + start + " and " + end + " in the "
                            + (data == Data.STORE ? "store (import or backfill them first)" : "market"));
        }
        return list;
    }

    /**
     * The edges of the period asked for that the data does not reach: from the first bucket opening at or after
     * {@code from} to the bucket before the first candle, and from the bucket after the last candle to the last
     * bucket closed by {@code to} (and by now). Reported with the result's gaps, never bridged.
     */
    private List<Gap> edgeGaps(List<Candle> list, Interval iv) {
        List<Candle> closed = list.stream().filter(Candle::closed).toList();
        Instant start = from.orElseThrow();
        Instant end = to.orElseGet(() -> Instant.now());
        Instant first = closed.get(0).openTime();
        Instant last = closed.get(closed.size() - 1).openTime();
        Instant firstWanted = Instant.ofEpochMilli(-Math.floorDiv(-start.toEpochMilli(), iv.millis()) * iv.millis());
        Instant lastClosedNow = iv.align(Instant.now()).minus(iv.duration());
        Instant lastWanted = iv.align(end).isAfter(lastClosedNow) ? lastClosedNow : iv.align(end);
        List<Gap> out = new ArrayList<>(2);
        if (first.isAfter(firstWanted)) {
            out.add(new Gap(firstWanted, first.minus(iv.duration())));
        }
        if (last.isBefore(lastWanted)) {
            out.add(new Gap(last.plus(iv.duration()), lastWanted));
        }
        if (!out.isEmpty()) {
            log.warn(
                    "backtest: {} {} data covers {} .. {} only, not the whole {} .. {} asked for; reported as gaps {}",
                    symbol,
                    iv,
                    first,
                    last,
                    start,
                    end,
                    out);
        }
        return List.copyOf(out);
    }

    /**
     * Candles of ({@code sym}, {@code iv}) opening in {@code [start, end]}: from the store (Binance history), the
     * simulated market, or Binance, paged from the first missing candle and stored page by page as fetched
     * (so an interrupted run keeps what it fetched and the next run asks only for the rest).
     */
    private List<Candle> load(Symbol sym, Interval iv, Instant start, Instant end) {
        CryptoGo c = cg.orElseThrow();
        if (data == Data.STORE) {
            // the store keeps each source apart; a backtest on it reads the real (Binance) history
            return new JdbcCandleStore(c.database(), SourceInfo.Kind.BINANCE).range(sym, iv, start, end);
        }
        MarketDataSource market = c.market();
        if (market.source().simulated()) {
            return market.klines(KlineQuery.range(sym, iv, start, end));
        }
        CandleStore store = new JdbcCandleStore(c.database(), market.source().kind());
        long step = iv.millis();
        List<Gap> gaps = store.gaps(sym, iv, start, end);
        long missing = gaps.stream().mapToLong(g -> g.bars(iv)).sum();
        if (missing > PAGE) {
            log.info(
                    "backtest: {} {} {} candles missing from the store between {} and {}: fetching them from {}, about"
                            + " {} pages, each stored as it comes",
                    missing,
                    sym,
                    iv,
                    start,
                    end,
                    market.source().kind().label(),
                    (missing + PAGE - 1) / PAGE);
        }
        for (Gap g : gaps) {
            long cursor = g.from().toEpochMilli();
            long last = g.to().toEpochMilli();
            while (cursor <= last) {
                int n = (int) Math.min(PAGE, (last - cursor) / step + 1);
                List<Candle> page = market.klines(new KlineQuery(
                        sym,
                        iv,
                        Optional.of(Instant.ofEpochMilli(cursor)),
                        Optional.of(Instant.ofEpochMilli(last)),
                        n));
                List<Candle> closed = page.stream()
                        .filter(k -> k.closed()
                                && k.openTime().toEpochMilli() >= g.from().toEpochMilli()
                                && k.openTime().toEpochMilli() <= last)
                        .toList();
                if (closed.isEmpty()) {
                    break; // nothing (more) closed on the exchange in this gap: before listing, or the present
                }
                store.upsertAll(closed);
                cursor = closed.get(closed.size() - 1).openTime().toEpochMilli() + step;
            }
        }
        // the open candle of the present is never stored: the run sees closed candles only anyway
        return store.range(sym, iv, start, end);
    }

    /** Candles per Binance request (its page size). */
    private static final int PAGE = 1000;

    static Instant parseTime(String field, String text, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate d = LocalDate.parse(text);
                return endOfDay
                        ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : d.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    field,
                    field + " must be a date like 2025-01-01 or an instant like 2025-01-01T00:00:00Z, got '" + text
                            + "'");
        }
    }
}
