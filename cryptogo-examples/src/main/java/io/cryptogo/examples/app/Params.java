package io.cryptogo.examples.app;

import io.cryptogo.InvalidRequestException;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads request parameters into CryptoGo types, turning every mistake into an {@link
 * InvalidRequestException} that names the parameter and the accepted values (so it answers 400).
 *
 * <pre>{@code
 * Symbol s = Params.querySymbol(ctx, "symbol", settings.defaultSymbol());   // BTC/USDT, BTC-USDT, BTCUSDT
 * int limit = Params.intInRange(ctx, "limit", 100, 1, 1000);
 * MyOrder o = Params.body(ctx, MyOrder.class);
 * }</pre>
 */
public final class Params {
    private Params() {}

    /** A symbol from the query ({@code BTC/USDT}, {@code BTC-USDT} or {@code BTCUSDT}), or the default. */
    public static Symbol querySymbol(Context ctx, String name, Symbol defaultValue) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? defaultValue : symbol(name, v);
    }

    /** A symbol from the path ({@code BTC-USDT} or {@code BTCUSDT}). */
    public static Symbol pathSymbol(Context ctx, String name) {
        return symbol(name, ctx.pathParam(name));
    }

    private static Symbol symbol(String name, String text) {
        try {
            return Symbol.parse(text);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(name, e.getMessage(), e);
        }
    }

    /** An interval ({@code 1m 5m 15m 1h 4h 1d}), or the default when absent. */
    public static Interval interval(Context ctx, String name, Interval defaultValue) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Interval.parse(v);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(
                    name, name.equals("interval") ? e.getMessage() : name + ": " + e.getMessage(), e);
        }
    }

    /** A whole number in {@code [min, max]}, or the default when absent. */
    public static int intInRange(Context ctx, String name, int defaultValue, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(
                    name, name + " '" + v + "' is not a whole number; accepted values: " + min + ".." + max);
        }
        if (n < min || n > max) {
            throw new InvalidRequestException(
                    name, name + " " + n + " is out of range; accepted values: " + min + ".." + max);
        }
        return n;
    }

    /** An instant written as epoch milliseconds, when present. */
    public static Optional<Instant> epochMillis(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            long ms = Long.parseLong(v.strip());
            if (ms < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(Instant.ofEpochMilli(ms));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(
                    name,
                    name + " '" + v + "' is not a time; accepted values: epoch milliseconds >= 0, e.g. "
                            + "1735689600000");
        }
    }

    /** One of {@code accepted} (case-insensitive, returned lower-case), or the default when absent. */
    public static String oneOf(Context ctx, String name, String defaultValue, java.util.List<String> accepted) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        String t = v.strip().toLowerCase(java.util.Locale.ROOT);
        if (!accepted.contains(t)) {
            throw new InvalidRequestException(
                    name, name + " '" + v + "' is not valid; accepted values: " + String.join(", ", accepted));
        }
        return t;
    }

    /** The JSON body as {@code type}; a malformed body is a 400 naming {@code body}. */
    public static <T> T body(Context ctx, Class<T> type) {
        try {
            return ctx.bodyAsClass(type);
        } catch (InvalidRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof InvalidRequestException ire) {
                throw ire;
            }
            throw new InvalidRequestException(
                    "body",
                    "the request body is not a valid " + type.getSimpleName() + ": "
                            + String.valueOf(root.getMessage())
                                    .lines()
                                    .findFirst()
                                    .orElse(""),
                    e);
        }
    }
}
