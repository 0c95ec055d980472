package io.cryptogo.trading.replay;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.model.Interval;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.risk.RiskLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A replay of a million 1m bars with a strategy that trades about once a day: idle bars cost almost
 * nothing, so the whole run stays far above what a per-bar allocation or store access would allow.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayThroughputTest {

    @Test
    void aMillionBarsWithADailyTradeReplayFastAndEveryTradeIsAccounted() {
        int n = 1_000_000;
        long start = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * 60_000L;
            double p = 30_000 + 2_000 * Math.sin(i / 5_000.0);
            o[i] = Math.round(p * 100) / 100.0;
            c[i] = Math.round((p + 3) * 100) / 100.0;
            h[i] = Math.max(o[i], c[i]) + 5;
            l[i] = Math.min(o[i], c[i]) - 5;
            v[i] = 1;
        }
        BarSeries bars = BarSeries.of(BTC, Interval.M1, t, o, h, l, c, v);
        try (Replay replay = Replay.builder(bars)
                .rules(new FakeMarket(Instant.EPOCH).symbol(BTC))
                .risk(RiskLimits.defaults().withMaxDailyTrades(100))
                .build()) {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            replay.run((i, r) -> {
                if (i % 1440 == 100) {
                    r.submitAtNextOpen(OrderRequest.market(BTC, Side.BUY, new BigDecimal("0.01")));
                } else if (i % 1440 == 700) {
                    r.submitAtNextOpen(OrderRequest.market(BTC, Side.SELL, new BigDecimal("0.01")));
                }
            });
            // CPU time of this thread: the machine running the tests may be shared
            double seconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - t0) / 1e9;
            double barsPerSecond = n / seconds;
            System.out.printf(
                    "replay: %d bars in %.3f s CPU (%.3f s wall) = %.0f bars/s per core%n",
                    n, seconds, wall, barsPerSecond);

            int days = n / 1440;
            assertThat(replay.engine().fills(Optional.empty(), Instant.EPOCH, 10_000))
                    .hasSizeBetween(2 * days, 2 * days + 2);
            assertThat(replay.rejections()).isEmpty();
            // generous on a shared machine: a store read or a candle per bar would be far below this
            assertThat(barsPerSecond).isGreaterThan(300_000);
        }
    }
}
