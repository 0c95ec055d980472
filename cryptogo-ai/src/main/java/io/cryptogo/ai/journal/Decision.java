package io.cryptogo.ai.journal;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision with its audit trail: the {@link TradeSignal} plus everything needed to see why and at what
 * cost it was taken, and to replay it. This is what the journal ({@code ai_decisions}) stores. The audit
 * trail comes in three parts ({@link Template}, {@link Outcome}, {@link Usage}); every field also has its
 * own accessor on the decision ({@code d.validation()}, {@code d.tokensIn()}, …).
 *
 * <pre>{@code
 * Decision d = new Decision(Optional.empty(), signal,
 *         new Decision.Template("v2", Optional.of(hash), Optional.of(prompt), Optional.of(key), false),
 *         new Decision.Outcome(snapshotJson, Optional.of(raw), Decision.OK, Optional.empty()),
 *         new Decision.Usage(0, 1200, 80, Duration.ofMillis(840), Optional.of(cost)),
 *         Optional.of(SourceInfo.Kind.BINANCE));
 * }</pre>
 *
 * @param id the journal id, once stored
 * @param signal the decision itself
 * @param template which prompt (or rule set) produced it, and its cache key
 * @param outcome what the generator read and answered, and how the answer was judged
 * @param usage model calls, tokens, time and cost
 * @param marketSource the market source the decision was made on ({@code binance} / {@code simulated});
 *     empty when the caller's data did not say (and for decisions journaled before it was recorded)
 * @param origin who asked: the live decision loop, an on-demand analysis or the desk ({@link Origin#LIVE}), or a
 *     backtest ({@link Origin#backtest}); decisions journaled before it was recorded are live
 */
public record Decision(
        Optional<Long> id,
        TradeSignal signal,
        Template template,
        Outcome outcome,
        Usage usage,
        Optional<SourceInfo.Kind> marketSource,
        Origin origin) {

    /** The {@code validation} of an accepted answer. */
    public static final String OK = "ok";

    /**
     * Which text produced a decision.
     *
     * @param version the prompt templates' version ({@code v2}, …), or the rule set's ({@code rules/v1})
     * @param promptHash SHA-256 of the exact prompt (LLM decisions)
     * @param prompt the exact prompt, system and user (LLM decisions)
     * @param cacheKey SHA-256 of {@code <generator>|<prompt>}, the response cache's key
     * @param cached whether the answer came from the response cache (no call made)
     */
    public record Template(
            String version,
            Optional<String> promptHash,
            Optional<String> prompt,
            Optional<String> cacheKey,
            boolean cached) {
        public Template {
            Objects.requireNonNull(version, "templateVersion");
            Objects.requireNonNull(promptHash, "promptHash");
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(cacheKey, "cacheKey");
        }
    }

    /**
     * What the generator read and answered.
     *
     * @param snapshot the market snapshot as JSON
     * @param rawResponse the model's last answer, verbatim
     * @param validation {@code ok}, or what was wrong with each answer, or {@code not checked} after a fault
     * @param error the provider fault that ended the decision, if any
     */
    public record Outcome(String snapshot, Optional<String> rawResponse, String validation, Optional<String> error) {
        public Outcome {
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(rawResponse, "rawResponse");
            Objects.requireNonNull(validation, "validation");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * What a decision cost.
     *
     * @param retries extra model calls after the first (re-asks after a rejected answer, retries after a 429
     *     or 5xx)
     * @param tokensIn input tokens over every call
     * @param tokensOut output tokens over every call
     * @param latency wall time of the decision
     * @param costUsd estimated cost, when the model's price is known
     */
    public record Usage(int retries, int tokensIn, int tokensOut, Duration latency, Optional<BigDecimal> costUsd) {
        public Usage {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(costUsd, "costUsd");
            if (retries < 0 || tokensIn < 0 || tokensOut < 0) {
                throw new IllegalArgumentException("retries and token counts must be >= 0");
            }
        }
    }

    /**
     * Where a decision was taken: {@code live} (the decision loop, an on-demand analysis, the desk) or {@code
     * backtest} (with the run's id when it has one). Journaling generators stamp the origin of the code running
     * them ({@link #current()}), so a backtest runs the very generator the app runs and still journals as a
     * backtest:
     *
     * <pre>{@code
     * Decision d = Decision.Origin.backtest("run-7").call(() -> generator.decide(input));
     * d.origin().label();   // "backtest"
     * }</pre>
     *
     * <p>The response cache does not look at the origin: a backtest may reuse a live answer to the same prompt,
     * and the other way round.
     *
     * @param kind live or backtest
     * @param run the backtest run's id, if it has one (never for live decisions)
     */
    public record Origin(Kind kind, Optional<String> run) {
        /** Live decisions: the loop, on-demand analyses, the desk. */
        public static final Origin LIVE = new Origin(Kind.LIVE, Optional.empty());

        private static final ThreadLocal<Origin> CURRENT = ThreadLocal.withInitial(() -> LIVE);

        /** {@code live} or {@code backtest}, as stored and shown. */
        public enum Kind {
            LIVE,
            BACKTEST;

            public String label() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            /** The kind labelled {@code label} ({@code live} / {@code backtest}). */
            public static Kind parse(String label) {
                return valueOf(label.trim().toUpperCase(java.util.Locale.ROOT));
            }
        }

        public Origin {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(run, "run");
            if (kind == Kind.LIVE && run.isPresent()) {
                throw new IllegalArgumentException("a live decision has no backtest run id");
            }
            if (run.isPresent() && (run.get().isBlank() || run.get().length() > 64)) {
                throw new IllegalArgumentException("a run id has 1..64 characters, got '" + run.get() + "'");
            }
        }

        /** A backtest without a run id. */
        public static Origin backtest() {
            return new Origin(Kind.BACKTEST, Optional.empty());
        }

        /** A backtest run with this id (1..64 characters). */
        public static Origin backtest(String runId) {
            return new Origin(Kind.BACKTEST, Optional.of(runId));
        }

        /** The origin of decisions journaled on this thread now: {@link #LIVE} unless inside {@link #call}. */
        public static Origin current() {
            return CURRENT.get();
        }

        /** Runs {@code work} with this origin as {@link #current()} on this thread, and restores the previous one. */
        public <T> T call(java.util.function.Supplier<T> work) {
            Origin before = CURRENT.get();
            CURRENT.set(this);
            try {
                return work.get();
            } finally {
                CURRENT.set(before);
            }
        }

        /** {@code live} or {@code backtest}. */
        public String label() {
            return kind.label();
        }

        public boolean live() {
            return kind == Kind.LIVE;
        }
    }

    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(marketSource, "marketSource");
        Objects.requireNonNull(origin, "origin");
    }

    /** A live decision (the form before the origin was recorded). */
    public Decision(
            Optional<Long> id,
            TradeSignal signal,
            Template template,
            Outcome outcome,
            Usage usage,
            Optional<SourceInfo.Kind> marketSource) {
        this(id, signal, template, outcome, usage, marketSource, Origin.LIVE);
    }

    /** Every field flat, in the order of the first release, plus the market source. */
    public Decision(
            Optional<Long> id,
            TradeSignal signal,
            String templateVersion,
            Optional<String> promptHash,
            Optional<String> prompt,
            String snapshot,
            Optional<String> rawResponse,
            String validation,
            int retries,
            int tokensIn,
            int tokensOut,
            Duration latency,
            Optional<BigDecimal> costUsd,
            Optional<String> error,
            boolean cached,
            Optional<String> cacheKey,
            Optional<SourceInfo.Kind> marketSource) {
        this(
                id,
                signal,
                new Template(templateVersion, promptHash, prompt, cacheKey, cached),
                new Outcome(snapshot, rawResponse, validation, error),
                new Usage(retries, tokensIn, tokensOut, latency, costUsd),
                marketSource);
    }

    /** Every field flat, in the order of the first release, market source unknown. */
    public Decision(
            Optional<Long> id,
            TradeSignal signal,
            String templateVersion,
            Optional<String> promptHash,
            Optional<String> prompt,
            String snapshot,
            Optional<String> rawResponse,
            String validation,
            int retries,
            int tokensIn,
            int tokensOut,
            Duration latency,
            Optional<BigDecimal> costUsd,
            Optional<String> error,
            boolean cached,
            Optional<String> cacheKey) {
        this(
                id,
                signal,
                templateVersion,
                promptHash,
                prompt,
                snapshot,
                rawResponse,
                validation,
                retries,
                tokensIn,
                tokensOut,
                latency,
                costUsd,
                error,
                cached,
                cacheKey,
                Optional.empty());
    }

    /** The same decision as stored under {@code newId}. */
    public Decision withId(long newId) {
        return new Decision(Optional.of(newId), signal, template, outcome, usage, marketSource, origin);
    }

    /** The same decision made on {@code source}. */
    public Decision withMarketSource(Optional<SourceInfo.Kind> source) {
        return new Decision(id, signal, template, outcome, usage, source, origin);
    }

    /** The same decision taken in {@code o}. */
    public Decision withOrigin(Origin o) {
        return new Decision(id, signal, template, outcome, usage, marketSource, o);
    }

    /**
     * As journaled: a decision left {@link Origin#LIVE} takes the {@link Origin#current() current} origin (a
     * backtest's, inside {@link Origin#call}).
     */
    public Decision stamped() {
        Origin now = Origin.current();
        return origin.live() && !now.live() ? withOrigin(now) : this;
    }

    /** The prompt templates' version ({@code v2}, …), or the rule set's ({@code rules/v1}). */
    public String templateVersion() {
        return template.version();
    }

    /** SHA-256 of the exact prompt (LLM decisions). */
    public Optional<String> promptHash() {
        return template.promptHash();
    }

    /** The exact prompt, system and user (LLM decisions). */
    public Optional<String> prompt() {
        return template.prompt();
    }

    /** SHA-256 of {@code <generator>|<prompt>}, the response cache's key. */
    public Optional<String> cacheKey() {
        return template.cacheKey();
    }

    /** Whether the answer came from the response cache (no call made). */
    public boolean cached() {
        return template.cached();
    }

    /** The market snapshot as JSON. */
    public String snapshot() {
        return outcome.snapshot();
    }

    /** The model's last answer, verbatim. */
    public Optional<String> rawResponse() {
        return outcome.rawResponse();
    }

    /** {@code ok}, or what was wrong with each answer, or {@code not checked} after a fault. */
    public String validation() {
        return outcome.validation();
    }

    /** The provider fault that ended the decision, if any. */
    public Optional<String> error() {
        return outcome.error();
    }

    /** Extra model calls after the first. */
    public int retries() {
        return usage.retries();
    }

    public int tokensIn() {
        return usage.tokensIn();
    }

    public int tokensOut() {
        return usage.tokensOut();
    }

    public Duration latency() {
        return usage.latency();
    }

    /** Estimated cost, when the model's price is known. */
    public Optional<BigDecimal> costUsd() {
        return usage.costUsd();
    }

    /** The market source's label, {@code binance} / {@code simulated}, or {@code unknown}. */
    public String marketSourceLabel() {
        return marketSource.map(SourceInfo.Kind::label).orElse("unknown");
    }

    public Symbol symbol() {
        return signal.symbol();
    }

    /** {@code rules} or {@code llm:<provider>/<model>}. */
    public String generator() {
        return signal.generator();
    }

    public boolean abstained() {
        return signal.abstained();
    }
}
