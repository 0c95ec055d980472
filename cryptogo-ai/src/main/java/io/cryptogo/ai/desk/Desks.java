package io.cryptogo.ai.desk;

import io.cryptogo.ai.LlmSignalGenerator;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.Signals;
import io.cryptogo.ai.desk.news.NewsFeeds;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.parse.ValidationRules;
import io.cryptogo.ai.provider.ChatModels;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the generator by {@code AI_MODE}: {@code single} (default, {@link Signals#fromConfig}) or {@code
 * desk} (a {@link TradingDesk} on the configured model with {@code NEWS_FEEDS}, {@code DESK_DEBATE_ROUNDS},
 * {@code DESK_AGENT_TIMEOUT}, the budgets and the risk limits). With no model configured both answer with
 * the rules.
 *
 * <pre>{@code
 * SignalGenerator g = Desks.fromConfig(config, new JdbcDecisionStore(db), new JdbcAgentCallStore(db), accounts);
 * }</pre>
 */
public final class Desks {
    private static final Logger log = LoggerFactory.getLogger(Desks.class);

    private Desks() {}

    /** Whether {@code AI_MODE} asks for the desk. */
    public static boolean deskMode(Config c) {
        String mode = c.string("AI_MODE", "single").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "single", "llm" -> false;
            case "desk" -> true;
            default ->
                throw new ConfigException(
                        "AI_MODE", "AI_MODE='" + mode + "' is not valid; accepted values: single, desk");
        };
    }

    /** The configured generator; {@code accounts} is what the desk's risk check sees (null: flat). */
    public static SignalGenerator fromConfig(
            Config c, DecisionStore store, AgentCallStore calls, DeskRisk.AccountSource accounts) {
        if (!deskMode(c)) {
            return Signals.fromConfig(c, store);
        }
        Optional<ChatModels.Configured> m = ChatModels.fromConfig(c);
        if (m.isEmpty()) {
            log.warn(
                    "AI_MODE=desk but no LLM is configured (OPENAI_API_KEY, ANTHROPIC_API_KEY, OLLAMA_BASE_URL): signals come from the rules");
            return Signals.rules(c, store);
        }
        return desk(c, m.get(), store, calls, accounts);
    }

    /** A desk on a configured model. */
    public static TradingDesk desk(
            Config c,
            ChatModels.Configured m,
            DecisionStore store,
            AgentCallStore calls,
            DeskRisk.AccountSource accounts) {
        LlmSignalGenerator single = LlmSignalGenerator.fromConfig(c, m, null);
        DeskRiskRules rules = DeskRiskRules.fromConfig(c);
        TradingDesk.Builder b = TradingDesk.builder(m.model(), m.provider(), m.modelName())
                .single(single)
                .rules(ValidationRules.fromConfig(c))
                .news(NewsFeeds.fromConfig(c))
                .risk(rules)
                .debateRounds(c.integer("DESK_DEBATE_ROUNDS", 1, 0, 5))
                .agentTimeout(c.duration("DESK_AGENT_TIMEOUT", c.duration("AI_TIMEOUT", Duration.ofSeconds(60))))
                .maxRetries(c.integer("AI_MAX_RETRIES", 2, 0, 2))
                .maxTokensOut(c.integer("AI_MAX_TOKENS", 1024, 64, 65536))
                .cache(c.bool("AI_CACHE", true))
                .budget(DeskBudget.Limits.fromConfig(c))
                .fallbackRules(Signals.rules(c, null))
                .store(store)
                .calls(calls);
        if ("zh".equalsIgnoreCase(c.string("AI_PROMPT_LANGUAGE", "en"))) {
            b.language(Locale.CHINESE);
        }
        if (accounts != null) {
            b.accounts(accounts);
        }
        TradingDesk d = b.build();
        log.info(
                "AI desk {} (debate rounds {}, budgets {})",
                d.label(),
                c.integer("DESK_DEBATE_ROUNDS", 1, 0, 5),
                d.budget().limits());
        return d;
    }
}
