package io.cryptogo.ai.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.desk.jdbc.JdbcAgentCallStore;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.jdbc.JdbcDecisionStore;
import io.cryptogo.ai.testing.Inputs;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent-call journal (migration V8) on PostgreSQL and H2: linked to its decision, cache, spend. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcAgentCallStoreTest {
    private static TestDatabases.Handle postgres;
    private static TestDatabases.Handle h2;

    @BeforeAll
    static void open() {
        postgres = TestDatabases.postgres("desk_calls");
        h2 = TestDatabases.h2("desk_calls");
    }

    @AfterAll
    static void close() throws Exception {
        postgres.close();
        h2.close();
    }

    static Database db(String kind) {
        return (kind.equals("postgres") ? postgres : h2).database();
    }

    static AgentCall call(DeskRole role, String prompt, String raw, Optional<String> error, Instant at, String cost) {
        return new AgentCall(
                role,
                role == DeskRole.BULL ? 1 : 0,
                "llm:openai/gpt-4o-mini",
                Optional.of(prompt),
                Optional.ofNullable(raw),
                error.isPresent() ? "{}" : "{\"bias\":\"bullish\"}",
                new AgentCall.Usage(1200, 80, Optional.of(new BigDecimal(cost)), Duration.ofMillis(420), false, at),
                error);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void callsAreStoredInOrderLinkedToTheirDecisionAndServeAsCacheAndSpend(String kind) {
        Database d = db(kind);
        JdbcDecisionStore decisions = new JdbcDecisionStore(d);
        JdbcAgentCallStore calls = new JdbcAgentCallStore(d);
        Decision saved = decisions.save(RuleSignalGenerator.builder().build().decide(Inputs.btc()));
        Instant at = Instant.parse("2025-01-01T11:00:00Z");
        String prompt = "[system]\nROLE: technical " + kind + "\n\n[user]\nsnapshot";
        List<AgentCall> made = List.of(
                call(DeskRole.TECHNICAL, prompt, "{\"bias\":\"bullish\"}", Optional.empty(), at, "0.000228"),
                call(DeskRole.BULL, "bull " + kind, null, Optional.of("bull timed out after 700 ms"), at, "0"),
                new AgentCall(
                        DeskRole.RISK_CHECK,
                        0,
                        "code",
                        Optional.empty(),
                        Optional.empty(),
                        "{\"approved\":true}",
                        AgentCall.Usage.none(at),
                        Optional.empty()));

        calls.save(saved.id().orElseThrow(), made);

        List<AgentCall> back = calls.transcript(saved.id().orElseThrow());
        assertThat(back)
                .extracting(AgentCall::role)
                .containsExactly(DeskRole.TECHNICAL, DeskRole.BULL, DeskRole.RISK_CHECK);
        AgentCall t = back.get(0);
        assertThat(t.prompt()).contains(prompt);
        assertThat(t.promptHash()).isEqualTo(made.get(0).promptHash());
        assertThat(t.usage().tokensIn()).isEqualTo(1200);
        assertThat(t.usage().costUsd()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.000228"));
        assertThat(t.usage().latency()).isEqualTo(Duration.ofMillis(420));
        assertThat(back.get(1).round()).isEqualTo(1);
        assertThat(back.get(1).error()).contains("bull timed out after 700 ms");
        assertThat(back.get(2).prompt()).isEmpty();

        assertThat(calls.cachedAnswer(made.get(0).cacheKey().orElseThrow())).contains("{\"bias\":\"bullish\"}");
        assertThat(calls.cachedAnswer(made.get(1).cacheKey().orElseThrow()))
                .as("a failed call is no cache entry")
                .isEmpty();
        assertThat(calls.spentSince(at).costUsd()).isGreaterThanOrEqualTo(new BigDecimal("0.000228"));
        assertThat(calls.spentSince(at.plusSeconds(1)))
                .isEqualTo(AgentCallStore.Spend.ZERO.plus(0, BigDecimal.ZERO))
                .satisfies(s -> assertThat(s.costUsd()).isZero());
        assertThat(calls.transcript(saved.id().orElseThrow() + 1000)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aCallMustBelongToAStoredDecision(String kind) {
        JdbcAgentCallStore calls = new JdbcAgentCallStore(db(kind));
        assertThatThrownBy(() -> calls.save(
                        987_654_321L,
                        List.of(call(DeskRole.TECHNICAL, "p", "r", Optional.empty(), Instant.now(), "0"))))
                .isInstanceOf(CryptoGoException.class)
                .hasMessageContaining("AI decision 987654321");
    }
}
