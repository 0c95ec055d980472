package io.cryptogo.ai.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.ai.LlmSignalGenerator;
import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.testing.Inputs;
import io.cryptogo.ai.testing.LoopbackLlm.Wire;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.model.TradeSignal.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code AI_MODE} picks the single generator or the desk, with the desk's settings checked at start. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DesksTest {

    @Test
    void aiModeDeskBuildsTheDeskOnTheConfiguredModelWithItsNewsAndBudgets(@TempDir Path dir) throws Exception {
        Path feed = Files.writeString(
                dir.resolve("news.json"),
                "[{\"title\":\"ETF inflows\",\"summary\":\"up\",\"published\":\"2025-01-01T10:30:00Z\"}]");
        Map<String, String> answers = TradingDeskTest.answers();
        try (DeskLoopback s = new DeskLoopback(Wire.OPENAI, (role, req) -> {
            if (role.equals("sentiment")) {
                String id = PromptInjectionTest.idsIn(req.user()).get(0);
                return DeskLoopback.Reply.of("{\"score\":0.4,\"items_used\":[\"" + id + "\"],\"summary\":\"inflows\"}");
            }
            return DeskLoopback.Reply.of(answers.get(role));
        })) {
            Config c = s.config(Map.of(
                    "AI_MODE", "desk",
                    "NEWS_FEEDS", feed.toString(),
                    "DESK_DEBATE_ROUNDS", "0",
                    "DESK_MAX_COST_PER_DAY", "5",
                    "DESK_AGENT_TIMEOUT", "20s"));
            SignalGenerator g = Desks.fromConfig(c, DecisionStore.inMemory(), AgentCallStore.inMemory(), null);
            assertThat(g).isInstanceOf(TradingDesk.class);
            try (TradingDesk desk = (TradingDesk) g) {
                assertThat(desk.label()).isEqualTo("desk:openai/gpt-4o-mini");
                assertThat(desk.budget().limits().costPerDay())
                        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("5"));
                Decision d = desk.decide(Inputs.btc());
                assertThat(d.signal().action()).isEqualTo(Action.BUY);
                assertThat(desk.transcript(d))
                        .extracting(AgentCall::role)
                        .contains(DeskRole.SENTIMENT)
                        .doesNotContain(DeskRole.BULL);
                assertThat(s.count("sentiment")).isEqualTo(1);
            }
        }
    }

    @Test
    void withoutAiModeOrWithoutAModelTheUsualGeneratorsAnswer() throws Exception {
        try (DeskLoopback s = new DeskLoopback(Wire.OPENAI, DeskLoopback.byRole(Map.of()))) {
            assertThat(Desks.fromConfig(s.config(Map.of()), null, AgentCallStore.inMemory(), null))
                    .isInstanceOf(LlmSignalGenerator.class);
        }
        assertThat(Desks.fromConfig(Config.of(Map.of("AI_MODE", "desk")), null, AgentCallStore.inMemory(), null))
                .isInstanceOf(RuleSignalGenerator.class);
    }

    @Test
    void badDeskSettingsFailAtStartNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> Desks.fromConfig(Config.of(Map.of("AI_MODE", "swarm")), null, null, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AI_MODE='swarm' is not valid; accepted values: single, desk");
        try (DeskLoopback s = new DeskLoopback(Wire.OPENAI, DeskLoopback.byRole(Map.of()))) {
            for (Map.Entry<String, String> bad : Map.of(
                            "DESK_DEBATE_ROUNDS", "9",
                            "DESK_MAX_COST_PER_DECISION", "-1",
                            "NEWS_FEEDS", "ftp://x/feed",
                            "DESK_AGENT_TIMEOUT", "0s")
                    .entrySet()) {
                assertThatThrownBy(() -> Desks.fromConfig(
                                s.config(Map.of("AI_MODE", "desk", bad.getKey(), bad.getValue())),
                                null,
                                AgentCallStore.inMemory(),
                                null))
                        .as(bad.getKey())
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining(bad.getKey());
            }
        }
    }
}
