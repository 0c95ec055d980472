package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SweepTest {
    private static final Backtest BASE = TestBars.offline(TestBars.walk(24 * 40, 11), Strategies.buyAndHold());

    private static Sweep grid() {
        return Sweep.over(BASE.copy())
                .grid("fast", 5, 8, 12)
                .grid("slow", 21, 34)
                .strategy(p -> Strategies.emaCross(p.i("fast"), p.i("slow")))
                .sortBy("sharpe");
    }

    @Test
    void aSweepRunsEveryGridPointSortedByTheMetricTheSameOnOneOrManyThreads() {
        List<Sweep.Entry> one = grid().threads(1).run();
        List<Sweep.Entry> two = grid().threads(2).run();
        List<Sweep.Entry> four = grid().threads(4).run();
        assertThat(one).hasSize(6);
        for (int i = 1; i < one.size(); i++) {
            assertThat(one.get(i - 1).metric("sharpe"))
                    .isGreaterThanOrEqualTo(one.get(i).metric("sharpe"));
        }
        for (List<Sweep.Entry> other : List.of(two, four)) {
            for (int i = 0; i < one.size(); i++) {
                assertThat(other.get(i).params()).isEqualTo(one.get(i).params());
                assertThat(other.get(i).result().equity())
                        .isEqualTo(one.get(i).result().equity());
                assertThat(other.get(i).result().fills())
                        .isEqualTo(one.get(i).result().fills());
            }
        }
        assertThat(one.get(0).params().toString()).matches("fast=\\d+ slow=\\d+");
    }

    @Test
    void walkForwardChainsTheOutOfSampleWindowsIntoOneCurve() {
        WalkForward.Report wf = WalkForward.of(grid().threads(2))
                .inSample(24 * 10)
                .outOfSample(24 * 5)
                .run(BASE);
        assertThat(wf.windows()).hasSize(6); // (40 - 10) / 5
        assertThat(wf.equity()).hasSize(6 * 24 * 5);
        double chained = 1;
        for (WalkForward.Window w : wf.windows()) {
            assertThat(w.outOfSampleStart()).isAfter(w.inSampleStart());
            chained *= 1 + w.oosReturn();
        }
        assertThat(wf.totalReturn() + 1)
                .isCloseTo(chained * 10_000 / wf.equity().get(0).equity(), org.assertj.core.data.Offset.offset(1e-9));
        for (int i = 1; i < wf.equity().size(); i++) {
            assertThat(wf.equity().get(i).time()).isAfter(wf.equity().get(i - 1).time());
        }
    }
}
