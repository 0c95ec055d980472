package io.cryptogo.examples.ai;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.model.TradeSignal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A decision as the REST API shows it (the wire form of {@code /api/v1/ai/decisions}: internal to the app,
 * like {@link TranscriptView}). {@code source} is {@code rules}, {@code llm} or {@code desk};
 * {@code marketSource} is the market the decision was made on, {@code binance} or {@code simulated}
 * ({@code unknown} for decisions journaled before it was recorded); {@code origin} is {@code live} or
 * {@code backtest}, {@code runId} the backtest run's id when it has one; {@code prompt},
 * {@code snapshot} and {@code rawResponse} are filled only by the single-decision endpoint.
 */
record DecisionView(
        long id,
        String symbol,
        String interval,
        Instant candleTime,
        Instant decidedAt,
        String action,
        double confidence,
        BigDecimal entry,
        Optional<BigDecimal> stopLoss,
        Optional<BigDecimal> takeProfit,
        String reasoning,
        String generator,
        String source,
        String marketSource,
        String origin,
        Optional<String> runId,
        boolean abstained,
        String templateVersion,
        Optional<String> promptHash,
        String validation,
        int retries,
        int tokensIn,
        int tokensOut,
        long latencyMs,
        Optional<BigDecimal> costUsd,
        Optional<String> error,
        boolean cached,
        Optional<String> prompt,
        Optional<String> snapshot,
        Optional<String> rawResponse) {

    static DecisionView summary(Decision d) {
        return of(d, false);
    }

    static DecisionView detail(Decision d) {
        return of(d, true);
    }

    /** {@code rules}, {@code llm} or {@code desk}; a desk that fell back to the rules shows as the rules. */
    static String source(String generator) {
        if (generator.startsWith("llm:")) {
            return "llm";
        }
        if (generator.startsWith("desk->rules")) {
            return "rules";
        }
        return generator.startsWith("desk") ? "desk" : generator;
    }

    private static DecisionView of(Decision d, boolean detail) {
        TradeSignal s = d.signal();
        return new DecisionView(
                d.id().orElse(0L),
                s.symbol().toString(),
                s.interval().code(),
                s.candleTime(),
                s.decidedAt(),
                s.action().name(),
                s.confidence(),
                s.entry(),
                s.stopLoss(),
                s.takeProfit(),
                s.reasoning(),
                s.generator(),
                source(s.generator()),
                d.marketSourceLabel(),
                d.origin().label(),
                d.origin().run(),
                s.abstained(),
                d.templateVersion(),
                d.promptHash(),
                d.validation(),
                d.retries(),
                d.tokensIn(),
                d.tokensOut(),
                d.latency().toMillis(),
                d.costUsd(),
                d.error(),
                d.cached(),
                detail ? d.prompt() : Optional.empty(),
                detail ? Optional.of(d.snapshot()) : Optional.empty(),
                detail ? d.rawResponse() : Optional.empty());
    }
}
