package io.cryptogo.ai;

import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a generator decides from: the verified numbers of one market snapshot ({@link Values}) and its
 * renderings, the position held and the market source. Built from a {@code MarketSnapshot} by {@link #of};
 * tests and users with their own data may build it directly. Every number also has its own accessor ({@code
 * in.price()}, {@code in.atr()}, …).
 *
 * @param interval the decision (intraday) interval, e.g. 1h
 * @param contextInterval the context interval, e.g. 4h
 * @param candleTime open time of the last closed candle of {@code interval} the decision is taken on
 * @param asOf when the snapshot was taken (the decision time)
 * @param values the indicator values the rules and the validator read
 * @param rendering the snapshot as text (zh, en) and JSON
 * @param holding what the account holds of the base asset: a SELL needs something to close or reduce
 * @param marketSource the market source the numbers came from ({@code binance} / {@code simulated}), when
 *     known; recorded with the decision
 */
public record SignalInput(
        Symbol symbol,
        Interval interval,
        Interval contextInterval,
        Instant candleTime,
        Instant asOf,
        Values values,
        Rendering rendering,
        Holding holding,
        Optional<SourceInfo.Kind> marketSource) {

    /**
     * The verified numbers a decision reads.
     *
     * @param price the last close
     * @param ema20 EMA(20) of intraday closes
     * @param macd the intraday MACD(12, 26, 9) line, now
     * @param rsi7 RSI(7) of intraday closes
     * @param macdSeries the intraday MACD line, oldest first (at least the last two values)
     * @param contextEma20 EMA(20) on the context interval
     * @param contextEma50 EMA(50) on the context interval
     * @param atr ATR(14) on the context interval, the unit of the stop band
     */
    public record Values(
            double price,
            double ema20,
            double macd,
            double rsi7,
            List<Double> macdSeries,
            double contextEma20,
            double contextEma50,
            double atr) {
        public Values {
            macdSeries = List.copyOf(macdSeries);
            if (!(price > 0) || !Double.isFinite(price)) {
                throw new IllegalArgumentException("price must be positive, got " + price);
            }
        }
    }

    /** The snapshot as text and JSON, rendered on demand (the rules never need the text). */
    public interface Rendering {
        /** The text in {@code zh} or {@code en}. */
        String text(Locale language);

        /** The numbers as JSON, stored with the decision. */
        String json();

        /** Fixed texts. */
        static Rendering of(String textEn, String textZh, String json) {
            Objects.requireNonNull(textEn, "textEn");
            Objects.requireNonNull(textZh, "textZh");
            Objects.requireNonNull(json, "json");
            return new Rendering() {
                @Override
                public String text(Locale language) {
                    return Locale.CHINESE.getLanguage().equals(language.getLanguage()) ? textZh : textEn;
                }

                @Override
                public String json() {
                    return json;
                }
            };
        }
    }

    /** Every value flat, in the order of the first release, with the holding and the market source. */
    public SignalInput(
            Symbol symbol,
            Interval interval,
            Interval contextInterval,
            Instant candleTime,
            Instant asOf,
            double price,
            double ema20,
            double macd,
            double rsi7,
            List<Double> macdSeries,
            double contextEma20,
            double contextEma50,
            double atr,
            Rendering rendering,
            Holding holding,
            Optional<SourceInfo.Kind> marketSource) {
        this(
                symbol,
                interval,
                contextInterval,
                candleTime,
                asOf,
                new Values(price, ema20, macd, rsi7, macdSeries, contextEma20, contextEma50, atr),
                rendering,
                holding,
                marketSource);
    }

    /** Every value flat, in the order of the first release: nothing held, market source unknown. */
    public SignalInput(
            Symbol symbol,
            Interval interval,
            Interval contextInterval,
            Instant candleTime,
            Instant asOf,
            double price,
            double ema20,
            double macd,
            double rsi7,
            List<Double> macdSeries,
            double contextEma20,
            double contextEma50,
            double atr,
            Rendering rendering) {
        this(
                symbol,
                interval,
                contextInterval,
                candleTime,
                asOf,
                price,
                ema20,
                macd,
                rsi7,
                macdSeries,
                contextEma20,
                contextEma50,
                atr,
                rendering,
                Holding.NONE,
                Optional.empty());
    }

    public SignalInput {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(contextInterval, "contextInterval");
        Objects.requireNonNull(candleTime, "candleTime");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rendering, "rendering");
        Objects.requireNonNull(holding, "holding");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(marketSource, "marketSource");
    }

    public double price() {
        return values.price();
    }

    public double ema20() {
        return values.ema20();
    }

    public double macd() {
        return values.macd();
    }

    public double rsi7() {
        return values.rsi7();
    }

    /** The intraday MACD line, oldest first. */
    public List<Double> macdSeries() {
        return values.macdSeries();
    }

    public double contextEma20() {
        return values.contextEma20();
    }

    public double contextEma50() {
        return values.contextEma50();
    }

    /** ATR(14) on the context interval, the unit of the stop band. */
    public double atr() {
        return values.atr();
    }

    /**
     * The numbers and renderings of a snapshot (its text in both languages, its JSON) and its market source,
     * with nothing held: a SELL then becomes a HOLD ("no position to sell"). Use {@link #of(MarketSnapshot,
     * Holding)} when the account holds the asset.
     */
    public static SignalInput of(MarketSnapshot s) {
        return of(s, Holding.NONE);
    }

    /** As {@link #of(MarketSnapshot)}, with what the account holds of the base asset. */
    public static SignalInput of(MarketSnapshot s, Holding holding) {
        return new SignalInput(
                s.symbol(),
                s.intradayInterval(),
                s.contextInterval(),
                s.candleTime(),
                s.asOf(),
                s.price(),
                s.ema20(),
                s.macd(),
                s.rsi7(),
                s.intradayMacd(),
                s.contextEma20(),
                s.contextEma50(),
                s.contextAtr14(),
                new Rendering() {
                    @Override
                    public String text(Locale language) {
                        return s.toText(language);
                    }

                    @Override
                    public String json() {
                        return s.toJson();
                    }
                },
                holding,
                s.source());
    }

    /** The same input with another holding. */
    public SignalInput withHolding(Holding h) {
        return new SignalInput(symbol, interval, contextInterval, candleTime, asOf, values, rendering, h, marketSource);
    }

    /** The snapshot text in {@code zh} or {@code en} (anything not Chinese reads English). */
    public String text(Locale language) {
        return rendering.text(language);
    }

    /** The snapshot as JSON. */
    public String json() {
        return rendering.json();
    }
}
