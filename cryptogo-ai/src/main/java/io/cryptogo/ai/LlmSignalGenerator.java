package io.cryptogo.ai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.parse.ModelAnswer;
import io.cryptogo.ai.parse.SignalParser;
import io.cryptogo.ai.parse.SignalValidator;
import io.cryptogo.ai.parse.ValidationRules;
import io.cryptogo.ai.prompt.PromptTemplates;
import io.cryptogo.ai.prompt.RenderedPrompt;
import io.cryptogo.ai.provider.ChatModels;
import io.cryptogo.ai.provider.PriceTable;
import io.cryptogo.ai.provider.ProviderFault;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.SignalParseException;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.time.Sleeper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decisions by a language model through any langchain4j {@link ChatModel}, with the discipline in code:
 *
 * <ol>
 *   <li>the prompt is rendered from versioned templates with the snapshot and hashed;
 *   <li>the response cache (the journal) is asked first: the same model and prompt answered before costs no
 *       call;
 *   <li>the model is called with the JSON-schema response format where it supports it, otherwise the
 *       prompt's format instructions and a lenient parser do;
 *   <li>the answer is validated ({@link SignalValidator}); on a violation the model is re-asked with the
 *       exact complaint, at most {@code maxRetries} (2) times, then the decision is an abstained HOLD;
 *   <li>a provider fault ends in the same abstained HOLD with the error recorded: a 429 or 5xx is retried
 *       within the same budget after the {@code Retry-After} (or 1 s, 2 s) when that is at most {@code
 *       maxRetryWait}, and while a longer {@code Retry-After} runs no call is made; a timeout, a refusal or
 *       an empty answer is not retried.
 * </ol>
 *
 * It never throws out of {@link #decide} and never returns a signal the model did not give.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder().apiKey(key).modelName("gpt-4o-mini").temperature(0.0).build();
 * LlmSignalGenerator g = LlmSignalGenerator.builder(model, "openai", "gpt-4o-mini").store(store).build();
 * Decision d = g.decide(SignalInput.of(snapshot));
 * }</pre>
 */
public final class LlmSignalGenerator implements SignalGenerator {
    private static final Logger log = LoggerFactory.getLogger(LlmSignalGenerator.class);
    private static final MathContext PRICE_DIGITS = new MathContext(8);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final ChatModel model;
    private final String provider;
    private final String modelName;
    private final String label;
    private final boolean jsonSchema;
    private final PromptTemplates templates;
    private final Locale language;
    private final SignalValidator validator;
    private final Journal journal;
    private final boolean cache;
    private final int maxRetries;
    private final Duration maxRetryWait;
    private final PriceTable prices;
    private final Clock clock;
    private final Sleeper sleeper;
    private volatile Instant rateLimitedUntil = Instant.MIN;

    private LlmSignalGenerator(Builder b) {
        this.model = b.model;
        this.provider = b.provider;
        this.modelName = b.modelName;
        this.label = "llm:" + provider + "/" + modelName;
        this.jsonSchema = b.jsonSchema;
        this.templates = b.templates;
        this.language = b.language;
        this.validator = new SignalValidator(b.rules);
        this.journal = new Journal(Optional.ofNullable(b.store));
        this.cache = b.cache;
        this.maxRetries = b.maxRetries;
        this.maxRetryWait = b.maxRetryWait;
        this.prices = b.prices;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
    }

    /**
     * A generator on {@code model}; {@code provider} and {@code modelName} make the label {@code
     * llm:<provider>/<modelName>} and pick the price.
     */
    public static Builder builder(ChatModel model, String provider, String modelName) {
        return new Builder(model, provider, modelName);
    }

    /**
     * The configured model with the AI settings: {@code AI_PROMPT_LANGUAGE}, {@code AI_SYSTEM_PROMPT_FILE},
     * {@code AI_USER_PROMPT_FILE}, {@code AI_MAX_RETRIES}, {@code AI_MAX_RETRY_WAIT}, {@code AI_CACHE}, the
     * validation rules and the price overrides.
     */
    public static LlmSignalGenerator fromConfig(Config c, ChatModels.Configured m, DecisionStore store) {
        PriceTable prices = PriceTable.DEFAULT;
        Optional<String> in = c.get("AI_PRICE_INPUT_PER_MTOK");
        Optional<String> out = c.get("AI_PRICE_OUTPUT_PER_MTOK");
        if (in.isPresent() || out.isPresent()) {
            BigDecimal pin = c.decimal("AI_PRICE_INPUT_PER_MTOK", BigDecimal.ZERO, BigDecimal.ZERO, null);
            BigDecimal pout = c.decimal("AI_PRICE_OUTPUT_PER_MTOK", BigDecimal.ZERO, BigDecimal.ZERO, null);
            prices = prices.with(m.modelName(), new PriceTable.Price(pin, pout));
        }
        return builder(m.model(), m.provider(), m.modelName())
                .jsonSchema(m.jsonSchema())
                .templates(PromptTemplates.fromConfig(c))
                .language(language(c))
                .rules(ValidationRules.fromConfig(c))
                .maxRetries(c.integer("AI_MAX_RETRIES", 2, 0, 2))
                .maxRetryWait(c.duration("AI_MAX_RETRY_WAIT", Duration.ofSeconds(30)))
                .cache(c.bool("AI_CACHE", true))
                .prices(prices)
                .store(store)
                .build();
    }

