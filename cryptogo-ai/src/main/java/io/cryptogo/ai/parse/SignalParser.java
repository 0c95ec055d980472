package io.cryptogo.ai.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cryptogo.error.SignalParseException;
import io.cryptogo.model.TradeSignal.Action;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model's answer leniently in form and strictly in meaning. Accepted: the JSON object alone, inside
 * a {@code ```json} fence, or with prose before and after it; keys in any case and in the common spellings
 * ({@code stop_loss}, {@code stopLoss}, {@code sl}; {@code take_profit}, {@code profit_target}, {@code tp};
 * {@code action}, {@code signal}; {@code reasoning}, {@code justification}); actions {@code BUY/SELL/HOLD}
 * in any case and the Alpha Arena words {@code buy_to_enter}, {@code sell_to_enter}, {@code hold}; numbers
 * as JSON numbers or strings ({@code "113,450.5"}, {@code "72%"} for a confidence). Not accepted: a missing
 * action or confidence, an unknown action, a level that is not a number.
 *
 * <pre>{@code
 * ModelAnswer a = SignalParser.parse("```json\n{\"action\":\"buy\",\"confidence\":0.7, ...}\n```");
 * }</pre>
 *
 * A refusal is a {@link SignalParseException} with a message that can be shown to the model as the
 * complaint.
 */
public final class SignalParser {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);
    private static final int MAX_REASONING = 4000;

    private static final List<String> ACTION_KEYS = List.of("action", "signal", "decision", "side");
    private static final List<String> CONFIDENCE_KEYS = List.of("confidence", "conf");
    private static final List<String> ENTRY_KEYS = List.of("entry", "entryprice", "entryreferenceprice", "price");
    private static final List<String> STOP_KEYS = List.of("stoploss", "sl", "stop", "stopprice");
    private static final List<String> TARGET_KEYS =
            List.of("takeprofit", "tp", "profittarget", "target", "targetprice");
    private static final List<String> REASONING_KEYS =
            List.of("reasoning", "justification", "reason", "rationale", "explanation");

    private SignalParser() {}

    /** Parses one answer; see the class comment for what is accepted. */
    public static ModelAnswer parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new SignalParseException("the answer is empty; reply with one JSON object");
        }
        String json = extractObject(raw);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SignalParseException(
                    "the answer is not valid JSON (" + firstLine(e.getOriginalMessage())
                            + "); reply with one JSON object",
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new SignalParseException("the answer is not a JSON object; reply with one JSON object");
        }
        Map<String, JsonNode> fields = fields(unwrap(root));
        String actionText = text(fields, ACTION_KEYS)
                .orElseThrow(() -> new SignalParseException("the field \"action\" is missing; use BUY, SELL or HOLD"));
        Action action = action(actionText);
        double confidence = confidence(fields);
        Optional<BigDecimal> entry = number(fields, ENTRY_KEYS, "entry");
        Optional<BigDecimal> stop = number(fields, STOP_KEYS, "stop_loss");
        Optional<BigDecimal> target = number(fields, TARGET_KEYS, "take_profit");
        String reasoning = text(fields, REASONING_KEYS).orElse("");
        if (reasoning.length() > MAX_REASONING) {
            reasoning = reasoning.substring(0, MAX_REASONING) + "…";
        }
        return new ModelAnswer(action, confidence, entry, stop, target, reasoning);
    }

    /** The JSON object in the text: inside the first code fence holding one, else the first balanced braces. */
    static String extractObject(String raw) {
        Matcher m = FENCE.matcher(raw);
        while (m.find()) {
            String inner = m.group(1);
            if (inner.indexOf('{') >= 0) {
                return balanced(inner).orElse(inner.strip());
            }
        }
        return balanced(raw)
                .orElseThrow(() -> new SignalParseException(
                        "no JSON object found in the answer; reply with one JSON object and nothing else"));
    }

    /** The first {@code {...}} whose braces balance, ignoring braces inside strings. */
    private static Optional<String> balanced(String s) {
        int start = s.indexOf('{');
        if (start < 0) {
            return Optional.empty();
        }
        int depth = 0;
        boolean inString = false;
        char quote = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return Optional.of(s.substring(start, i + 1));
                }
            }
        }
        // unbalanced: hand the rest to the JSON reader, whose message says where it broke
        return Optional.of(s.substring(start));
    }

    /** {@code {"signal": {...}}} or {@code {"BTC": {...}}}: descend into a lone object when no action is at the top. */
    private static JsonNode unwrap(JsonNode root) {
        JsonNode node = root;
        for (int depth = 0; depth < 3; depth++) {
            Map<String, JsonNode> f = fields(node);
            if (ACTION_KEYS.stream().anyMatch(k -> f.containsKey(k) && f.get(k).isValueNode())) {
                return node;
            }
            List<JsonNode> objects = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isObject()) {
                    objects.add(e.getValue());
                }
            }
            if (objects.size() != 1) {
                return node;
            }
            node = objects.get(0);
        }
        return node;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            m.putIfAbsent(normalise(e.getKey()), e.getValue());
        }
        return m;
    }

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Optional<JsonNode> field(Map<String, JsonNode> fields, List<String> keys) {
        for (String k : keys) {
            JsonNode n = fields.get(k);
            if (n != null && !n.isNull() && !n.isMissingNode()) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(Map<String, JsonNode> fields, List<String> keys) {
        return field(fields, keys)
                .map(n -> n.isValueNode() ? n.asText() : n.toString())
                .map(String::strip);
    }

    static Action action(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "_");
        return switch (t) {
            case "BUY", "LONG", "BUY_TO_ENTER", "OPEN_LONG" -> Action.BUY;
            case "SELL", "SHORT", "SELL_TO_ENTER", "OPEN_SHORT" -> Action.SELL;
            case "HOLD", "WAIT", "NONE", "NEUTRAL", "NO_TRADE" -> Action.HOLD;
            default ->
                throw new SignalParseException(
                        "the action '" + text.strip() + "' is not one of BUY, SELL, HOLD; use exactly one of them");
        };
    }

    private static double confidence(Map<String, JsonNode> fields) {
        JsonNode n = field(fields, CONFIDENCE_KEYS)
                .orElseThrow(() ->
                        new SignalParseException("the field \"confidence\" is missing; give a number between 0 and 1"));
        if (n.isNumber()) {
            return n.asDouble();
        }
        String t = n.asText().strip();
        boolean percent = t.endsWith("%");
        try {
            double v =
                    Double.parseDouble(percent ? t.substring(0, t.length() - 1).strip() : t);
            return percent ? v / 100.0 : v;
        } catch (NumberFormatException e) {
            throw new SignalParseException(
                    "the confidence '" + t + "' is not a number; give a number between 0 and 1", e);
        }
    }

    private static Optional<BigDecimal> number(Map<String, JsonNode> fields, List<String> keys, String name) {
        Optional<JsonNode> f = field(fields, keys);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = f.get();
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue();
            return d.signum() == 0 ? Optional.empty() : Optional.of(d);
        }
        String t = n.asText().strip().replace(",", "").replace("$", "").replace("_", "");
        if (t.isEmpty() || t.equalsIgnoreCase("null") || t.equalsIgnoreCase("none") || t.equalsIgnoreCase("n/a")) {
            return Optional.empty();
        }
        try {
            BigDecimal d = new BigDecimal(t);
            return d.signum() == 0 ? Optional.empty() : Optional.of(d);
        } catch (NumberFormatException e) {
            throw new SignalParseException(
                    "the " + name + " '" + n.asText() + "' is not a number; give a plain number or null", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
