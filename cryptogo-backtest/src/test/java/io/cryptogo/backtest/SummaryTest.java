package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SummaryTest {

    @Test
    void aPositionStillOpenAtTheEndIsNamedNotCountedAsATrade() {
        BacktestResult r =
                TestBars.offline(TestBars.walk(200, 5), Strategies.buyAndHold()).run();
        assertThat(r.trades()).isEmpty();
        String held = r.fills().get(0).quantity().stripTrailingZeros().toPlainString();
        assertThat(r.summary().text())
                .contains("Trades             0 (and a position of " + held
                        + " BTC still open at the end, valued in the equity, not counted as a trade)");
    }

    @Test
    void rejectionsReadAsRuleAndCount() {
        Strategy flip = bar -> bar.inPosition() ? Intent.exit() : Intent.buy(0.5);
        BacktestResult r = TestBars.offline(TestBars.walk(7, 5), flip)
                .risk(TestBars.WIDE.withMaxDailyTrades(2))
                .run();
        assertThat(r.summary().text())
                .contains(
                        "Risk rejections    MAX_DAILY_TRADES " + r.rejections().get("MAX_DAILY_TRADES"));
        assertThat(r.summary().text()).doesNotContain("{");
    }
}
