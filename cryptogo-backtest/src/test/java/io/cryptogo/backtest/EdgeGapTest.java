package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.config.Config;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Candle;
import io.cryptogo.store.Gap;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Data that does not reach the start or the end of the period asked for is reported as a gap at that edge (in
 * {@code r.gaps()} and the summary), like a gap inside the data, never silently bridged.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EdgeGapTest {
    private static final List<Candle> DATA = TestBars.walk(300, 5); // 1h bars from 2025-01-01T00:00Z

    @Test
    void dataThatStartsLateAndEndsEarlyIsReportedAsGapsAtBothEdges() throws Exception {
        // the store holds bars 0..299 except 150..151 (an outage inside the data)
        List<Candle> stored = new ArrayList<>(DATA);
        stored.subList(150, 152).clear();
        try (var h = TestDatabases.h2("bt_edge_gaps");
                CryptoGo cg = CryptoGo.builder()
                        .config(Config.of(Map.of()))
                        .market(SimulatedMarket.builder().build())
                        .database(h.database())
                        .build()) {
            new JdbcCandleStore(h.database(), SourceInfo.Kind.BINANCE).upsertAll(stored);
            Instant first = DATA.get(0).openTime();
            Instant last = DATA.get(299).openTime();
            Duration hour = Duration.ofHours(1);
            // asked: 5 hours before the data (from a time inside a bucket: the first whole bucket counts), 3 after
            Instant from = first.minus(Duration.ofHours(5)).minusSeconds(1800);
            Instant to = last.plus(Duration.ofHours(3));
            BacktestResult r = Backtest.on(cg)
                    .data(Backtest.Data.STORE)
                    .from(from)
                    .to(to)
                    .strategy(Strategies.buyAndHold())
                    .run();

            assertThat(r.bars()).isEqualTo(298);
            Gap before = new Gap(first.minus(Duration.ofHours(5)), first.minus(hour));
            Gap inside = new Gap(DATA.get(150).openTime(), DATA.get(151).openTime());
            Gap after = new Gap(last.plus(hour), last.plus(Duration.ofHours(3)));
            assertThat(r.gaps()).containsExactly(before, inside, after);
            assertThat(before.bars(DATA.get(0).interval())).isEqualTo(5);
            assertThat(after.bars(DATA.get(0).interval())).isEqualTo(3);
            assertThat(r.summary().text())
                    .contains("Gaps               3 (" + before + ", …)")
                    .contains("2 at the edges of the period asked for (" + before + ", " + after + ")");

            // data covering the whole period: no edge gap
            BacktestResult whole = Backtest.on(cg)
                    .data(Backtest.Data.STORE)
                    .from(first)
                    .to(last)
                    .strategy(Strategies.buyAndHold())
                    .run();
            assertThat(whole.gaps()).containsExactly(inside);
            assertThat(whole.summary().text()).doesNotContain("edges");
        }
    }
}
