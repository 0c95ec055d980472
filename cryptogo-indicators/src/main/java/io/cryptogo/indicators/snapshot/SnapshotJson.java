package io.cryptogo.indicators.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptogo.error.CryptoGoException;
import java.util.List;

/** The JSON form of a {@link MarketSnapshot}: every number at full double precision, NaN as null. */
final class SnapshotJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SnapshotJson() {}

    static String render(MarketSnapshot s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("symbol", s.symbol().toString());
        root.put("intradayInterval", s.intradayInterval().code());
        root.put("contextInterval", s.contextInterval().code());
        root.put("seriesLength", s.seriesLength());
        root.put("order", "oldest_to_newest");
        root.put("asOf", s.asOf().toString());
        root.put("candleTime", s.candleTime().toString());
        root.put("lastCloseTime", s.lastCloseTime().toString());
        root.put("candles", s.includesOpenCandle() ? "open_included" : "closed_only");
        root.put("candleOpen", s.candleOpen());
        if (s.source().isPresent()) {
            root.put("source", s.source().get().label());
        } else {
            root.putNull("source");
        }

        ObjectNode current = root.putObject("current");
        num(current, "price", s.price());
        num(current, "ema20", s.ema20());
        num(current, "macd", s.macd());
        num(current, "rsi7", s.rsi7());

        ObjectNode d = root.putObject("derivatives");
        d.put("available", s.derivatives().isPresent());
        var oi = s.derivatives().flatMap(DerivativesInfo::openInterest);
        if (oi.isPresent()) {
            ObjectNode o = d.putObject("openInterest");
            num(o, "latest", oi.get().latest());
            num(o, "mean", oi.get().mean());
            o.put("period", oi.get().period().toString());
            o.put("points", oi.get().points());
            o.put("window", oi.get().window().toString());
            oi.get().time().ifPresent(t -> o.put("time", t.toString()));
            o.put("current", oi.get().current());
        } else {
            d.putNull("openInterest");
        }
        var f = s.derivatives().flatMap(DerivativesInfo::funding);
        if (f.isPresent()) {
            ObjectNode o = d.putObject("funding");
            num(o, "rate", f.get().rate());
            o.put("interval", f.get().interval().toString());
            f.get().nextFundingTime().ifPresent(t -> o.put("nextFundingTime", t.toString()));
            o.put("current", f.get().current());
        } else {
            d.putNull("funding");
        }

        ObjectNode intraday = root.putObject("intraday");
        list(intraday, "mid", s.intradayMid());
        list(intraday, "ema20", s.intradayEma20());
        list(intraday, "macd", s.intradayMacd());
        list(intraday, "rsi7", s.intradayRsi7());
        list(intraday, "rsi14", s.intradayRsi14());

        ObjectNode context = root.putObject("context");
        context.put("candleTime", s.contextCandleTime().toString());
        context.put("candleOpen", s.contextCandleOpen());
        num(context, "ema20", s.contextEma20());
        num(context, "ema50", s.contextEma50());
        num(context, "atr3", s.contextAtr3());
        num(context, "atr14", s.contextAtr14());
        num(context, "volume", s.contextVolume());
        num(context, "avgVolume", s.contextAvgVolume());
        list(context, "macd", s.contextMacd());
        list(context, "rsi14", s.contextRsi14());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new CryptoGoException("cannot write snapshot JSON: " + e.getMessage(), e);
        }
    }

    private static void num(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    private static void list(ObjectNode o, String name, List<Double> values) {
        ArrayNode a = o.putArray(name);
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }
}
