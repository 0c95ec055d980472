package io.cryptogo.ai.desk;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.cryptogo.ai.SignalInput;
import io.cryptogo.ai.desk.news.NewsItem;
import io.cryptogo.ai.prompt.RenderedPrompt;
import io.cryptogo.ai.provider.PriceTable;
import io.cryptogo.ai.provider.ProviderFault;
import io.cryptogo.error.SignalParseException;
import io.cryptogo.model.TradeSignal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One desk decision while it is being taken: the input, the views so far (typed fields, written by the
 * agents), the calls made, the decision's spend, and {@link #ask}: one agent's disciplined model call
 * (cache first, budget check, per-agent timeout, re-ask with the exact complaint at most {@code maxRetries}
 * times, else no view). It never throws for a model's fault.
 */
final class DeskRun {
    private static final Logger log = LoggerFactory.getLogger(DeskRun.class);

    /** What one decision shares with the desk that runs it. */
    record Context(
            ChatModel model,
            String provider,
            String modelName,
            PriceTable prices,
            Duration agentTimeout,
            int maxRetries,
            int maxTokensOut,
            DeskBudget budget,
            Optional<AgentCallStore> cache,
            ExecutorService executor,
            Clock clock) {
        String label() {
            return "llm:" + provider + "/" + modelName;
        }
    }

    final Context ctx;
    final SignalInput in;
    final List<NewsItem> news;
    final Instant startedAt;
    private final List<AgentCall> calls = new ArrayList<>();
    private AgentCallStore.Spend spent = AgentCallStore.Spend.ZERO;
    private volatile String exhausted;

    volatile Optional<TechnicalView> technical = Optional.empty();
    volatile Optional<SentimentView> sentiment = Optional.empty();
    final List<ResearchView> bull = new ArrayList<>();
    final List<ResearchView> bear = new ArrayList<>();
    volatile Optional<ResearchView> research = Optional.empty();
    volatile Optional<TradeSignal> proposal = Optional.empty();
    volatile String traderRaw;
    volatile String traderValidation = "not checked";
    volatile String traderPrompt;
    volatile Optional<String> traderError = Optional.empty();
    final AtomicInteger retries = new AtomicInteger();

    DeskRun(Context ctx, SignalInput in, List<NewsItem> news) {
        this.ctx = ctx;
        this.in = in;
        this.news = List.copyOf(news);
        this.startedAt = ctx.clock().instant();
    }

    /** The reason the budget stopped the desk, if it did. */
    Optional<String> exhausted() {
        return Optional.ofNullable(exhausted);
    }

    synchronized List<AgentCall> calls() {
        return List.copyOf(calls);
    }

    synchronized AgentCallStore.Spend spent() {
        return spent;
    }

    synchronized void record(AgentCall c) {
        calls.add(c);
    }

    /** What {@link #ask} returns: the view, or why there is none, and the raw answer and validation history. */
    record Answer<T>(
            Optional<T> view, Optional<String> raw, String validation, Optional<String> error, String prompt) {}

