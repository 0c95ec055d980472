package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptogo.trading.Fill;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every metric recomputed independently from the trade list, the fills and the equity curve. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetricsRecomputationTest {

    @Test
    void everyMetricMatchesAnIndependentRecomputation() {
        var candles = TestBars.walk(24 * 75, 3); // 75 days: spans three months
        BacktestResult r = TestBars.offline(candles, Strategies.emaCross(8, 21)).run();
        Metrics m = r.metrics();
        List<EquityPoint> eq = r.equity();
        List<Trade> trades = r.trades();
        double initial = 10_000;
        int n = eq.size();
        assertThat(trades.size()).isGreaterThan(5);

        double[] e = eq.stream().mapToDouble(EquityPoint::equity).toArray();
        double[] ret = IntStream.range(0, n)
                .mapToDouble(i -> e[i] / (i == 0 ? initial : e[i - 1]) - 1)
                .toArray();
        double ppy = 365 * 24;
        double mean = java.util.Arrays.stream(ret).average().orElseThrow();
        double var =
                java.util.Arrays.stream(ret).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
        double downside = Math.sqrt(
                java.util.Arrays.stream(ret).map(x -> x < 0 ? x * x : 0).sum() / n);
        double years = n / ppy;
        double total = e[n - 1] / initial - 1;
        double cagr = Math.pow(1 + total, 1 / years) - 1;

        assertThat(m.totalReturn()).isCloseTo(total, within(1e-12));
        assertThat(m.cagr()).isCloseTo(cagr, within(1e-9));
        assertThat(m.volatility()).isCloseTo(Math.sqrt(var) * Math.sqrt(ppy), within(1e-9));
        assertThat(m.sharpe()).isCloseTo(mean / Math.sqrt(var) * Math.sqrt(ppy), within(1e-9));
        assertThat(m.sortino()).isCloseTo(mean / downside * Math.sqrt(ppy), within(1e-9));

        // max drawdown by brute force over every (peak, later point) pair
        double worst = 0;
        int worstPeak = -1;
        int worstTrough = -1;
        for (int i = -1; i < n; i++) {
            double peak = i < 0 ? initial : e[i];
            for (int j = i + 1; j < n; j++) {
                double dd = 1 - e[j] / peak;
                if (dd > worst + 1e-15) {
                    worst = dd;
                    worstPeak = i;
                    worstTrough = j;
                }
            }
        }
        assertThat(m.maxDrawdown()).isCloseTo(worst, within(1e-12));
        Drawdown d = m.maxDrawdownEpisode().orElseThrow();
        assertThat(d.trough()).isEqualTo(eq.get(worstTrough).time());
        assertThat(d.start()).isEqualTo(eq.get(Math.max(0, worstPeak)).time());
        Instant recovered = null;
        double peakValue = worstPeak < 0 ? initial : e[worstPeak];
        for (int j = worstTrough; j < n; j++) {
            if (e[j] >= peakValue) {
                recovered = eq.get(j).time();
                break;
            }
        }
        assertThat(d.recovery().orElse(null)).isEqualTo(recovered);
        assertThat(d.duration())
                .isEqualTo(Duration.between(
                        d.start(), recovered != null ? recovered : eq.get(n - 1).time()));
        assertThat(m.calmar()).isCloseTo(cagr / worst, within(1e-9));

        // trades
        double[] pnl = trades.stream().mapToDouble(Trade::pnl).toArray();
        long wins = java.util.Arrays.stream(pnl).filter(p -> p > 0).count();
        double grossWin = java.util.Arrays.stream(pnl).filter(p -> p > 0).sum();
        double grossLoss = -java.util.Arrays.stream(pnl).filter(p -> p <= 0).sum();
        double exp = java.util.Arrays.stream(pnl).average().orElseThrow();
        double sdPnl = Math.sqrt(
                java.util.Arrays.stream(pnl).map(p -> (p - exp) * (p - exp)).sum() / (pnl.length - 1));
        assertThat(m.tradeCount()).isEqualTo(trades.size());
        assertThat(m.winRate()).isCloseTo(wins / (double) pnl.length, within(1e-12));
        assertThat(m.profitFactor()).isCloseTo(grossWin / grossLoss, within(1e-9));
        assertThat(m.expectancy()).isCloseTo(exp, within(1e-9));
        assertThat(m.averageWin()).isCloseTo(grossWin / wins, within(1e-9));
        assertThat(m.averageLoss()).isCloseTo(-grossLoss / (pnl.length - wins), within(1e-9));
        assertThat(m.sqn()).isCloseTo(Math.sqrt(pnl.length) * exp / sdPnl, within(1e-9));

        // the trade list and the fills agree with the equity: realised PnL of closed trips
        double fees = r.fills().stream().mapToDouble(f -> f.fee().doubleValue()).sum();
        assertThat(m.feesPaid()).isCloseTo(fees, within(1e-9));
        double tripsFees = trades.stream().mapToDouble(Trade::fees).sum();
        assertThat(tripsFees).isLessThanOrEqualTo(fees + 1e-9);
        boolean flatAtEnd =
                r.fills().isEmpty() || r.fills().get(r.fills().size() - 1).side() == io.cryptogo.trading.Side.SELL;
        if (flatAtEnd) {
            assertThat(e[n - 1] - initial)
                    .isCloseTo(java.util.Arrays.stream(pnl).sum(), within(1e-6));
        }

        // exposure: bars whose close saw a position, rebuilt from the fills
        int held = 0;
        int f = 0;
        double qty = 0;
        List<Fill> fills = r.fills();
        for (EquityPoint p : eq) {
            Instant barEnd = p.time().plus(Duration.ofHours(1));
            while (f < fills.size() && fills.get(f).time().isBefore(barEnd)) {
                Fill x = fills.get(f++);
                qty += x.side() == io.cryptogo.trading.Side.BUY
                        ? x.quantity().doubleValue()
                        : -x.quantity().doubleValue();
            }
            if (qty > 1e-12) {
                held++;
            }
        }
        assertThat(m.exposure()).isCloseTo(held / (double) n, within(1e-12));

        // buy and hold: all in at the first open, fee paid, valued at the last close
        double first = candles.get(0).open().doubleValue();
        double last = candles.get(candles.size() - 1).close().doubleValue();
        assertThat(m.benchmarkReturn()).isCloseTo(initial / (first * 1.001) * last / initial - 1, within(1e-12));

        // monthly returns chain to the total
        Map<YearMonth, Double> monthly = new TreeMap<>();
        double base = initial;
        for (int i = 0; i < n; i++) {
            boolean lastOfMonth = i == n - 1
                    || !YearMonth.from(eq.get(i + 1).time().atZone(ZoneOffset.UTC))
                            .equals(YearMonth.from(eq.get(i).time().atZone(ZoneOffset.UTC)));
            if (lastOfMonth) {
                monthly.put(YearMonth.from(eq.get(i).time().atZone(ZoneOffset.UTC)), e[i] / base - 1);
                base = e[i];
            }
        }
        assertThat(m.monthlyReturns()).hasSize(3);
        monthly.forEach((k, v) -> assertThat(m.monthlyReturns().get(k)).isCloseTo(v, within(1e-12)));
        double chained = monthly.values().stream().mapToDouble(v -> 1 + v).reduce(1, (a, b) -> a * b) - 1;
        assertThat(chained).isCloseTo(total, within(1e-9));
    }
}
