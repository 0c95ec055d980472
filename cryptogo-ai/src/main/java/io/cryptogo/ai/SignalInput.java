package io.cryptogo.ai;

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
 * @param textEn the snapshot as English text
 * @param textZh the snapshot as Chinese text (the product plan's layout)
 * @param json the snapshot as JSON, stored with the decision
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
        String textEn,
        String textZh,
        String json) {

    public SignalInput {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(contextInterval, "contextInterval");
        Objects.requireNonNull(candleTime, "candleTime");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(textEn, "textEn");
        Objects.requireNonNull(textZh, "textZh");
        Objects.requireNonNull(json, "json");
        macdSeries = List.copyOf(macdSeries);
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be positive, got " + price);
        }
    }

    /** The snapshot text in {@code zh} or {@code en} (anything not Chinese reads English). */
    public String text(Locale language) {
        return Locale.CHINESE.getLanguage().equals(language.getLanguage()) ? textZh : textEn;
    }
}
