package io.cryptogo.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one bounded decimal parser of the app: every decimal in a request body or parameter goes through it
 * before any arithmetic, so that {@code 1e999999999} or a 1 MB digit string answers 400 naming the field in
 * microseconds instead of expanding into gigabytes. Limits: at most {@value #MAX_TEXT} characters of text,
 * ASCII digits only, at most {@value #MAX_DIGITS} significant digits (60 for {@link #ANY}), an exponent of at most three digits,
 * at most {@link Bounds#maxScale()} decimals and a value in the field's {@link Bounds range}. Errors quote
 * the input cut to {@value #MAX_TEXT} characters and never write an unbounded number out.
 *
 * <pre>{@code
 * BigDecimal q = Decimals.parse("quantity", body.get("quantity"), Decimals.QUANTITY);   // "0.01" or 0.01
 * }</pre>
 */
public final class Decimals {
    /** Longest accepted text of a number, and the longest quote of a bad input in an error. */
    public static final int MAX_TEXT = 64;
    /** Most significant digits accepted. */
    public static final int MAX_DIGITS = 30;

    private static final Pattern SYNTAX = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]{1,3})?");

    /** A price (limit, stop loss, take profit, entry): {@code 0 < p <= 1e12}, at most 18 decimals. */
    public static final Bounds PRICE = new Bounds(BigDecimal.ZERO, false, new BigDecimal("1e12"), 18);
    /** A quantity of the base asset: {@code 0 < q <= 1e12}, at most 18 decimals. */
    public static final Bounds QUANTITY = new Bounds(BigDecimal.ZERO, false, new BigDecimal("1e12"), 18);
    /** Any amount a body may hold (PnL, fees, settings): {@code |x| <= 1e30}, at most 40 decimals and 60 digits. */
    public static final Bounds ANY = new Bounds(new BigDecimal("-1e30"), true, new BigDecimal("1e30"), 40);
    /** A probability such as a confidence: {@code 0 <= c <= 1}. */
    public static final Bounds UNIT = new Bounds(BigDecimal.ZERO, true, BigDecimal.ONE, 18);

    private Decimals() {}

    /**
     * A field's accepted range.
     *
     * @param min the lower bound
     * @param minInclusive whether {@code min} itself is accepted
     * @param max the upper bound (inclusive)
     * @param maxScale most decimals accepted (after trailing zeros are dropped)
     */
    public record Bounds(BigDecimal min, boolean minInclusive, BigDecimal max, int maxScale) {
        public Bounds {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.compareTo(max) >= 0 || maxScale < 0 || maxScale > 40) {
                throw new IllegalArgumentException("bounds need min < max and 0 <= maxScale <= 40");
            }
        }

        /** Most significant digits: {@value #MAX_DIGITS} for fields of up to 18 decimals, 60 beyond. */
        int maxDigits() {
            return maxScale <= 18 ? MAX_DIGITS : 60;
        }

        String describe() {
            return (minInclusive ? "[" : "(") + min.toPlainString() + ", " + max.toPlainString() + "] with at most "
                    + maxScale + " decimals";
        }
    }

    /** The field of a JSON object when present and not null: a JSON number or a string holding one. */
    public static Optional<BigDecimal> optional(JsonNode object, String field, Bounds bounds) {
        JsonNode v = object == null ? null : object.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(parse(field, v, bounds));
    }

    /** The field of a JSON object; 400 naming it when absent. */
    public static BigDecimal required(JsonNode object, String field, Bounds bounds) {
        return optional(object, field, bounds)
                .orElseThrow(() -> new InvalidRequestException(
                        field, field + " is required; accepted values: a number in " + bounds.describe()));
    }

    /** A JSON value: a number, or a string holding one (Binance writes decimals as strings). */
    public static BigDecimal parse(String field, JsonNode v, Bounds bounds) {
        if (v.isTextual()) {
            return parse(field, v.textValue(), bounds);
        }
        if (!v.isNumber()) {
            throw new InvalidRequestException(
                    field,
                    field + " must be a number or a decimal string, got a JSON " + kind(v) + "; accepted values: "
                            + bounds.describe());
        }
        BigDecimal d;
        if (v.isFloat() || v.isDouble()) {
            double x = v.doubleValue();
            if (!Double.isFinite(x)) {
                throw invalid(field, "not a finite number", String.valueOf(x), bounds);
            }
            d = BigDecimal.valueOf(x);
        } else {
            d = v.decimalValue(); // DecimalNode, IntNode, LongNode, BigIntegerNode: no expansion
        }
        return check(field, d, d.toString(), bounds);
    }

    /** A decimal written as text: {@code 0.01}, {@code 97000}, {@code 1.5e3}. */
    public static BigDecimal parse(String field, String text, Bounds bounds) {
        if (text == null || text.isEmpty()) {
            throw invalid(field, "empty", "", bounds);
        }
        if (text.length() > MAX_TEXT) {
            throw invalid(field, "longer than " + MAX_TEXT + " characters", text, bounds);
        }
        if (!SYNTAX.matcher(text).matches()) {
            throw invalid(field, "not a decimal number (ASCII digits, '.', an optional exponent)", text, bounds);
        }
        return check(field, new BigDecimal(text), text, bounds);
    }

    private static BigDecimal check(String field, BigDecimal d, String shown, Bounds bounds) {
        if (d.precision() > bounds.maxDigits()) {
            throw invalid(field, "more than " + bounds.maxDigits() + " significant digits", shown, bounds);
        }
        // precision - scale - 1 is the decimal exponent of the leading digit; compare before any arithmetic
        long exponent = (long) d.precision() - d.scale() - 1;
        long maxExponent = (long) bounds.max().precision() - bounds.max().scale() - 1;
        if (d.signum() != 0 && exponent > maxExponent) {
            throw invalid(field, "out of range", shown, bounds);
        }
        if (d.signum() != 0 && exponent < -(bounds.maxScale() + 1L)) {
            throw invalid(field, "more than " + bounds.maxScale() + " decimals", shown, bounds);
        }
        int c = d.compareTo(bounds.min());
        if (c < 0 || (c == 0 && !bounds.minInclusive()) || d.compareTo(bounds.max()) > 0) {
            throw invalid(field, "out of range", shown, bounds);
        }
        BigDecimal n = d.stripTrailingZeros();
        if (n.scale() > bounds.maxScale()) {
            throw invalid(field, "more than " + bounds.maxScale() + " decimals", shown, bounds);
        }
        return n.scale() < 0 ? n.setScale(0) : n;
    }

    private static InvalidRequestException invalid(String field, String why, String input, Bounds bounds) {
        return new InvalidRequestException(
                field,
                field + " " + quote(input) + " is " + why + "; accepted values: a number in " + bounds.describe());
    }

    /** {@code 'text'}, cut to {@value #MAX_TEXT} characters with an ellipsis: how errors quote an input. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
        StringBuilder b = new StringBuilder(t.length() + 2).append('\'');
        t.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('\'').toString();
    }

    static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case BOOLEAN -> "boolean";
            case STRING -> "string";
            case NUMBER -> "number";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
