package io.cryptogo.market.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binance's JSON layouts mapped to our records. Any deviation from the layout is an {@link IOException}. */
final class BinanceJson {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceJson.class);
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private BinanceJson() {}

    /**
     * A klines page ({@code [[openTime,"o","h","l","c","v",closeTime,"q",trades,…],…]}) streamed token by
     * token, without building a tree. A candle is open ({@code closed == false}) while its closeTime is after
     * {@code nowMillis}.
     */
    static List<Candle> klines(byte[] body, Symbol symbol, Interval interval, long nowMillis) throws IOException {
        try (JsonParser p = FACTORY.createParser(body)) {
            expect(p, p.nextToken(), JsonToken.START_ARRAY, "a JSON array of klines");
            List<Candle> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
                long openTime = longAt(p);
                BigDecimal open = decimalAt(p);
                BigDecimal high = decimalAt(p);
                BigDecimal low = decimalAt(p);
                BigDecimal close = decimalAt(p);
                BigDecimal volume = decimalAt(p);
                long closeTime = longAt(p);
                BigDecimal quoteVolume = decimalAt(p);
                long trades = longAt(p);
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null || t.isStructStart()) {
                        throw new JsonParseException(p, "unexpected " + t + " in a kline row");
                    }
                }
                out.add(Candle.of(
                        symbol,
                        interval,
                        Instant.ofEpochMilli(openTime),
                        Instant.ofEpochMilli(closeTime),
                        open,
                        high,
                        low,
                        close,
                        volume,
                        quoteVolume,
                        trades,
                        closeTime <= nowMillis));
            }
            expect(p, t, JsonToken.END_ARRAY, "a kline row or the end of the array");
            return out;
        }
    }

    private static long longAt(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            return Long.parseLong(p.getText());
        }
        throw new JsonParseException(p, "expected an integer in a kline row, got " + t);
    }

    private static BigDecimal decimalAt(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
            return new BigDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        throw new JsonParseException(p, "expected a decimal string in a kline row, got " + t);
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken want, String what) throws IOException {
        if (got != want) {
            throw new JsonParseException(p, "expected " + what + ", got " + got);
        }
    }

    /** {@code /api/v3/ticker/24hr?symbol=} as a ticker: last price, best bid/ask, at its closeTime. */
    static Ticker ticker(byte[] body, Symbol symbol) throws IOException {
        JsonNode n = object(body);
        return new Ticker(
                symbol,
                decimal(n, "lastPrice"),
                decimal(n, "bidPrice"),
                decimal(n, "askPrice"),
                Instant.ofEpochMilli(integer(n, "closeTime")));
    }

    /** {@code /api/v3/ticker/24hr?symbol=} as rolling 24-hour statistics. */
    static Stats24h stats24h(byte[] body, Symbol symbol) throws IOException {
        JsonNode n = object(body);
        return Stats24h.builder()
                .symbol(symbol)
                .open(decimal(n, "openPrice"))
                .high(decimal(n, "highPrice"))
                .low(decimal(n, "lowPrice"))
                .last(decimal(n, "lastPrice"))
                .change(decimal(n, "priceChange"))
                .changePercent(decimal(n, "priceChangePercent"))
                .volume(decimal(n, "volume"))
                .quoteVolume(decimal(n, "quoteVolume"))
                .openTime(Instant.ofEpochMilli(integer(n, "openTime")))
                .closeTime(Instant.ofEpochMilli(integer(n, "closeTime")))
                .build();
    }

    /** What {@code /api/v3/exchangeInfo} tells us: the symbols with their filters and the weight limit. */
    record ExchangeInfo(Map<String, SymbolInfo> symbols, OptionalInt weightPerMinute) {}

    static ExchangeInfo exchangeInfo(byte[] body) throws IOException {
        JsonNode n = object(body);
        JsonNode symbols = n.get("symbols");
        if (symbols == null || !symbols.isArray()) {
            throw new IOException("exchangeInfo without a 'symbols' array");
        }
        Map<String, SymbolInfo> out = new java.util.LinkedHashMap<>();
        for (JsonNode s : symbols) {
            try {
                SymbolInfo info = symbolInfo(s);
                out.put(s.path("symbol").asText(), info);
            } catch (IOException | RuntimeException e) {
                // one odd symbol (a zero tick size, an exotic asset code) must not hide all the others
                LOG.debug("skipping Binance symbol {}: {}", s.path("symbol").asText(), e.getMessage());
            }
        }
        OptionalInt limit = OptionalInt.empty();
        for (JsonNode r : n.path("rateLimits")) {
            if ("REQUEST_WEIGHT".equals(r.path("rateLimitType").asText())
                    && "MINUTE".equals(r.path("interval").asText())
                    && r.path("intervalNum").asInt(1) == 1) {
                limit = OptionalInt.of(r.path("limit").asInt());
            }
        }
        return new ExchangeInfo(out, limit);
    }

    private static SymbolInfo symbolInfo(JsonNode s) throws IOException {
        BigDecimal tick = null;
        BigDecimal step = null;
        BigDecimal minQty = BigDecimal.ZERO;
        BigDecimal minNotional = BigDecimal.ZERO;
        for (JsonNode f : s.path("filters")) {
            switch (f.path("filterType").asText()) {
                case "PRICE_FILTER" -> tick = decimal(f, "tickSize");
                case "LOT_SIZE" -> {
                    step = decimal(f, "stepSize");
                    minQty = decimal(f, "minQty");
                }
                case "MIN_NOTIONAL", "NOTIONAL" -> minNotional = decimal(f, "minNotional");
                default -> {
                    // other filters (PERCENT_PRICE, ICEBERG_PARTS, …) do not shape our orders
                }
            }
        }
        if (tick == null || step == null) {
            throw new IOException("no PRICE_FILTER or LOT_SIZE filter");
        }
        return new SymbolInfo(
                Symbol.of(text(s, "baseAsset"), text(s, "quoteAsset")),
                text(s, "status"),
                tick,
                step,
                minQty,
                minNotional);
    }

    static JsonNode object(byte[] body) throws IOException {
        JsonNode n = MAPPER.readTree(body);
        if (n == null || !n.isObject()) {
            throw new IOException("expected a JSON object");
        }
        return n;
    }

    static BigDecimal decimal(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !(v.isTextual() || v.isNumber())) {
            throw new IOException("missing decimal field '" + field + "'");
        }
        try {
            return v.isTextual() ? new BigDecimal(v.asText()) : v.decimalValue();
        } catch (NumberFormatException e) {
            throw new IOException("field '" + field + "' is not a number: " + v.asText(), e);
        }
    }

    static long integer(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new IOException("missing integer field '" + field + "'");
        }
        return v.asLong();
    }

    static String text(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException("missing text field '" + field + "'");
        }
        return v.asText();
    }
}
