package io.cryptogo.ai;

import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
        Rendering rendering) {

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

    public SignalInput {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(contextInterval, "contextInterval");
        Objects.requireNonNull(candleTime, "candleTime");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rendering, "rendering");
        macdSeries = List.copyOf(macdSeries);
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be positive, got " + price);
        }
    }

    /** The numbers and renderings of a snapshot (its text in both languages, its JSON). */
    public static SignalInput of(MarketSnapshot s) {
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
                });
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
