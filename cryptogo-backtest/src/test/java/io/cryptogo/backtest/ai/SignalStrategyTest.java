package io.cryptogo.backtest.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.SignalInput;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.LookaheadAudit;
import io.cryptogo.backtest.TestBars;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SignalStrategyTest {
    private static final java.util.List<io.cryptogo.model.Candle> DATA = TestBars.walk(900, 21);

    @Test
    void theRulesGeneratorTradesAndAJournalReplayRerunsItExactlyWithoutAModelCall() {
        DecisionStore journal = DecisionStore.inMemory();
        SignalGenerator rules = RuleSignalGenerator.builder().build();
        SignalStrategy live = SignalStrategy.of(rules).journal(journal);
        BacktestResult first = TestBars.offline(DATA, live).run();
        assertThat(first.decisions()).isNotEmpty();
        assertThat(first.fills()).isNotEmpty();

        JournalReplay replay = JournalReplay.of(journal, rules.label());
        BacktestResult again = TestBars.offline(DATA, replay).run();
        assertThat(again.fills()).isEqualTo(first.fills());
        assertThat(again.equity()).isEqualTo(first.equity());
        assertThat(first.strategy()).contains("model calls 661,");
        assertThat(again.strategy()).isEqualTo("journal(rules)");
    }

    @Test
    void theBudgetCapsModelCallsAndTheUsageIsReported() {
        AtomicInteger calls = new AtomicInteger();
        SignalGenerator rules = RuleSignalGenerator.builder().build();
        SignalGenerator counting = new SignalGenerator() {
            @Override
            public String label() {
                return "counting";
            }

            @Override
            public Decision decide(SignalInput input) {
                calls.incrementAndGet();
                return rules.decide(input);
            }
        };
        SignalStrategy capped = SignalStrategy.of(counting).every(10).budget(7, new BigDecimal("1"));
        BacktestResult r = TestBars.offline(DATA, capped).run();
        assertThat(calls).hasValue(7);
        assertThat(r.bars()).isEqualTo(900);
        assertThat(r.summary().text()).contains("model calls 7", "budget reached");
    }

    @Test
    void aSignalGeneratorSeesOnlyClosedCandles() {
        var rep = LookaheadAudit.run(
                TestBars.offline(
                        DATA, SignalStrategy.of(RuleSignalGenerator.builder().build())),
                3);
        assertThat(rep.clean()).as(rep.toString()).isTrue();
    }
}
