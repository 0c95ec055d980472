package io.cryptogo.ai.provider;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the configured langchain4j {@link ChatModel}: {@code AI_PROVIDER} names one ({@code openai},
 * {@code anthropic}, {@code ollama}, or {@code rules} for none); unset, the first configured wins: OpenAI
 * when {@code OPENAI_API_KEY} or {@code OPENAI_BASE_URL} is set, then Anthropic ({@code
 * ANTHROPIC_API_KEY}), then Ollama ({@code OLLAMA_BASE_URL} or {@code OLLAMA_MODEL}). Every model gets
 * {@code AI_TEMPERATURE} (0), {@code AI_TIMEOUT} (60s), {@code AI_MAX_TOKENS} (1024), {@code AI_SEED} where
 * the provider honours one, and no retries of its own (the generator retries, respecting {@code
 * Retry-After}).
 *
 * <pre>{@code
 * Optional<ChatModels.Configured> m = ChatModels.fromConfig(Config.fromEnv());
 * m.ifPresent(c -> System.out.println(c.label()));   // llm:openai/gpt-4o-mini
 * }</pre>
 */
public final class ChatModels {
    private static final Logger log = LoggerFactory.getLogger(ChatModels.class);

    public static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
    public static final String DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-4-5";
    public static final String DEFAULT_OLLAMA_MODEL = "llama3.1";
    public static final String DEFAULT_ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1/";
    public static final String DEFAULT_OLLAMA_BASE_URL = "http://localhost:11434";

    private ChatModels() {}

    /**
     * A model and what to record about it.
     *
     * @param jsonSchema whether requests ask for the JSON-schema response format (the model declares
     *     {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA})
     */
    public record Configured(ChatModel model, String provider, String modelName, boolean jsonSchema) {
        public Configured {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(modelName, "modelName");
        }

        /** {@code llm:<provider>/<model>}, the generator label stored with each decision. */
        public String label() {
            return "llm:" + provider + "/" + modelName;
        }
    }

    /** The shared call settings. */
    record Call(double temperature, Duration timeout, int maxTokens, Optional<Integer> seed) {}

    /** The configured model, or empty when none is (the rule generator then answers). */
    public static Optional<Configured> fromConfig(Config c) {
        String provider = c.string("AI_PROVIDER", "auto").toLowerCase(Locale.ROOT);
        Call call = new Call(
                c.decimal("AI_TEMPERATURE", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.valueOf(2))
                        .doubleValue(),
                c.duration("AI_TIMEOUT", Duration.ofSeconds(60)),
                c.integer("AI_MAX_TOKENS", 1024, 64, 65536),
                c.get("AI_SEED").map(s -> c.integer("AI_SEED", 0, Integer.MIN_VALUE, Integer.MAX_VALUE)));
        if (call.timeout().isZero() || call.timeout().isNegative()) {
            throw new ConfigException("AI_TIMEOUT", "AI_TIMEOUT must be positive, got " + call.timeout());
        }
        Optional<Configured> m = switch (provider) {
            case "rules", "none", "off" -> Optional.empty();
            case "openai" -> Optional.of(openAi(c, call));
            case "anthropic" -> Optional.of(anthropic(c, call));
            case "ollama" -> Optional.of(ollama(c, call));
            case "auto" -> auto(c, call);
            default ->
                throw new ConfigException(
                        "AI_PROVIDER",
                        "AI_PROVIDER='" + provider + "' is not valid; accepted values: auto, openai, anthropic,"
                                + " ollama, rules");
        };
        m.ifPresent(x -> log.info(
                "AI model {} (timeout {}, max tokens {}, temperature {}, json schema {})",
                x.label(),
                call.timeout(),
                call.maxTokens(),
                call.temperature(),
                x.jsonSchema()));
        return m;
    }

    private static Optional<Configured> auto(Config c, Call call) {
        if (c.get("OPENAI_API_KEY").isPresent() || c.get("OPENAI_BASE_URL").isPresent()) {
            return Optional.of(openAi(c, call));
        }
        if (c.get("ANTHROPIC_API_KEY").isPresent()) {
            return Optional.of(anthropic(c, call));
        }
        if (c.get("OLLAMA_BASE_URL").isPresent() || c.get("OLLAMA_MODEL").isPresent()) {
            return Optional.of(ollama(c, call));
        }
        return Optional.empty();
    }

    static Configured openAi(Config c, Call call) {
        String model = c.string("OPENAI_MODEL", DEFAULT_OPENAI_MODEL);
        Optional<String> baseUrl = c.url("OPENAI_BASE_URL").map(Object::toString);
        if (baseUrl.isEmpty() && c.get("OPENAI_API_KEY").isEmpty()) {
            throw new ConfigException("OPENAI_API_KEY", "OPENAI_API_KEY must be set to use OpenAI");
        }
        // JSON-schema mode by default only on OpenAI itself: many compatible servers reject it
        boolean schema = c.bool("AI_JSON_SCHEMA", baseUrl.isEmpty());
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                .httpClientBuilder(ProviderHttpClient.builder(Clock.systemUTC()))
                .apiKey(c.get("OPENAI_API_KEY").orElse("not-needed"))
                .modelName(model)
                .temperature(call.temperature())
                .timeout(call.timeout())
                .maxRetries(0);
        if (baseUrl.isPresent()) {
            b.baseUrl(baseUrl.get()).maxTokens(call.maxTokens());
        } else {
            b.maxCompletionTokens(call.maxTokens());
        }
        call.seed().ifPresent(b::seed);
        if (schema) {
            b.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(true);
        }
        return new Configured(b.build(), "openai", model, schema);
    }

    static Configured anthropic(Config c, Call call) {
        String model = c.string("ANTHROPIC_MODEL", DEFAULT_ANTHROPIC_MODEL);
        String key = c.get("ANTHROPIC_API_KEY")
                .orElseThrow(() ->
                        new ConfigException("ANTHROPIC_API_KEY", "ANTHROPIC_API_KEY must be set to use Anthropic"));
        String baseUrl = c.url("ANTHROPIC_BASE_URL").map(Object::toString).orElse(DEFAULT_ANTHROPIC_BASE_URL);
        AnthropicChatModel m = AnthropicChatModel.builder()
                .httpClientBuilder(ProviderHttpClient.builder(Clock.systemUTC()))
                .baseUrl(baseUrl)
                .apiKey(key)
                .modelName(model)
                .temperature(call.temperature())
                .maxTokens(call.maxTokens())
                .timeout(call.timeout())
                .maxRetries(0)
                .build();
        return new Configured(m, "anthropic", model, false);
    }

    static Configured ollama(Config c, Call call) {
        String model = c.string("OLLAMA_MODEL", DEFAULT_OLLAMA_MODEL);
        String baseUrl = c.url("OLLAMA_BASE_URL").map(Object::toString).orElse(DEFAULT_OLLAMA_BASE_URL);
        OllamaChatModel.OllamaChatModelBuilder b = OllamaChatModel.builder()
                .httpClientBuilder(ProviderHttpClient.builder(Clock.systemUTC()))
                .baseUrl(baseUrl)
                .modelName(model)
                .temperature(call.temperature())
                .numPredict(call.maxTokens())
                .timeout(call.timeout())
                .maxRetries(0);
        call.seed().ifPresent(b::seed);
        return new Configured(b.build(), "ollama", model, false);
    }
}
