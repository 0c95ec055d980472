package io.cryptogo.backtest.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.LookaheadAudit;
import io.cryptogo.backtest.TestBars;
import java.util.concurrent.TimeUnit;
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
        assertThat(first.strategy()).contains("decisions 661, model calls 0, cache hits 0");
        assertThat(again.strategy()).isEqualTo("journal(rules)");
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
