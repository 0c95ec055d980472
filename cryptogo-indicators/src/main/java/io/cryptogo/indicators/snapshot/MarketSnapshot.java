package io.cryptogo.indicators.snapshot;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.indicators.IndicatorResult;
import io.cryptogo.indicators.Indicators;
import io.cryptogo.market.DerivativesData;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.FundingRate;
import io.cryptogo.model.Interval;
import io.cryptogo.model.OpenInterest;
import io.cryptogo.model.Symbol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an LLM reads about one market at one moment: current intraday indicators, open interest and
 * funding, the last N intraday values, and the longer-interval context, in the layout of the Alpha Arena
 * prompt ({@link #toText(Locale)}) or as JSON ({@link #toJson()}). All series are ordered oldest → newest.
 *
 * <pre>{@code
 * MarketSnapshot s = MarketSnapshot.builder(market).symbol("BTC/USDT").build();   // 1m, 10 values, 4h
 * String prompt = s.toText(Locale.SIMPLIFIED_CHINESE);
 * }</pre>
 *
 * Indicators use TA-Lib's conventions (EMA seeded with an SMA, Wilder RSI/ATR) over the whole history
 * fetched (500 bars of each interval by default), so no warm-up value ever shows.
 *
 * <p><b>Closed candles only.</b> A snapshot taken at time T (its {@link #asOf()}) sees only candles closed at
 * or before T, in the intraday and the context series alike: the builder asks the source for candles up to
 * T and drops the open one, so changing any candle after T cannot change the snapshot. Open interest is
 * taken from its history as of T; a value that has no history (the funding rate) is the source's current
 * one and the text says so. The explicit option {@link Builder#includeOpenCandle(boolean)} (default false)
 * keeps the newest, still open candle of each interval for people who want the live view; the text then
 * marks it. The text names the symbol, the decision time and the last candle's close time.
 */
public final class MarketSnapshot {
    /** Bars of each interval the builder fetches by default. */
    public static final int DEFAULT_HISTORY_BARS = 500;
    /** Fewest bars of each interval the builder accepts to fetch (so that warm-up never shows). */
    public static final int MIN_HISTORY_BARS = 300;
    /** Closed context candles averaged for {@link #contextAvgVolume()}. */
    public static final int AVG_VOLUME_BARS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(MarketSnapshot.class);

    private final Symbol symbol;
    private final Interval intradayInterval;
    private final Interval contextInterval;
    private final int seriesLength;
    private final Instant asOf;
    private final Instant candleTime;
    private final Instant contextCandleTime;
    private final double price;
    private final double ema20;
    private final double macd;
    private final double rsi7;
    private final double contextEma20;
    private final double contextEma50;
    private final double contextAtr3;
    private final double contextAtr14;
    private final double contextVolume;
    private final double contextAvgVolume;
    private final boolean contextCandleOpen;
    private final List<Double> intradayMid;
    private final List<Double> intradayEma20;
    private final List<Double> intradayMacd;
    private final List<Double> intradayRsi7;
    private final List<Double> intradayRsi14;
    private final List<Double> contextMacd;
    private final List<Double> contextRsi14;
    private final Optional<DerivativesInfo> derivatives;
    private final Optional<SourceInfo.Kind> source;
    private final boolean includeOpenCandle;
    private final boolean candleOpen;
    private final Instant lastCloseTime;

    private MarketSnapshot(
            Symbol symbol,
            List<Candle> intraday,
            List<Candle> context,
            Optional<DerivativesInfo> derivatives,
            int seriesLength,
            Instant asOf,
            Optional<SourceInfo.Kind> source,
            boolean includeOpenCandle) {
        this.symbol = symbol;
        this.source = source;
        this.includeOpenCandle = includeOpenCandle;
        this.intradayInterval = intraday.get(0).interval();
        this.contextInterval = context.get(0).interval();
        this.seriesLength = seriesLength;
        this.asOf = asOf;
        this.derivatives = derivatives;

        IndicatorResult in =
                Indicators.on(intraday).ema(20).macd(12, 26, 9).rsi(7).rsi(14).compute();
        Candle lastIntraday = intraday.get(intraday.size() - 1);
        this.candleTime = lastIntraday.openTime();
        this.candleOpen = isOpen(lastIntraday, asOf);
        this.lastCloseTime = lastIntraday.closeTime();
        double[] close = in.close();
        double[] high = in.high();
        double[] low = in.low();
        double[] mid = new double[close.length];
        for (int i = 0; i < mid.length; i++) {
            mid[i] = (high[i] + low[i]) / 2;
        }
        double[] ema = in.ema(20);
        double[] macdLine = in.macd(12, 26, 9).line();
        double[] r7 = in.rsi(7);
        this.price = IndicatorResult.last(close);
        this.ema20 = IndicatorResult.last(ema);
        this.macd = IndicatorResult.last(macdLine);
        this.rsi7 = IndicatorResult.last(r7);
        this.intradayMid = tail(mid, seriesLength);
        this.intradayEma20 = tail(ema, seriesLength);
        this.intradayMacd = tail(macdLine, seriesLength);
        this.intradayRsi7 = tail(r7, seriesLength);
        this.intradayRsi14 = tail(in.rsi(14), seriesLength);

        IndicatorResult cx = Indicators.on(context)
                .ema(20)
                .ema(50)
                .atr(3)
                .atr(14)
                .macd(12, 26, 9)
                .rsi(14)
                .compute();
        Candle lastContext = context.get(context.size() - 1);
        this.contextCandleTime = lastContext.openTime();
        this.contextCandleOpen = isOpen(lastContext, asOf);
        this.contextEma20 = IndicatorResult.last(cx.ema(20));
        this.contextEma50 = IndicatorResult.last(cx.ema(50));
        this.contextAtr3 = IndicatorResult.last(cx.atr(3));
        this.contextAtr14 = IndicatorResult.last(cx.atr(14));
        double[] vol = cx.volume();
        this.contextVolume = IndicatorResult.last(vol);
        int closedEnd = contextCandleOpen ? vol.length - 1 : vol.length;
        int from = Math.max(0, closedEnd - AVG_VOLUME_BARS);
        double sum = 0;
        for (int i = from; i < closedEnd; i++) {
            sum += vol[i];
        }
        this.contextAvgVolume = closedEnd > from ? sum / (closedEnd - from) : Double.NaN;
        this.contextMacd = tail(cx.macd(12, 26, 9).line(), seriesLength);
        this.contextRsi14 = tail(cx.rsi(14), seriesLength);
    }

    private static boolean isOpen(Candle c, Instant asOf) {
        return !c.closed() || c.closeTime().isAfter(asOf);
    }

    private static List<Double> tail(double[] values, int n) {
        double[] t = IndicatorResult.tail(values, n);
        List<Double> out = new ArrayList<>(t.length);
        for (double v : t) {
            out.add(v);
        }
        return Collections.unmodifiableList(out);
    }

    /** A builder that fetches from {@code market}. */
    public static Builder builder(MarketDataSource market) {
        return new Builder(market);
    }

    /**
     * A snapshot from candles already at hand (replay, backtests, a warm cache): no I/O, closed candles only
     * (a candle counts as closed at {@code asOf} when it is final and its close time is at or before {@code
     * asOf}; the others are ignored, so a replay never sees the future), source unknown.
     *
     * @param intradayCandles oldest first, at least {@code seriesLength} of them closed by {@code asOf}
     * @param contextCandles oldest first, at least {@code seriesLength} of them closed by {@code asOf}
     * @throws InvalidRequestException for empty, unordered or mixed candles or a bad series length
     */
    public static MarketSnapshot fromCandles(
            Symbol symbol,
            List<Candle> intradayCandles,
            List<Candle> contextCandles,
            Optional<DerivativesInfo> derivatives,
            int seriesLength,
            Instant asOf) {
        return fromCandles(
                symbol, intradayCandles, contextCandles, derivatives, seriesLength, asOf, Optional.empty(), false);
    }

    /**
     * As {@link #fromCandles(Symbol, List, List, Optional, int, Instant)}, naming the market source the
     * candles came from ({@code binance} / {@code simulated}), and with {@code includeOpenCandle} true keeping
     * the newest candle of each interval that opened at or before {@code asOf} even while it is still open
     * (the live view; never for decisions that must be reproducible).
     */
    public static MarketSnapshot fromCandles(
            Symbol symbol,
            List<Candle> intradayCandles,
            List<Candle> contextCandles,
            Optional<DerivativesInfo> derivatives,
            int seriesLength,
            Instant asOf,
            Optional<SourceInfo.Kind> source,
            boolean includeOpenCandle) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(derivatives, "derivatives");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(source, "source");
        checkSeriesLength(seriesLength);
        List<Candle> intraday = upTo(symbol, "intradayCandles", intradayCandles, asOf, seriesLength, includeOpenCandle);
        List<Candle> context = upTo(symbol, "contextCandles", contextCandles, asOf, seriesLength, includeOpenCandle);
        return new MarketSnapshot(
                symbol, intraday, context, derivatives, seriesLength, asOf, source, includeOpenCandle);
    }

    private static void checkSeriesLength(int n) {
        if (n < 1 || n > 1000) {
            throw new InvalidRequestException("seriesLength", "seriesLength must be between 1 and 1000, got " + n);
        }
    }

    private static List<Candle> upTo(
            Symbol symbol, String field, List<Candle> candles, Instant asOf, int min, boolean includeOpen) {
        Objects.requireNonNull(candles, field);
        List<Candle> kept = new ArrayList<>(candles.size());
        Interval interval = null;
        for (Candle c : candles) {
            if (!c.symbol().equals(symbol)) {
                throw new InvalidRequestException(
                        field, field + " holds a " + c.symbol() + " candle, expected " + symbol);
            }
            if (interval == null) {
                interval = c.interval();
            } else if (c.interval() != interval) {
                throw new InvalidRequestException(
                        field, field + " mixes intervals " + interval + " and " + c.interval());
            }
            if (includeOpen ? !c.openTime().isAfter(asOf) : !isOpen(c, asOf)) {
                kept.add(c);
            }
        }
        if (kept.size() < min) {
            throw new InvalidRequestException(
                    field,
                    field + " has " + kept.size() + " candles " + (includeOpen ? "opening" : "closed")
                            + " at or before " + asOf + "; need at least " + min
                            + " (and several hundred for warm-up to fade)");
        }
        return kept;
    }

    public Symbol symbol() {
        return symbol;
    }

    public Interval intradayInterval() {
        return intradayInterval;
    }

    public Interval contextInterval() {
        return contextInterval;
    }

    /** How many values each series holds. */
    public int seriesLength() {
        return seriesLength;
    }

    /** When the snapshot was taken (the builder's clock, or the replay time). */
    public Instant asOf() {
        return asOf;
    }

    /** Open time of the latest intraday candle used. */
    public Instant candleTime() {
        return candleTime;
    }

    /** Close time of the latest intraday candle used (Binance's: the last millisecond of its bucket). */
    public Instant lastCloseTime() {
        return lastCloseTime;
    }

    /**
     * Whether the latest intraday candle is still open at {@link #asOf()}: only ever true with {@link
     * Builder#includeOpenCandle(boolean)}.
     */
    public boolean candleOpen() {
        return candleOpen;
    }

    /** Whether the snapshot was built with the open candles kept (the live view), not closed ones only. */
    public boolean includesOpenCandle() {
        return includeOpenCandle;
    }

    /** The market source the candles came from ({@code binance} / {@code simulated}), when known. */
    public Optional<SourceInfo.Kind> source() {
        return source;
    }

    /** Open time of the latest context candle used. */
    public Instant contextCandleTime() {
        return contextCandleTime;
    }

    /** Close of the latest intraday candle used (with the open candle kept, the last trade price). */
    public double price() {
        return price;
    }

    /** EMA(20) of intraday closes, now. */
    public double ema20() {
        return ema20;
    }

    /** MACD(12, 26, 9) line of intraday closes, now. */
    public double macd() {
        return macd;
    }

    /** RSI(7) of intraday closes, now. */
    public double rsi7() {
        return rsi7;
    }

    public double contextEma20() {
        return contextEma20;
    }

    public double contextEma50() {
        return contextEma50;
    }

    public double contextAtr3() {
        return contextAtr3;
    }

    public double contextAtr14() {
        return contextAtr14;
    }

    /** Volume of the latest context candle (partial while {@link #contextCandleOpen()}). */
    public double contextVolume() {
        return contextVolume;
    }

    /** Mean volume of the last {@value #AVG_VOLUME_BARS} closed context candles. */
    public double contextAvgVolume() {
        return contextAvgVolume;
    }

    /** Whether the latest context candle is still open (its volume partial): only with the open candles kept. */
    public boolean contextCandleOpen() {
        return contextCandleOpen;
    }

    /** Midpoints {@code (high + low) / 2} of the last intraday candles, oldest → newest. */
    public List<Double> intradayMid() {
        return intradayMid;
    }

    public List<Double> intradayEma20() {
        return intradayEma20;
    }

    /** MACD(12, 26, 9) line, oldest → newest. */
    public List<Double> intradayMacd() {
        return intradayMacd;
    }

    public List<Double> intradayRsi7() {
        return intradayRsi7;
    }

    public List<Double> intradayRsi14() {
        return intradayRsi14;
    }

    /** MACD(12, 26, 9) line of the context interval, oldest → newest. */
    public List<Double> contextMacd() {
        return contextMacd;
    }

    public List<Double> contextRsi14() {
        return contextRsi14;
    }

    /** Open interest and funding, when the source has them. */
    public Optional<DerivativesInfo> derivatives() {
        return derivatives;
    }

    /**
     * The prompt text: {@link Locale#CHINESE} (any Chinese locale) gives the product plan's Chinese layout,
     * any other locale the English one.
     */
    public String toText(Locale locale) {
        Objects.requireNonNull(locale, "locale");
        return SnapshotText.render(this, "zh".equals(locale.getLanguage()));
    }

    /** The same numbers at full precision, as JSON (NaN written as {@code null}). */
    public String toJson() {
        return SnapshotJson.render(this);
    }

    @Override
    public String toString() {
        return "MarketSnapshot[" + symbol + " " + intradayInterval + "/" + contextInterval + " at " + candleTime
                + ", price " + Numbers.format(price) + "]";
    }

    /**
     * Fetches history and derivatives and builds a {@link MarketSnapshot}. Defaults: intraday {@code 1m},
     * context {@code 4h}, 10 values per series, {@value MarketSnapshot#DEFAULT_HISTORY_BARS} bars of each
     * interval, open-interest mean over 30 × 5 minutes, the system UTC clock.
     */
    public static final class Builder {
        private final MarketDataSource market;
        private Symbol symbol;
        private Interval intradayInterval = Interval.M1;
        private Interval contextInterval = Interval.H4;
        private int seriesLength = 10;
        private int historyBars = DEFAULT_HISTORY_BARS;
        private Clock clock = Clock.systemUTC();
        private Duration openInterestPeriod = Duration.ofMinutes(5);
        private int openInterestPoints = 30;
        private boolean includeDerivatives = true;
        private boolean includeOpenCandle;

        private Builder(MarketDataSource market) {
            this.market = Objects.requireNonNull(market, "market");
        }

        /** The symbol, written {@code BTC/USDT} (also {@code BTC-USDT}, {@code BTCUSDT}). */
        public Builder symbol(String symbol) {
            this.symbol = Symbol.parse(symbol);
            return this;
        }

        public Builder symbol(Symbol symbol) {
            this.symbol = Objects.requireNonNull(symbol, "symbol");
            return this;
        }

        /** Interval of the current values and intraday series; default {@code 1m}. */
        public Builder intradayInterval(Interval interval) {
            this.intradayInterval = Objects.requireNonNull(interval, "intradayInterval");
            return this;
        }

        /** Values per series, 1..1000; default 10. */
        public Builder seriesLength(int n) {
            this.seriesLength = n;
            return this;
        }

        /** Interval of the context block; default {@code 4h}. */
        public Builder contextInterval(Interval interval) {
            this.contextInterval = Objects.requireNonNull(interval, "contextInterval");
            return this;
        }

        /** Bars of each interval to fetch, {@value MarketSnapshot#MIN_HISTORY_BARS}..5000; default 500. */
        public Builder historyBars(int n) {
            this.historyBars = n;
            return this;
        }

        /** Source of {@link MarketSnapshot#asOf()}; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Window of the open-interest mean: {@code points} history points, one per {@code period} (Binance
         * accepts 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d); default 30 × 5 minutes.
         */
        public Builder openInterestWindow(Duration period, int points) {
            this.openInterestPeriod = Objects.requireNonNull(period, "period");
            this.openInterestPoints = points;
            return this;
        }

        /**
         * Whether to keep the newest, still open candle of each interval (the live view); default false:
         * closed candles only, so a decision at time T sees nothing after T. With it, the snapshot (and a
         * prompt built on it) changes until the candle closes, and the text marks the open candle.
         */
        public Builder includeOpenCandle(boolean include) {
            this.includeOpenCandle = include;
            return this;
        }

        /** Whether to ask the source for open interest and funding; default true. */
        public Builder derivatives(boolean include) {
            this.includeDerivatives = include;
            return this;
        }

        /**
         * Validates the settings, fetches {@code historyBars} candles of each interval up to the clock's
         * instant (closed ones only unless {@link #includeOpenCandle(boolean)}) and the derivatives data as
         * of that instant, and computes the snapshot. A derivatives failure is logged and leaves that part out (the text
         * then says it is unavailable); a candle failure propagates.
         *
         * @throws InvalidRequestException for a missing symbol or a setting out of range
         */
        public MarketSnapshot build() {
            if (symbol == null) {
                throw new InvalidRequestException("symbol", "symbol is required, e.g. .symbol(\"BTC/USDT\")");
            }
            checkSeriesLength(seriesLength);
            if (historyBars < MIN_HISTORY_BARS || historyBars > 5000) {
                throw new InvalidRequestException(
                        "historyBars",
                        "historyBars must be between " + MIN_HISTORY_BARS + " and 5000, got " + historyBars);
            }
            if (historyBars < seriesLength) {
                throw new InvalidRequestException(
                        "seriesLength", "seriesLength " + seriesLength + " exceeds historyBars " + historyBars);
            }
            if (openInterestPeriod.isNegative()
                    || openInterestPeriod.isZero()
                    || openInterestPoints < 1
                    || openInterestPoints > 500) {
                throw new InvalidRequestException(
                        "openInterestWindow",
                        "openInterestWindow needs a positive period and 1..500 points, got " + openInterestPoints
                                + " × " + openInterestPeriod);
            }
            Instant asOf = clock.instant();
            // up to asOf: the source may hold later candles when the clock is a replay's or the decision's
            List<Candle> intraday = market.klines(
                    new KlineQuery(symbol, intradayInterval, Optional.empty(), Optional.of(asOf), historyBars));
            List<Candle> context = market.klines(
                    new KlineQuery(symbol, contextInterval, Optional.empty(), Optional.of(asOf), historyBars));
            Optional<DerivativesInfo> d = includeDerivatives ? fetchDerivatives(asOf) : Optional.empty();
            return fromCandles(
                    symbol,
                    intraday,
                    context,
                    d,
                    seriesLength,
                    asOf,
                    Optional.of(market.source().kind()),
                    includeOpenCandle);
        }

        private Optional<DerivativesInfo> fetchDerivatives(Instant asOf) {
            Optional<DerivativesData> source = market.derivatives();
            if (source.isEmpty()) {
                return Optional.empty();
            }
            DerivativesData data = source.get();
            Optional<DerivativesInfo.OpenInterestStats> oi = Optional.empty();
            try {
                oi = Optional.of(openInterestAsOf(data, asOf));
            } catch (CryptoGoException e) {
                LOG.warn("open interest for {} unavailable: {}", symbol, e.getMessage());
            }
            Optional<DerivativesInfo.Funding> funding = Optional.empty();
            try {
                FundingRate f = data.fundingRate(symbol);
                // the port has no funding history: the current rate, marked as such when read after asOf
                funding = Optional.of(new DerivativesInfo.Funding(
                        f.rate().doubleValue(),
                        f.interval(),
                        Optional.of(f.nextFundingTime()),
                        f.time().isAfter(asOf)));
            } catch (CryptoGoException e) {
                LOG.warn("funding rate for {} unavailable: {}", symbol, e.getMessage());
            }
            if (oi.isEmpty() && funding.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DerivativesInfo(oi, funding));
        }

        /**
         * Open interest as of {@code asOf}. The source's current value counts when it was taken at or before
         * {@code asOf}; otherwise the last history point at or before {@code asOf} does, with history fetched
         * with room for the lag between the two (at most the 500 points Binance serves). The mean is over the
         * {@code openInterestPoints} history points up to {@code asOf}. When no history reaches back to {@code
         * asOf}, the current value is used and marked as current.
         */
        private DerivativesInfo.OpenInterestStats openInterestAsOf(DerivativesData data, Instant asOf) {
            OpenInterest now = data.openInterest(symbol);
            boolean late = now.time().isAfter(asOf);
            long lag = late ? Duration.between(asOf, now.time()).toMillis() / openInterestPeriod.toMillis() + 1 : 0;
            int limit = (int) Math.min(500, openInterestPoints + lag);
            List<OpenInterest> hist = data.openInterestHistory(symbol, openInterestPeriod, limit).stream()
                    .filter(o -> !o.time().isAfter(asOf))
                    .toList();
            List<OpenInterest> window = hist.subList(Math.max(0, hist.size() - openInterestPoints), hist.size());
            double mean = window.stream()
                    .mapToDouble(o -> o.amount().doubleValue())
                    .average()
                    .orElse(Double.NaN);
            OpenInterest latest = !late || window.isEmpty() ? now : window.get(window.size() - 1);
            return new DerivativesInfo.OpenInterestStats(
                    latest.amount().doubleValue(),
                    mean,
                    openInterestPeriod,
                    window.size(),
                    Optional.of(latest.time()),
                    late && window.isEmpty());
        }
    }
}