    /** {@code AI_PROMPT_LANGUAGE}: {@code zh} or {@code en} (default). */
    static Locale language(Config c) {
        String l = c.string("AI_PROMPT_LANGUAGE", "en").toLowerCase(Locale.ROOT);
        return switch (l) {
            case "zh", "cn", "chinese" -> Locale.CHINESE;
            case "en", "english" -> Locale.ENGLISH;
            default ->
                throw new ConfigException(
                        "AI_PROMPT_LANGUAGE", "AI_PROMPT_LANGUAGE='" + l + "' is not valid; accepted values: zh, en");
        };
    }

    @Override
    public String label() {
        return label;
    }

    /** The prompt this generator would send for {@code in}. */
    public RenderedPrompt prompt(SignalInput in) {
        ValidationRules r = validator.rules();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("symbol", in.symbol().toString());
        v.put("interval", in.interval().code());
        v.put("context_interval", in.contextInterval().code());
        v.put("candle_time", in.candleTime().toString());
        v.put("as_of", in.asOf().toString());
        v.put("price", num(in.price()));
        v.put("atr", num(in.atr()));
        v.put("position", in.holding().describe(in.symbol().base()));
        v.put("snapshot", in.text(language));
        v.put("min_stop_atr", num(r.minStopAtr()));
        v.put("max_stop_atr", num(r.maxStopAtr()));
        v.put("min_reward_risk", num(r.minRewardRisk()));
        return templates.render(v);
    }

    /** The response cache's key for a prompt: SHA-256 of {@code <label>|<prompt text>}. */
    public String cacheKey(RenderedPrompt p) {
        return RenderedPrompt.sha256(label + "|" + p.text());
    }

