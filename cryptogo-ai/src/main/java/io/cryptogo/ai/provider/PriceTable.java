package io.cryptogo.ai.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * US dollars per million input and output tokens, by model-name prefix (longest prefix wins), for the cost
 * estimate stored with each decision. The built-in table ({@link #DEFAULT}) holds list prices of common
 * models as of late 2025; local models (Ollama) cost 0; an unknown model has no estimate. Override the
 * price of the configured model with {@code AI_PRICE_INPUT_PER_MTOK} and {@code AI_PRICE_OUTPUT_PER_MTOK}.
 *
 * <pre>{@code
 * Optional<BigDecimal> usd = PriceTable.DEFAULT.cost("openai", "gpt-4o-mini", 1200, 150);
 * }</pre>
 */
public final class PriceTable {
    /** A price pair, USD per million tokens. */
    public record Price(BigDecimal inputPerMTok, BigDecimal outputPerMTok) {
        public Price {
            Objects.requireNonNull(inputPerMTok, "inputPerMTok");
            Objects.requireNonNull(outputPerMTok, "outputPerMTok");
        }

        public static Price of(String in, String out) {
            return new Price(new BigDecimal(in), new BigDecimal(out));
        }
    }

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** The built-in table; see docs/ai.md for the list. */
    public static final PriceTable DEFAULT = new PriceTable(defaults());

    private final Map<String, Price> byPrefix;

    private PriceTable(Map<String, Price> byPrefix) {
        this.byPrefix = Map.copyOf(byPrefix);
    }

    private static Map<String, Price> defaults() {
        Map<String, Price> m = new LinkedHashMap<>();
        m.put("gpt-4o-mini", Price.of("0.15", "0.60"));
        m.put("gpt-4o", Price.of("2.50", "10.00"));
        m.put("gpt-4.1-nano", Price.of("0.10", "0.40"));
        m.put("gpt-4.1-mini", Price.of("0.40", "1.60"));
        m.put("gpt-4.1", Price.of("2.00", "8.00"));
        m.put("gpt-5-nano", Price.of("0.05", "0.40"));
        m.put("gpt-5-mini", Price.of("0.25", "2.00"));
        m.put("gpt-5", Price.of("1.25", "10.00"));
        m.put("o4-mini", Price.of("1.10", "4.40"));
        m.put("o3", Price.of("2.00", "8.00"));
        m.put("claude-3-5-haiku", Price.of("0.80", "4.00"));
        m.put("claude-haiku-4", Price.of("1.00", "5.00"));
        m.put("claude-3-7-sonnet", Price.of("3.00", "15.00"));
        m.put("claude-sonnet-4", Price.of("3.00", "15.00"));
        m.put("claude-opus-4", Price.of("15.00", "75.00"));
        m.put("deepseek-chat", Price.of("0.27", "1.10"));
        return m;
    }

    /** This table with one more (or a replaced) entry. */
    public PriceTable with(String modelPrefix, Price price) {
        Map<String, Price> m = new LinkedHashMap<>(byPrefix);
        m.put(modelPrefix.toLowerCase(Locale.ROOT), price);
        return new PriceTable(m);
    }

    /** The price of a model, when known; a model served by Ollama is free. */
    public Optional<Price> price(String provider, String model) {
        if ("ollama".equals(provider)) {
            return Optional.of(Price.of("0", "0"));
        }
        String name = model.toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        String bare = slash >= 0 ? name.substring(slash + 1) : name;
        return byPrefix.entrySet().stream()
                .filter(e -> bare.startsWith(e.getKey()) || name.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** The estimated cost in USD (6 decimals) of a call, when the model's price is known. */
    public Optional<BigDecimal> cost(String provider, String model, long tokensIn, long tokensOut) {
        return price(provider, model)
                .map(p -> p.inputPerMTok()
                        .multiply(BigDecimal.valueOf(tokensIn))
                        .add(p.outputPerMTok().multiply(BigDecimal.valueOf(tokensOut)))
                        .divide(MILLION, 6, RoundingMode.HALF_UP));
    }
}
