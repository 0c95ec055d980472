package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.model.Candle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NoLookaheadTest {
    private static final List<Candle> DATA = TestBars.walk(600, 7);

    /** Precomputes over the whole series and trades on the next close: look-ahead. */
    static final class Peeker implements Strategy {
        private double[] closes;

        @Override
        public void prepare(PriceSeries series) {
            closes = new double[series.size()];
            for (int i = 0; i < closes.length; i++) {
                closes[i] = series.candle(i).close().doubleValue();
            }
        }

        @Override
        public Intent onBar(Bar bar) {
            int i = bar.index();
            if (i + 1 >= closes.length) {
                return Intent.hold();
            }
            boolean up = closes[i + 1] > closes[i];
            return up && !bar.inPosition() ? Intent.buy(1.0) : !up && bar.inPosition() ? Intent.exit() : Intent.hold();
        }

        @Override
        public Strategy fresh() {
            return new Peeker();
        }
    }

    @Test
    void theAuditCatchesAStrategyThatPeeksAtTheFuture() {
        LookaheadAudit.Report rep = LookaheadAudit.run(TestBars.offline(DATA, new Peeker()), 4);
        assertThat(rep.clean()).isFalse();
        assertThat(rep.differences()).isNotEmpty();
        assertThat(rep.toString()).contains("changed");
    }

    @Test
    void theAuditPassesTheBuiltInStrategies() {
        for (Strategy s : List.of(
                Strategies.emaCross(12, 26),
                Strategies.rsiReversion(14, 30, 70),
                Strategies.bollingerBreakout(20, 2))) {
            LookaheadAudit.Report rep = LookaheadAudit.run(TestBars.offline(DATA, s), 4);
            assertThat(rep.clean()).as(s.name() + ": " + rep).isTrue();
            assertThat(rep.decisionsCompared()).isPositive();
        }
    }

    @Test
    void changingEveryCandleAfterTChangesNoDecisionOrFillBeforeT() {
        int cut = 400;
        List<Candle> changed = new ArrayList<>(DATA.subList(0, cut));
        List<Candle> other = TestBars.walk(600, 99);
        // a different future, continuing from the same time
        for (int i = cut; i < DATA.size(); i++) {
            Candle o = other.get(i);
            changed.add(TestBars.candle(
                    o.interval(),
                    DATA.get(i).openTime(),
                    o.open().doubleValue() * 0.7,
                    o.high().doubleValue() * 0.7,
                    o.low().doubleValue() * 0.7,
                    o.close().doubleValue() * 0.7));
        }
        Strategy s = Strategies.emaCross(5, 20);
        BacktestResult a = TestBars.offline(DATA, s).run();
        BacktestResult b = TestBars.offline(changed, s).run();
        var before = DATA.get(cut).openTime();
        assertThat(b.decisions().stream().filter(d -> d.index() < cut).toList())
                .isEqualTo(a.decisions().stream().filter(d -> d.index() < cut).toList())
                .isNotEmpty();
        // a decision on the last bar before T fills at T's open, so fills strictly before T are compared
        assertThat(b.fills().stream().filter(f -> f.time().isBefore(before)).toList())
                .isEqualTo(a.fills().stream()
                        .filter(f -> f.time().isBefore(before))
                        .toList());
        assertThat(b.equity().subList(0, cut)).isEqualTo(a.equity().subList(0, cut));
    }

    @Test
    void sameInputsGiveTheSameResultBitForBitOnAnyNumberOfThreads() throws Exception {
        Strategy s = Strategies.emaCross(5, 20);
        BacktestResult alone = TestBars.offline(DATA, s).run();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BacktestResult>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<BacktestResult> c = () -> TestBars.offline(DATA, s).run();
                runs.add(pool.submit(c));
            }
            for (Future<BacktestResult> f : runs) {
                BacktestResult r = f.get();
                assertThat(r.fills()).isEqualTo(alone.fills());
                assertThat(r.trades()).isEqualTo(alone.trades());
                assertThat(r.equity()).isEqualTo(alone.equity());
                assertThat(r.summary().text()).isEqualTo(alone.summary().text());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
