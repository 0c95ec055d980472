package io.cryptogo.ai.desk;

import io.cryptogo.error.SignalParseException;
import java.util.Locale;

/** A view's direction. */
public enum Bias {
    BULLISH,
    BEARISH,
    NEUTRAL;

    /** Lenient reading of a model's word: {@code bullish}, {@code long}, {@code up}, … */
    public static Bias parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "BULLISH", "BULL", "LONG", "UP", "BUY" -> BULLISH;
            case "BEARISH", "BEAR", "SHORT", "DOWN", "SELL" -> BEARISH;
            case "NEUTRAL", "FLAT", "SIDEWAYS", "HOLD", "NONE" -> NEUTRAL;
            default ->
                throw new SignalParseException(
                        "the bias '" + text.strip() + "' is not one of bullish, bearish, neutral; use exactly one");
        };
    }
}
