package io.cryptogo.collect;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Interval;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackfillTest {
    static final long NOW = 1_700_000_000_000L / 86_400_000 * 86_400_000 + 30_000;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parsesTheDocumentedArguments() {
        assertThat(Backfill.parse(new String[] {"--symbol", "ETH/USDT", "--interval", "1m", "--days", "30"}))
                .isEqualTo(new Backfill.Args(io.cryptogo.model.Symbol.parse("ETH/USDT"), Interval.M1, 30));
        assertThat(Backfill.parse(new String[] {"--interval=4h", "--days=7"}))
                .isEqualTo(new Backfill.Args(BTC, Interval.H4, 7));
        assertThat(Backfill.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void badArgumentsGetClearErrors() {
        assertThatThrownBy(() -> Backfill.parse(new String[] {"--interval", "2m", "--days", "1"}))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("accepted values: 1m, 5m");
        assertThatThrownBy(() -> Backfill.parse(new String[] {"--interval", "1m", "--days", "0"}))
                .hasMessageContaining("--days 0 is out of range; accepted range: 1..3650");
        assertThatThrownBy(() -> Backfill.parse(new String[] {"--interval", "1m", "--days", "ten"}))
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Backfill.parse(new String[] {"--interval", "1m"}))
                .hasMessageContaining("--days is required");
        assertThatThrownBy(() -> Backfill.parse(new String[] {"--days", "3"}))
                .hasMessageContaining("--interval is required");
        assertThatThrownBy(() -> Backfill.parse(new String[] {"--interval"}))
                .hasMessageContaining("--interval needs a value");
        assertThatThrownBy(() -> Backfill.parse(new String[] {"--from", "x"}))
                .hasMessageContaining("unknown option '--from'");
        assertThatThrownBy(() -> Backfill.parse(new String[] {"--symbol", "BTC", "--interval", "1m", "--days", "1"}))
                .hasMessageContaining("BTC/USDT");
    }

    @Test
    void aBadArgumentExitsWithTwoAndTheUsage() throws Exception {
        try (var h = TestDatabases.h2("BackfillTest")) {
            int exit = Backfill.run(
                    new String[] {"--interval", "7m", "--days", "1"}, new FakeMarket(CLOCK), h.database(), out, CLOCK);
            assertThat(exit).isEqualTo(2);
            assertThat(output()).contains("unknown interval '7m'").contains("usage: backfill --symbol BTC/USDT");
        }
    }

    @Test
    void fillsTheRequestedDaysWithAProgressBar() throws Exception {
        try (var h = TestDatabases.h2("BackfillTest")) {
            int exit = Backfill.run(
                    new String[] {"--symbol", "BTC/USDT", "--interval", "5m", "--days", "7"},
                    new FakeMarket(CLOCK),
                    h.database(),
                    out,
                    CLOCK);
            assertThat(exit).as(output()).isZero();
            assertThat(output())
                    .contains("backfill BTC/USDT 5m")
                    .contains("[##############################] 100% 2016/2016 bars")
                    .contains("done: 2016 bars fetched")
                    .contains("no gaps");
            var store = new JdbcCandleStore(h.database(), io.cryptogo.market.SourceInfo.Kind.SIMULATED);
            long current = Interval.M5.alignMillis(NOW);
            assertThat(store.gaps(
                            BTC,
                            Interval.M5,
                            Instant.ofEpochMilli(current - Duration.ofDays(7).toMillis()),
                            Instant.ofEpochMilli(current - 1)))
                    .isEmpty();
            // a second run finds nothing to do
            bytes.reset();
            assertThat(Backfill.run(
                            new String[] {"--interval", "5m", "--days", "7"},
                            new FakeMarket(CLOCK),
                            h.database(),
                            out,
                            CLOCK))
                    .isZero();
            assertThat(output()).contains("done: 0 bars fetched");
        }
    }

    @Test
    void exchangeTroubleExitsWithOneAndTheReason() throws Exception {
        try (var h = TestDatabases.h2("BackfillTest")) {
            FakeMarket down = new FakeMarket(CLOCK).beforeKlines(n -> {
                throw new ExchangeUnavailableException("Binance unreachable: connect timed out");
            });
            int exit = Backfill.run(
                    new String[] {"--interval", "1d", "--days", "3"},
                    down,
                    h.database(),
                    out,
                    CLOCK,
                    Duration.ofMillis(1));
            assertThat(exit).isEqualTo(1);
            assertThat(output()).contains("backfill failed: Binance unreachable");
        }
    }

    @Test
    void theBarShowsRateAndEta() {
        String line = Backfill.ProgressBar.render(
                new BackfillProgress(new Series(BTC, Interval.M1), 500, 1000, 250, Duration.ofSeconds(3725)));
        assertThat(line).isEqualTo("[###############---------------]  50% 500/1000 bars    250 bars/s ETA 01:02:05");
    }
}
