package io.cryptogo.ai.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptogo.error.SignalParseException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads each role's answer leniently in form (a fence, prose around the object, keys in any case) and
 * strictly in meaning: a missing field, a confidence outside 0..1, a sentiment score outside -1..1 or an
 * item the analyst was not given is a {@link SignalParseException} whose message goes back to the model as
 * the complaint. Also writes each view as the JSON stored in the journal.
 */
public final class DeskParsers {
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);
    private static final int MAX_TEXT = 400;
    private static final int MAX_LIST = 5;

    private DeskParsers() {}

    /** {@code {"bias": "bullish", "confidence": 0.7, "key_levels": [..], "reasons": [..]}}. */
    public static TechnicalView technical(String raw) {
        Map<String, JsonNode> f = object(raw);
        Bias bias = Bias.parse(text(f, "bias", "direction", "trend")
                .orElseThrow(() -> missing("bias", "bullish, bearish or neutral")));
        double confidence = unit(f, "confidence", 0, 1);
        List<BigDecimal> levels = new ArrayList<>();
        for (JsonNode n : list(f, "keylevels", "levels")) {
            BigDecimal v = number(n, "key_levels");
            if (v.signum() <= 0) {
                throw new SignalParseException("key_levels must be positive prices, got " + v.toPlainString());
            }
            if (levels.size() < 6) {
                levels.add(v);
            }
        }
        return new TechnicalView(bias, confidence, levels, strings(f, "reasons", "reasoning", "reason"));
    }

    /**
     * {@code {"score": 0.2, "items_used": ["n1", ..], "summary": ".."}}; every id must be one of {@code
     * allowedIds} (the items the analyst was shown).
     */
    public static SentimentView sentiment(String raw, Set<String> allowedIds) {
        Map<String, JsonNode> f = object(raw);
        double score = unit(f, "score", -1, 1);
        List<String> used = new ArrayList<>();
        for (JsonNode n : list(f, "itemsused", "items", "used")) {
            String id = n.asText().strip();
            if (!allowedIds.contains(id)) {
                throw new SignalParseException("items_used names '" + clip(id, 40)
                        + "', which is not one of the item ids given (" + String.join(", ", allowedIds) + ")");
            }
            if (!used.contains(id)) {
                used.add(id);
            }
        }
        if (used.isEmpty() && !allowedIds.isEmpty() && score != 0) {
            throw new SignalParseException("a non-zero score needs items_used: the ids of the items it rests on");
        }
        return new SentimentView(
                score, used, clip(text(f, "summary", "reasoning").orElse(""), MAX_TEXT));
    }

    /** {@code {"bias": "bullish", "conviction": 0.6, "points": [..]}} (bull, bear, research manager). */
    public static ResearchView research(String raw, Optional<Bias> expected) {
        Map<String, JsonNode> f = object(raw);
        Bias bias = Bias.parse(
                text(f, "bias", "verdict", "stance").orElseThrow(() -> missing("bias", "bullish, bearish or neutral")));
        if (expected.isPresent() && bias != expected.get()) {
            throw new SignalParseException(
                    "you argue the " + expected.get().name().toLowerCase(Locale.ROOT) + " case: bias must be "
                            + expected.get().name().toLowerCase(Locale.ROOT));
        }
        double conviction = unit(f, "conviction", 0, 1);
        return new ResearchView(bias, conviction, strings(f, "points", "arguments", "summary"));
    }

    /** {@code {"verdict": "approve"|"reduce"|"hold", "confidence": 0.5, "comment": ".."}}. */
    public static RiskCommentary riskCommentary(String raw) {
        Map<String, JsonNode> f = object(raw);
        String v = text(f, "verdict", "decision", "action")
                .orElseThrow(() -> missing("verdict", "approve, reduce or hold"));
        RiskCommentary.Verdict verdict = switch (v.strip().toUpperCase(Locale.ROOT)) {
            case "APPROVE", "APPROVED", "OK", "ACCEPT" -> RiskCommentary.Verdict.APPROVE;
            case "REDUCE", "LOWER", "CAUTION" -> RiskCommentary.Verdict.REDUCE;
            case "HOLD", "REJECT", "VETO", "NO_TRADE" -> RiskCommentary.Verdict.HOLD;
            default ->
                throw new SignalParseException("the verdict '" + clip(v, 40) + "' is not one of approve, reduce, hold");
        };
        Optional<Double> confidence =
                f.containsKey("confidence") && !f.get("confidence").isNull()
                        ? Optional.of(unit(f, "confidence", 0, 1))
                        : Optional.empty();
        if (verdict == RiskCommentary.Verdict.REDUCE && confidence.isEmpty()) {
            throw new SignalParseException("reduce needs the lowered confidence (0..1)");
        }
        return new RiskCommentary(
                verdict, confidence, clip(text(f, "comment", "reasoning").orElse(""), MAX_TEXT));
    }

    /** A view as the JSON stored in the journal and shown in the transcript. */
    public static String json(Object view) {
        try {
            return JSON.writeValueAsString(tree(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode tree(Object view) {
        ObjectNode o = JSON.createObjectNode();
        switch (view) {
            case TechnicalView t -> {
                o.put("bias", t.bias().name().toLowerCase(Locale.ROOT)).put("confidence", t.confidence());
                ArrayNode a = o.putArray("key_levels");
                t.keyLevels().forEach(a::add);
                ArrayNode r = o.putArray("reasons");
                t.reasons().forEach(r::add);
            }
            case SentimentView s -> {
                o.put("score", s.score());
                ArrayNode a = o.putArray("items_used");
                s.itemsUsed().forEach(a::add);
                o.put("summary", s.summary());
            }
            case ResearchView r -> {
                o.put("bias", r.bias().name().toLowerCase(Locale.ROOT)).put("conviction", r.conviction());
                ArrayNode a = o.putArray("points");
                r.points().forEach(a::add);
            }
            case RiskCommentary c -> {
                o.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
                c.confidence().ifPresent(v -> o.put("confidence", v));
                o.put("comment", c.comment());
            }
            case RiskCheck c -> {
                o.put("approved", c.approved()).put("reason", c.reason());
                o.put("quantity", c.quantity().toPlainString())
                        .put("notional", c.notional().toPlainString());
            }
            default -> o.put("value", String.valueOf(view));
        }
        return o;
    }

    private static SignalParseException missing(String field, String accepted) {
        return new SignalParseException("the field \"" + field + "\" is missing; give " + accepted);
    }

    private static Map<String, JsonNode> object(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new SignalParseException("the answer is empty; reply with one JSON object");
        }
        String json = extract(raw);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SignalParseException("the answer is not valid JSON; reply with one JSON object", e);
        }
        if (root == null || !root.isObject()) {
            throw new SignalParseException("the answer is not a JSON object; reply with one JSON object");
        }
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            m.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""), e.getValue());
        }
        return m;
    }

    private static String extract(String raw) {
        Matcher m = FENCE.matcher(raw);
        while (m.find()) {
            if (m.group(1).indexOf('{') >= 0) {
                raw = m.group(1);
                break;
            }
        }
        int start = raw.indexOf('{');
        if (start < 0) {
            throw new SignalParseException("no JSON object found in the answer; reply with one JSON object");
        }
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return raw.substring(start, i + 1);
            }
        }
        return raw.substring(start);
    }

    private static Optional<String> text(Map<String, JsonNode> f, String... keys) {
        for (String k : keys) {
            JsonNode n = f.get(k);
            if (n != null && !n.isNull()) {
                String t = n.isValueNode() ? n.asText() : n.toString();
                if (!t.isBlank()) {
                    return Optional.of(t.strip());
                }
            }
        }
        return Optional.empty();
    }

    private static double unit(Map<String, JsonNode> f, String key, double min, double max) {
        JsonNode n = f.get(key);
        if (n == null || n.isNull()) {
            throw missing(key, "a number between " + fmt(min) + " and " + fmt(max));
        }
        double v;
        if (n.isNumber()) {
            v = n.asDouble();
        } else {
            try {
                v = Double.parseDouble(n.asText().strip());
            } catch (NumberFormatException e) {
                throw new SignalParseException(key + " '" + clip(n.asText(), 40) + "' is not a number", e);
            }
        }
        if (!(v >= min && v <= max)) {
            throw new SignalParseException(
                    key + " must be a number between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(v));
        }
        return v;
    }

    private static List<JsonNode> list(Map<String, JsonNode> f, String... keys) {
        for (String k : keys) {
            JsonNode n = f.get(k);
            if (n != null && n.isArray()) {
                List<JsonNode> out = new ArrayList<>();
                n.forEach(out::add);
                return out;
            }
        }
        return List.of();
    }

    private static List<String> strings(Map<String, JsonNode> f, String... keys) {
        for (String k : keys) {
            JsonNode n = f.get(k);
            if (n != null && n.isArray()) {
                List<String> out = new ArrayList<>();
                for (JsonNode e : n) {
                    if (out.size() < MAX_LIST && !e.asText().isBlank()) {
                        out.add(clip(e.isValueNode() ? e.asText().strip() : e.toString(), MAX_TEXT));
                    }
                }
                return out;
            }
            if (n != null && n.isTextual() && !n.asText().isBlank()) {
                return List.of(clip(n.asText().strip(), MAX_TEXT));
            }
        }
        return List.of();
    }

    private static BigDecimal number(JsonNode n, String field) {
        if (n.isNumber()) {
            return n.decimalValue();
        }
        try {
            return new BigDecimal(n.asText().strip().replace(",", "").replace("$", ""));
        } catch (NumberFormatException e) {
            throw new SignalParseException(field + " holds '" + clip(n.asText(), 40) + "', which is not a number", e);
        }
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static String fmt(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
