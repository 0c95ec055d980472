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
 * What a generator decides from: the verified numbers of one market snapshot and its renderings. Built from
 * a {@code MarketSnapshot} by {@link #of}; tests and users with their own data may build it directly.
 *
 * @param interval the decision (intraday) interval, e.g. 1h
 * @param candleTime open time of the last closed candle of {@code interval} the decision is taken on
 * @param asOf when the snapshot was taken
 * @param atr ATR(14) on the context interval, the unit of the stop band
 * @param macdSeries the intraday MACD line, oldest first (at least the last two values)
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

    /** An input without a holding (flat) and with the market source unknown. */
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
        Objects.requireNonNull(marketSource, "marketSource");
        macdSeries = List.copyOf(macdSeries);
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be positive, got " + price);
        }
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
        return new SignalInput(
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
                h,
                marketSource);
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
