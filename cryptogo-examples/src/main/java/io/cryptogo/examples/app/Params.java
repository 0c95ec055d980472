package io.cryptogo.examples.app;

import io.cryptogo.error.InvalidRequestException;
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
    private static final String QUERY_ATTRIBUTE = "cryptogo.query";
    /** ASCII only: Symbol.parse upper-cases, which would read "btc/uſdt" (long s) as BTC/USDT. */
    public static final java.util.regex.Pattern SYMBOL =
            java.util.regex.Pattern.compile("[A-Za-z0-9]{1,20}([/_-][A-Za-z0-9]{1,20})?");

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9]{1,18}");
    private static final java.util.regex.Pattern TOKEN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** JSON bodies: exact decimals, no duplicate keys, nothing after the value, bounded nesting and strings. */
    private static final com.fasterxml.jackson.databind.ObjectMapper BODY = bodyMapper();

    private Params() {}

    private static com.fasterxml.jackson.databind.ObjectMapper bodyMapper() {
        com.fasterxml.jackson.core.JsonFactory f = com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxNumberLength(1000)
                        .maxStringLength(64 * 1024)
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new com.fasterxml.jackson.databind.ObjectMapper(f)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The query string decoded strictly (UTF-8, {@code %XX} escapes, {@code +} as space), parsed once per
     * request. A malformed escape answers 400 naming the parameter it is in; it never reads as absent.
     */
    public static java.util.Map<String, java.util.List<String>> query(Context ctx) {
        java.util.Map<String, java.util.List<String>> cached = ctx.attribute(QUERY_ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        java.util.Map<String, java.util.List<String>> m = new java.util.LinkedHashMap<>();
        String q = ctx.queryString();
        if (q != null && !q.isEmpty()) {
            for (String pair : q.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String name = decode("query", rawName);
                String value = eq < 0 ? "" : decode(name, pair.substring(eq + 1));
                m.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
            }
        }
        ctx.attribute(QUERY_ATTRIBUTE, m);
        return m;
    }

    /**
     * The parameter's value, empty when the parameter is absent. Given twice or given with an empty value
     * ({@code symbol=}) it answers 400: leave a parameter out to get its default.
     */
    public static Optional<String> query(Context ctx, String name) {
        java.util.List<String> values = query(ctx).get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidRequestException(name, name + " is given " + values.size() + " times; give it once");
        }
        String v = values.get(0);
        if (v.isBlank()) {
            throw new InvalidRequestException(
                    name, name + " is empty; give a value or leave the parameter out for its default");
        }
        return Optional.of(v);
    }

    private static String decode(String name, String raw) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0 || raw.charAt(i + 1) > 0x7f || raw.charAt(i + 2) > 0x7f) {
                    throw new InvalidRequestException(
                            name,
                            "the " + (name.equals("query") ? "query string" : "parameter " + name)
                                    + " has a malformed percent escape at " + Decimals.quote(raw.substring(i))
                                    + "; write %XX with two hex digits (%25 for a literal %)");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidRequestException(
                    name,
                    "the " + (name.equals("query") ? "query string" : "parameter " + name)
                            + " is not valid UTF-8 after percent decoding");
        }
    }

    /** A symbol from the query ({@code BTC/USDT}, {@code BTC-USDT} or {@code BTCUSDT}), or the default. */
    public static Symbol querySymbol(Context ctx, String name, Symbol defaultValue) {
        return query(ctx, name).map(v -> symbol(name, v)).orElse(defaultValue);
    }

    /** A symbol from the query when given (an explicitly empty value is a 400). */
    public static Optional<Symbol> optionalSymbol(Context ctx, String name) {
        return query(ctx, name).map(v -> symbol(name, v));
    }

    /** A symbol from the path ({@code BTC-USDT} or {@code BTCUSDT}). */
    public static Symbol pathSymbol(Context ctx, String name) {
        return symbol(name, ctx.pathParam(name));
    }

    /** A numeric id from the path: ASCII digits only, 1 to 18 of them. */
    public static long pathId(Context ctx, String name) {
        String v = ctx.pathParam(name);
        if (!ID.matcher(v).matches()) {
            throw new InvalidRequestException(
                    name, name + " " + Decimals.quote(v) + " is not an id; accepted values: 1 to 18 ASCII digits");
        }
        return Long.parseLong(v);
    }

    /** A textual id from the path ({@code p-1a2b…}): letters, digits, {@code _ . : -}, 1 to 64 of them. */
    public static String pathToken(Context ctx, String name) {
        String v = ctx.pathParam(name);
        if (!TOKEN_ID.matcher(v).matches()) {
            throw new InvalidRequestException(
                    name,
                    name + " " + Decimals.quote(v) + " is not an id; accepted values: 1 to 64 of A-Z a-z 0-9 _ . : -");
        }
        return v;
    }

    private static Symbol symbol(String name, String text) {
        if (!SYMBOL.matcher(text).matches()) {
            throw new InvalidRequestException(
                    name,
                    name + " " + Decimals.quote(text)
                            + " is not a symbol; write it like BTC/USDT, BTC-USDT or BTCUSDT (ASCII letters and digits)");
        }
        try {
            return Symbol.parse(text);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(name, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(
                    name, name + " " + Decimals.quote(text) + " is not a symbol; write e.g. BTC/USDT", e);
        }
    }

    /** An interval ({@code 1m 5m 15m 1h 4h 1d}), or the default when absent. */
    public static Interval interval(Context ctx, String name, Interval defaultValue) {
        Optional<String> v = query(ctx, name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        if (!v.get().matches("[0-9A-Za-z]{1,4}")) {
            throw new InvalidRequestException(
                    name,
                    name + " " + Decimals.quote(v.get()) + " is not an interval; accepted values: "
                            + Interval.acceptedValues());
        }
        try {
            return Interval.parse(v.get());
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(
                    name, name.equals("interval") ? e.getMessage() : name + ": " + e.getMessage(), e);
        }
    }

    /** A whole number in {@code [min, max]}, or the default when absent. */
    public static int intInRange(Context ctx, String name, int defaultValue, int min, int max) {
        Optional<String> v = query(ctx, name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        int n;
        String t = v.get();
        if (!t.matches("-?[0-9]{1,10}")) {
            throw new InvalidRequestException(
                    name,
                    name + " " + Decimals.quote(t) + " is not a whole number; accepted values: " + min + ".." + max);
        }
        long l = Long.parseLong(t);
        if (l < min || l > max) {
            throw new InvalidRequestException(
                    name, name + " " + l + " is out of range; accepted values: " + min + ".." + max);
        }
        n = (int) l;
        return n;
    }

    /** An instant written as epoch milliseconds, when present. */
    public static Optional<Instant> epochMillis(Context ctx, String name) {
        Optional<String> v = query(ctx, name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String t = v.get();
        // at most 15 digits (beyond the year 30000): Instant.ofEpochMilli and later arithmetic cannot overflow
        if (!t.matches("[0-9]{1,15}")) {
            throw new InvalidRequestException(
                    name,
                    name + " " + Decimals.quote(t) + " is not a time; accepted values: epoch milliseconds >= 0, e.g. "
                            + "1735689600000");
        }
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(t)));
    }

    /** One of {@code accepted} (case-insensitive, returned lower-case), or the default when absent. */
    public static String oneOf(Context ctx, String name, String defaultValue, java.util.List<String> accepted) {
        Optional<String> v = query(ctx, name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String t = v.get().strip().toLowerCase(java.util.Locale.ROOT);
        if (!accepted.contains(t)) {
            throw new InvalidRequestException(
                    name,
                    name + " " + Decimals.quote(v.get()) + " is not valid; accepted values: "
                            + String.join(", ", accepted));
        }
        return t;
    }

    /**
     * The JSON body read strictly (exact decimals, duplicate keys and trailing data rejected) as a tree; a
     * malformed body is a 400 naming {@code body}. Read decimals from it with {@link Decimals}.
     */
    public static com.fasterxml.jackson.databind.JsonNode jsonBody(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw new InvalidRequestException("body", "the request body is empty; send a JSON object");
        }
        com.fasterxml.jackson.core.JsonParser parser = null;
        try {
            parser = BODY.createParser(text);
            com.fasterxml.jackson.databind.JsonNode n = BODY.readTree(parser);
            if (n == null) {
                throw new InvalidRequestException("body", "the request body is empty; send a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // name the field the parser stopped in when there is one (a 3000-digit number, a bad string)
            String field = "body";
            if (parser != null) {
                String name = parser.getParsingContext().getCurrentName();
                if (name != null && name.length() <= 64 && name.matches("[A-Za-z0-9_]+")) {
                    field = name;
                }
            }
            throw new InvalidRequestException(
                    field,
                    "the request body is not valid JSON: "
                            + Decimals.quote(String.valueOf(e.getOriginalMessage())
                                    .lines()
                                    .findFirst()
                                    .orElse("")));
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("body", "the request body could not be read");
        }
    }

    /** The JSON body, which must be an object. */
    public static com.fasterxml.jackson.databind.JsonNode jsonObject(Context ctx) {
        com.fasterxml.jackson.databind.JsonNode n = jsonBody(ctx);
        if (!n.isObject()) {
            throw new InvalidRequestException(
                    "body", "the request body must be a JSON object, got a JSON " + Decimals.kind(n));
        }
        return n;
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
                            + Decimals.quote(String.valueOf(root.getMessage())
                                    .lines()
                                    .findFirst()
                                    .orElse("")),
                    e);
        }
    }
}
