package io.cryptogo.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.testing.Inputs;
import io.cryptogo.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void withNoModelConfiguredTheRulesAnswerLabelledAsRules() {
        DecisionStore store = DecisionStore.inMemory();
        SignalGenerator g = Signals.fromConfig(Config.of(Map.of()), store);

        assertThat(g).isInstanceOf(RuleSignalGenerator.class);
        assertThat(g.label()).isEqualTo("rules");
        Decision d = g.decide(Inputs.btc());
        assertThat(d.generator()).isEqualTo("rules");
        assertThat(store.find(d.id().orElseThrow())).isPresent();
    }

    @Test
    void aConfiguredModelMakesTheLlmGenerator() {
        SignalGenerator g = Signals.fromConfig(Config.of(Map.of("OLLAMA_MODEL", "qwen2.5")));
        assertThat(g).isInstanceOf(LlmSignalGenerator.class);
        assertThat(g.label()).isEqualTo("llm:ollama/qwen2.5");
    }
}