    @Override
    public Decision decide(SignalInput in) {
        try {
            return journal.record(run(in));
        } catch (RuntimeException e) {
            // a bug of ours, not the model's: still no exception into the loop and no made-up signal
            log.error("AI decision for {} failed unexpectedly", in.symbol(), e);
            Attempt a = new Attempt(
                    in, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), System.nanoTime());
            return journal.record(a.abstain(
                    "internal error: " + e, Optional.of("internal error: " + e), "not checked", Optional.empty()));
        }
    }

    private Decision run(SignalInput in) {
        Attempt a =
                new Attempt(in, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), System.nanoTime());
        RenderedPrompt p = prompt(in);
        a.prompt = Optional.of(p);
        String key = cacheKey(p);
        a.cacheKey = Optional.of(key);

        if (cache && journal.store().isPresent()) {
            Optional<Decision> hit = journal.store().get().cached(key);
            if (hit.isPresent()) {
                Optional<Decision> replay = replay(a, hit.get());
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
        }
        Instant until = rateLimitedUntil;
        if (a.decidedAt.isBefore(until)) {
            String m = "rate limited by the provider until " + until + "; no call made";
            return a.abstain(m, Optional.of(m), "not checked", Optional.empty());
        }

        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(p.system()));
        messages.add(UserMessage.from(p.user()));
        List<String> history = new ArrayList<>();
        String lastRaw = null;
        while (true) {
            ChatResponse r;
            try {
                r = model.chat(request(messages));
            } catch (RuntimeException e) {
                ProviderFault f = ProviderFault.classify(e);
                log.warn("{} call for {} failed: {}", label, in.symbol(), f.message());
                if (f.retriable() && a.retries < maxRetries) {
                    Duration wait = f.retryAfter().orElse(BACKOFF.multipliedBy(a.retries + 1L));
                    if (wait.compareTo(maxRetryWait) <= 0) {
                        try {
                            sleeper.sleep(wait);
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                            return a.fault(f, history, lastRaw);
                        }
                        a.retries++;
                        continue;
                    }
                }
                if (f.kind() == ProviderFault.Kind.RATE_LIMITED
                        && f.retryAfter().isPresent()) {
                    rateLimitedUntil = clock.instant().plus(f.retryAfter().get());
                }
                return a.fault(f, history, lastRaw);
            }
            a.count(r.tokenUsage());
            String text = r.aiMessage() == null ? null : r.aiMessage().text();
            if (r.finishReason() == FinishReason.CONTENT_FILTER) {
                return a.fault(
                        ProviderFault.of(ProviderFault.Kind.REFUSED, "the model refused to answer (content filter)"),
                        history,
                        text);
            }
            if (text == null || text.isBlank()) {
                return a.fault(
                        ProviderFault.of(ProviderFault.Kind.EMPTY_ANSWER, "the model returned an empty answer"),
                        history,
                        text);
            }
            lastRaw = text;
            List<String> complaints;
            ModelAnswer answer = null;
            try {
                answer = SignalParser.parse(text);
                complaints = validator.check(answer, in.price(), in.atr());
            } catch (SignalParseException e) {
                complaints = List.of(e.getMessage());
            }
            if (complaints.isEmpty()) {
                return a.accept(answer, text, history);
            }
            history.add("answer " + (history.size() + 1) + ": " + String.join("; ", complaints));
            if (a.retries >= maxRetries) {
                return a.abstain(
                        "abstained: the model's answer broke the rules " + (history.size()) + " time(s); last: "
                                + String.join("; ", complaints),
                        Optional.empty(),
                        "rejected: " + String.join(" | ", history),
                        Optional.of(text));
            }
            log.info("{} answer for {} rejected, asking again: {}", label, in.symbol(), complaints);
            messages.add(AiMessage.from(text));
            messages.add(UserMessage.from(complaint(complaints)));
            a.retries++;
        }
    }

    /** The cached answer, when it still passes today's validation (rules may have changed since). */
    private Optional<Decision> replay(Attempt a, Decision hit) {
        String raw = hit.rawResponse().orElseThrow();
        try {
            ModelAnswer answer = SignalParser.parse(raw);
            if (!validator.check(answer, a.in.price(), a.in.atr()).isEmpty()) {
                return Optional.empty();
            }
            a.cached = true;
            return Optional.of(a.accept(answer, raw, List.of()));
        } catch (SignalParseException e) {
            return Optional.empty();
        }
    }

    static String complaint(List<String> complaints) {
        StringBuilder sb = new StringBuilder("Your answer was rejected:\n");
        for (String c : complaints) {
            sb.append("- ").append(c).append('\n');
        }
        return sb.append("Reply again with one corrected JSON object only.").toString();
    }

    private ChatRequest request(List<ChatMessage> messages) {
        ChatRequest.Builder b = ChatRequest.builder().messages(List.copyOf(messages));
        if (jsonSchema) {
            b.responseFormat(RESPONSE_FORMAT);
        }
        return b.build();
    }

    private static final ResponseFormat RESPONSE_FORMAT = ResponseFormat.builder()
            .type(ResponseFormatType.JSON)
            .jsonSchema(JsonSchema.builder()
                    .name("trade_signal")
                    .rootElement(JsonObjectSchema.builder()
                            .addEnumProperty("action", List.of("BUY", "SELL", "HOLD"))
                            .addNumberProperty("confidence", "0 to 1")
                            .addNumberProperty("entry", "the reference entry price, near the last price")
                            .addProperty(
                                    "stop_loss",
                                    JsonAnyOfSchema.builder()
                                            .anyOf(new JsonNumberSchema(), new JsonNullSchema())
                                            .build())
                            .addProperty(
                                    "take_profit",
                                    JsonAnyOfSchema.builder()
                                            .anyOf(new JsonNumberSchema(), new JsonNullSchema())
                                            .build())
                            .addStringProperty("reasoning")
                            .required("action", "confidence", "entry", "stop_loss", "take_profit", "reasoning")
                            .additionalProperties(false)
                            .build())
                    .build())
            .build();

    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return BigDecimal.valueOf(v).round(PRICE_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** The state of one decision while it is being taken. */
    private final class Attempt {
        final SignalInput in;
        final Instant decidedAt;
        final long startNanos;
        final BigDecimal price;
        Optional<RenderedPrompt> prompt = Optional.empty();
        Optional<String> cacheKey = Optional.empty();
        int retries;
        int tokensIn;
        int tokensOut;
        boolean cached;

        Attempt(SignalInput in, Instant decidedAt, long startNanos) {
            this.in = in;
            this.decidedAt = decidedAt;
            this.startNanos = startNanos;
            this.price = BigDecimal.valueOf(in.price()).round(PRICE_DIGITS);
        }

        void count(TokenUsage u) {
            if (u != null) {
                tokensIn += u.inputTokenCount() == null ? 0 : u.inputTokenCount();
                tokensOut += u.outputTokenCount() == null ? 0 : u.outputTokenCount();
            }
        }

        Decision accept(ModelAnswer answer, String raw, List<String> history) {
            TradeSignal s = Spot.apply(
                    SignalValidator.toSignal(
                            answer, in.symbol(), in.interval(), price, label, decidedAt, in.candleTime()),
                    in.holding());
            String validation = history.isEmpty() ? Decision.OK : Decision.OK + " after " + String.join(" | ", history);
            return decision(s, Optional.of(raw), validation, Optional.empty());
        }

        Decision fault(ProviderFault f, List<String> history, String lastRaw) {
            String validation = history.isEmpty() ? "not checked" : "rejected: " + String.join(" | ", history);
            return abstain(
                    "abstained: " + f.message(), Optional.of(f.message()), validation, Optional.ofNullable(lastRaw));
        }

        Decision abstain(String reason, Optional<String> error, String validation, Optional<String> raw) {
            TradeSignal s =
                    TradeSignal.abstain(in.symbol(), in.interval(), price, reason, label, decidedAt, in.candleTime());
            return decision(s, raw, validation, error);
        }

        private Decision decision(TradeSignal s, Optional<String> raw, String validation, Optional<String> error) {
            Optional<BigDecimal> cost =
                    cached ? Optional.of(BigDecimal.ZERO) : prices.cost(provider, modelName, tokensIn, tokensOut);
            return new Decision(
                    Optional.empty(),
                    s,
                    templates.version(),
                    prompt.map(RenderedPrompt::hash),
                    prompt.map(RenderedPrompt::text),
                    in.json(),
                    raw,
                    validation,
                    retries,
                    tokensIn,
                    tokensOut,
                    Duration.ofNanos(System.nanoTime() - startNanos),
                    cost,
                    error,
                    cached,
                    cacheKey,
                    in.marketSource());
        }
    }

    /** Builds an {@link LlmSignalGenerator}. */
    public static final class Builder {
        private final ChatModel model;
        private final String provider;
        private final String modelName;
        private boolean jsonSchema;
        private PromptTemplates templates = PromptTemplates.builtIn();
        private Locale language = Locale.ENGLISH;
        private ValidationRules rules = ValidationRules.DEFAULTS;
        private DecisionStore store;
        private boolean cache = true;
        private int maxRetries = 2;
        private Duration maxRetryWait = Duration.ofSeconds(30);
        private PriceTable prices = PriceTable.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder(ChatModel model, String provider, String modelName) {
            this.model = Objects.requireNonNull(model, "model");
            this.provider = Objects.requireNonNull(provider, "provider");
            this.modelName = Objects.requireNonNull(modelName, "modelName");
        }

        /** Ask for the JSON-schema response format (only for models that declare it). */
        public Builder jsonSchema(boolean on) {
            this.jsonSchema = on;
            return this;
        }

        public Builder templates(PromptTemplates t) {
            this.templates = Objects.requireNonNull(t, "templates");
            return this;
        }

        /** The snapshot's language in the prompt: {@link Locale#CHINESE} or {@link Locale#ENGLISH}. */
        public Builder language(Locale l) {
            this.language = Objects.requireNonNull(l, "language");
            return this;
        }

        public Builder rules(ValidationRules r) {
            this.rules = Objects.requireNonNull(r, "rules");
            return this;
        }

        /** Journal every decision here; it is also the response cache. */
        public Builder store(DecisionStore s) {
            this.store = s;
            return this;
        }

        /** Whether to answer from the journal when the same model was asked the same prompt (default true). */
        public Builder cache(boolean on) {
            this.cache = on;
            return this;
        }

        /** Re-asks and retries per decision, 0..2 (default 2). */
        public Builder maxRetries(int n) {
            if (n < 0 || n > 2) {
                throw new ConfigException("AI_MAX_RETRIES", "AI_MAX_RETRIES must be within 0..2, got " + n);
            }
            this.maxRetries = n;
            return this;
        }

        /** The longest wait before a retry after a 429 or 5xx; a longer Retry-After abstains (default 30 s). */
        public Builder maxRetryWait(Duration d) {
            if (d.isNegative()) {
                throw new ConfigException("AI_MAX_RETRY_WAIT", "AI_MAX_RETRY_WAIT must be >= 0, got " + d);
            }
            this.maxRetryWait = d;
            return this;
        }

        public Builder prices(PriceTable p) {
            this.prices = Objects.requireNonNull(p, "prices");
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Waits between retries (default {@link Sleeper#SYSTEM}; tests pass one that only records). */
        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s, "sleeper");
            return this;
        }

        public LlmSignalGenerator build() {
            if (jsonSchema
                    && !model.supportedCapabilities()
                            .contains(dev.langchain4j.model.chat.Capability.RESPONSE_FORMAT_JSON_SCHEMA)) {
                throw new ConfigException(
                        "AI_JSON_SCHEMA",
                        "the model does not declare RESPONSE_FORMAT_JSON_SCHEMA; set AI_JSON_SCHEMA=false");
            }
            return new LlmSignalGenerator(this);
        }
    }
}
