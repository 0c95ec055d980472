package io.cryptogo.ai;

import io.cryptogo.CryptoGo;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.journal.jdbc.JdbcDecisionStore;
import io.cryptogo.ai.parse.ValidationRules;
import io.cryptogo.ai.provider.ChatModels;
import io.cryptogo.config.Config;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the signal generator from configuration: the LLM when a provider is configured ({@link
 * ChatModels#fromConfig}), otherwise the rules, labelled {@code rules}.
 *
 * <pre>{@code
 * SignalGenerator g = Signals.on(CryptoGo.demo());      // cg's configuration, journaling into cg's database
 * SignalGenerator h = Signals.fromConfig(Config.fromEnv(), new JdbcDecisionStore(db));
 * }</pre>
 */
public final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    /**
     * The generator {@code cg}'s configuration picks (the LLM when one is configured, else the rules),
     * journaling every decision into {@code cg}'s database (table {@code ai_decisions}, which is also the
     * LLM's response cache).
     */
    public static SignalGenerator on(CryptoGo cg) {
        return fromConfig(cg.config(), new JdbcDecisionStore(cg.database()));
    }

    /** The configured generator, journaling nowhere. */
    public static SignalGenerator fromConfig(Config config) {
        return fromConfig(config, null);
    }

    /** The configured generator, journaling into {@code store} (which is also the LLM's response cache). */
    public static SignalGenerator fromConfig(Config config, DecisionStore store) {
        Optional<ChatModels.Configured> m = ChatModels.fromConfig(config);
        if (m.isPresent()) {
            return LlmSignalGenerator.fromConfig(config, m.get(), store);
        }
        log.info("no LLM configured (OPENAI_API_KEY, ANTHROPIC_API_KEY, OLLAMA_BASE_URL): signals come from the rules");
        return rules(config, store);
    }

    /** The rule generator with the configured validation rules. */
    public static RuleSignalGenerator rules(Config config, DecisionStore store) {
        return RuleSignalGenerator.builder()
                .rules(ValidationRules.fromConfig(config))
                .store(store)
                .build();
    }
}
