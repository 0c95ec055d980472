package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.model.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BacktestDemoTest {

    @Test
    void theJShellExampleRunsOfflineOnTheDemo(@TempDir Path dir) throws Exception {
        try (var cg = CryptoGo.demo()) {
            long t0 = System.nanoTime();
            var bt = Backtest.on(cg)
                    .symbol("BTC/USDT")
                    .interval(Interval.H1)
                    .from("2025-01-01")
                    .to("2025-06-30")
                    .strategy(Strategies.emaCross(12, 26))
                    .fees(0.001)
                    .slippageBps(5)
                    .initialCash("10000 USDT");
            bt.load();
            System.out.println("load " + (System.nanoTime() - t0) / 1e6 + " ms");
            t0 = System.nanoTime();
            var r = bt.run();
            System.out.println((System.nanoTime() - t0) / 1e6 + " ms");
            System.out.println(r.summary());
            assertThat(r.bars()).isEqualTo(181 * 24);
            assertThat(r.trades()).isNotEmpty();
            assertThat(r.equity()).hasSize(r.bars());
            assertThat(r.summary().toString()).contains("Total return", "Sharpe", "Max drawdown");
            Path html = r.writeHtml(dir.resolve("bt.html"));
            assertThat(Files.readString(html)).contains("<svg", "<table").doesNotContain("<script");
        }
    }
}
