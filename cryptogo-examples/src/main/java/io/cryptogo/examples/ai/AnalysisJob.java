package io.cryptogo.examples.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.ai.DecisionLoop;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.jobs.JobContext;
import io.cryptogo.examples.app.jobs.JobKind;
import io.cryptogo.examples.app.market.SymbolCatalog;
import io.cryptogo.model.Symbol;

/**
 * The {@code analysis} job: {@code {"symbol": "BTC/USDT"}} asks the app's signal generator (LLM, desk or rules)
 * for a decision on the last closed candle, as {@code POST /api/v1/ai/analyze} does, off the request path. The
 * result is the decision as {@code GET /api/v1/ai/decisions/{id}} shows it (masked). Needs {@link AiModule}; the
 * services are looked up when the job runs, so the order of the modules does not matter.
 */
public final class AnalysisJob implements JobKind {
    private final AppRegistry app;

    public AnalysisJob(AppRegistry app) {
        this.app = app;
    }

    private Symbol symbol(JsonNode p) {
        Symbol s = Symbol.parse(
                p.path("symbol").asText(app.settings().defaultSymbol().toString()));
        app.service(SymbolCatalog.class).ifPresent(c -> c.require(s, "symbol"));
        return s;
    }

    @Override
    public void validate(JsonNode params) {
        loop();
        symbol(params);
    }

    private DecisionLoop loop() {
        return app.service(DecisionLoop.class)
                .orElseThrow(() -> new InvalidRequestException(
                        "kind", "analysis jobs need the AI module, which this app does not run"));
    }

    @Override
    public JsonNode run(JobContext job) {
        Symbol symbol = symbol(job.params());
        job.checkCancelled();
        Decision d = loop().analyze(symbol);
        DecisionStore store = app.service(DecisionStore.class).orElse(null);
        Decision shown = store instanceof MaskingDecisionStore m ? m.mask(d) : d;
        return Json.mapper().valueToTree(DecisionView.detail(shown));
    }
}