    /**
     * Asks the model as {@code role}; {@code parse} reads and checks the answer (a {@link SignalParseException}
     * is the complaint sent back), {@code toJson} renders the view for the journal.
     */
    <T> Answer<T> ask(
            DeskRole role,
            int round,
            String system,
            String user,
            Function<String, T> parse,
            Function<T, String> toJson) {
        Instant at = ctx.clock().instant();
        RenderedPrompt p = new RenderedPrompt(system, user, TradingDesk.VERSION);
        String prompt = p.text();
        String label = ctx.label();
        if (ctx.cache().isPresent()) {
            Optional<String> hit = ctx.cache().get().cachedAnswer(AgentCall.cacheKey(role, label, prompt));
            if (hit.isPresent()) {
                try {
                    T v = parse.apply(hit.get());
                    record(new AgentCall(
                            role,
                            round,
                            label,
                            Optional.of(prompt),
                            hit,
                            toJson.apply(v),
                            new AgentCall.Usage(0, 0, Optional.of(BigDecimal.ZERO), Duration.ZERO, true, at),
                            Optional.empty()));
                    return new Answer<>(Optional.of(v), hit, "ok", Optional.empty(), prompt);
                } catch (SignalParseException e) {
                    // today's checks refuse the recorded answer: ask again
                }
            }
        }
        // after the cache: a replayed answer costs nothing, so an exhausted budget does not stop it
        if (exhausted != null) {
            String m = "not called: the budget is exhausted (" + exhausted + ")";
            record(new AgentCall(
                    role,
                    round,
                    label,
                    Optional.of(prompt),
                    Optional.empty(),
                    "{}",
                    AgentCall.Usage.none(at),
                    Optional.of(m)));
            return new Answer<>(Optional.empty(), Optional.empty(), "not checked", Optional.of(m), prompt);
        }
        long t0 = System.nanoTime();
        int tokensIn = 0;
        int tokensOut = 0;
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(system), UserMessage.from(user)));
        List<String> history = new ArrayList<>();
        String raw = null;
        String error = null;
        T view = null;
        int attempt = 0;
        while (true) {
            long estIn = chars(messages) / 4;
            BigDecimal estCost = ctx.prices()
                    .cost(ctx.provider(), ctx.modelName(), estIn, ctx.maxTokensOut())
                    .orElse(BigDecimal.ZERO);
            Optional<String> refusal;
            synchronized (this) {
                refusal = ctx.budget().refusal(spent, estIn + ctx.maxTokensOut(), estCost);
            }
            if (refusal.isPresent()) {
                exhausted = refusal.get();
                error = "not called: the budget is exhausted (" + refusal.get() + ")";
                break;
            }
            ChatResponse r;
            try {
                r = callWithTimeout(messages);
            } catch (TimeoutException e) {
                error = role.key() + " timed out after " + ctx.agentTimeout().toMillis() + " ms";
                break;
            } catch (RuntimeException e) {
                ProviderFault f = ProviderFault.classify(e);
                if (f.retriable()
                        && attempt < ctx.maxRetries()
                        && f.retryAfter().orElse(Duration.ZERO).toSeconds() <= 5) {
                    attempt++;
                    retries.incrementAndGet();
                    sleep(f.retryAfter().orElse(Duration.ofMillis(200)));
                    continue;
                }
                error = f.message();
                break;
            }
            TokenUsage u = r.tokenUsage();
            int ti = u == null || u.inputTokenCount() == null ? 0 : u.inputTokenCount();
            int to = u == null || u.outputTokenCount() == null ? 0 : u.outputTokenCount();
            tokensIn += ti;
            tokensOut += to;
            charge(ti, to);
            String text = r.aiMessage() == null ? null : r.aiMessage().text();
            if (r.finishReason() == FinishReason.CONTENT_FILTER) {
                raw = text;
                error = "the model refused to answer (content filter)";
                break;
            }
            if (text == null || text.isBlank()) {
                error = "the model returned an empty answer";
                break;
            }
            raw = text;
            try {
                view = parse.apply(text);
                break;
            } catch (SignalParseException e) {
                history.add("answer " + (history.size() + 1) + ": " + e.getMessage());
                if (attempt >= ctx.maxRetries()) {
                    error = "the answer broke the rules " + history.size() + " time(s); last: " + e.getMessage();
                    break;
                }
                attempt++;
                retries.incrementAndGet();
                messages.add(AiMessage.from(text));
                messages.add(UserMessage.from("Your answer was rejected:\n- " + e.getMessage()
                        + "\nReply again with one corrected JSON object only."));
            }
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        Optional<BigDecimal> cost = ctx.prices().cost(ctx.provider(), ctx.modelName(), tokensIn, tokensOut);
        String validation = view != null
                ? (history.isEmpty() ? "ok" : "ok after " + String.join(" | ", history))
                : (history.isEmpty() ? "not checked" : "rejected: " + String.join(" | ", history));
        if (error != null) {
            log.warn("desk {} for {}: {}", role.key(), in.symbol(), error);
        }
        record(new AgentCall(
                role,
                round,
                label,
                Optional.of(prompt),
                Optional.ofNullable(raw),
                view == null ? "{}" : toJson.apply(view),
                new AgentCall.Usage(tokensIn, tokensOut, cost, latency, false, at),
                Optional.ofNullable(error)));
        return new Answer<>(
                Optional.ofNullable(view), Optional.ofNullable(raw), validation, Optional.ofNullable(error), prompt);
    }

    private synchronized void charge(int tokensIn, int tokensOut) {
        BigDecimal c = ctx.prices()
                .cost(ctx.provider(), ctx.modelName(), tokensIn, tokensOut)
                .orElse(BigDecimal.ZERO);
        spent = spent.plus((long) tokensIn + tokensOut, c);
        ctx.budget().spend((long) tokensIn + tokensOut, c);
    }

    private ChatResponse callWithTimeout(List<ChatMessage> messages) throws TimeoutException {
        ChatRequest req = ChatRequest.builder().messages(List.copyOf(messages)).build();
        Future<ChatResponse> f = ctx.executor().submit(() -> ctx.model().chat(req));
        try {
            return f.get(ctx.agentTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static long chars(List<ChatMessage> messages) {
        long n = 0;
        for (ChatMessage m : messages) {
            n += switch (m) {
                case SystemMessage s -> s.text().length();
                case UserMessage u -> u.hasSingleText() ? u.singleText().length() : 0;
                case AiMessage a -> a.text() == null ? 0 : a.text().length();
                default -> 0;
            };
        }
        return n;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
