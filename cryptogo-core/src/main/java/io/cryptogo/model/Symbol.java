package io.cryptogo.model;

import io.cryptogo.error.InvalidRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A trading pair, written {@code BTC/USDT} wherever a person sees it. {@link #parse(String)} also
 * accepts {@code BTC-USDT}, {@code btc_usdt} and, where the quote asset is a known one, {@code BTCUSDT}.
 */
public record Symbol(String base, String quote) implements Comparable<Symbol> {
    private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{1,20}");

    /** Quote assets recognised in concatenated symbols such as {@code BTCUSDT}, longest first. */
    public static final List<String> KNOWN_QUOTES =
            List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "DAI", "EUR", "TRY", "BRL", "JPY", "BTC", "ETH", "BNB");

    public Symbol {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        if (!ASSET.matcher(base).matches() || !ASSET.matcher(quote).matches()) {
            throw new InvalidRequestException(
                    "symbol",
                    "asset codes must be 1-20 upper-case letters or digits, got '" + base + "/" + quote + "'");
        }
    }

    public static Symbol of(String base, String quote) {
        return new Symbol(base.trim().toUpperCase(Locale.ROOT), quote.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * Parses {@code BTC/USDT}, {@code BTC-USDT}, {@code BTC_USDT} or {@code BTCUSDT} (the last only when it
     * ends in one of {@link #KNOWN_QUOTES}).
     *
     * @throws InvalidRequestException naming the field {@code symbol} and the accepted forms
     */
    public static Symbol parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(
                    "symbol", "symbol is missing; write it like BTC/USDT, BTC-USDT or BTCUSDT");
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (char sep : new char[] {'/', '-', '_'}) {
            int i = t.indexOf(sep);
            if (i > 0 && i < t.length() - 1 && t.indexOf(sep, i + 1) < 0) {
                return checked(text, t.substring(0, i), t.substring(i + 1));
            }
        }
        for (String q : KNOWN_QUOTES) {
            if (t.endsWith(q) && t.length() > q.length()) {
                return checked(text, t.substring(0, t.length() - q.length()), q);
            }
        }
        throw new InvalidRequestException(
                "symbol",
                "cannot read symbol '" + text + "'; write it like BTC/USDT, BTC-USDT or BTCUSDT (known quotes: "
                        + String.join(", ", KNOWN_QUOTES) + ")");
    }

    private static Symbol checked(String original, String base, String quote) {
        if (!ASSET.matcher(base).matches() || !ASSET.matcher(quote).matches()) {
            throw new InvalidRequestException(
                    "symbol", "cannot read symbol '" + original + "'; write it like BTC/USDT, BTC-USDT or BTCUSDT");
        }
        return new Symbol(base, quote);
    }

    /** Binance's form, {@code BTCUSDT}. */
    public String exchangeCode() {
        return base + quote;
    }

    /** The form safe in a URL path segment, {@code BTC-USDT}. */
    public String pathForm() {
        return base + "-" + quote;
    }

    @Override
    public int compareTo(Symbol o) {
        return toString().compareTo(o.toString());
    }

    /** {@code BTC/USDT} */
    @Override
    public String toString() {
        return base + "/" + quote;
    }
}
