package io.cryptogo.backtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.config.Config;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BacktestCommandsTest {
    private static final Symbol BTC = Symbol.parse("BTC/USDT");

    /** A Binance-style monthly/daily dump: 12 columns, times in ms (or µs), optional header. */
    private static void writeZip(Path zip, Instant from, int hours, boolean micros, boolean header, int skipHour)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry(zip.getFileName().toString().replace(".zip", ".csv")));
            StringBuilder b = new StringBuilder();
            if (header) {
                b.append("open_time,open,high,low,close,volume,close_time,quote_volume,count,"
                        + "taker_buy_volume,taker_buy_quote_volume,ignore\n");
            }
            long scale = micros ? 1000 : 1;
            double p = 40_000;
            for (int h = 0; h < hours; h++) {
                double c = p * (1 + Math.sin(h / 5.0) * 0.004);
                if (h != skipHour) {
                    long open = from.toEpochMilli() + h * 3_600_000L;
                    b.append(String.format(
                            Locale.ROOT,
                            "%d,%.2f,%.2f,%.2f,%.2f,12.5,%d,500000.0,1000,6.0,250000.0,0%n",
                            open * scale,
                            p,
                            Math.max(p, c) + 10,
                            Math.min(p, c) - 10,
                            c,
                            (open + 3_599_999L) * scale + (micros ? 999 : 0)));
                }
                p = c;
            }
            z.write(b.toString().getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
    }

    @Test
    void importIsIdempotentReadsMillisAndMicrosAndTheBacktestRunsOnTheStore(@TempDir Path dir) throws Exception {
        writeZip(
                dir.resolve("BTCUSDT-1h-2024-12.zip"),
                Instant.parse("2024-12-01T00:00:00Z"),
                31 * 24,
                false,
                false,
                -1);
        writeZip(dir.resolve("BTCUSDT-1h-2025-01-01.zip"), Instant.parse("2025-01-01T00:00:00Z"), 24, true, true, 5);
        Files.writeString(dir.resolve("notes.zip"), "not a dump");
        try (var h = TestDatabases.h2("bt_import");
                CryptoGo cg = CryptoGo.builder()
                        .config(Config.of(java.util.Map.of()))
                        .market(SimulatedMarket.builder().build())
                        .database(h.database())
                        .build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = BacktestCommands.importDumps(
                    new String[] {dir.toString()}, cg, new PrintStream(out, true), new PrintStream(err, true));
            assertThat(code).isZero();
            assertThat(out.toString())
                    .contains("imported 767 rows from 2 files")
                    .contains("skipped: notes.zip");
            assertThat(err.toString()).contains("100%");
            var store = new JdbcCandleStore(h.database());
            Instant a = Instant.parse("2024-12-01T00:00:00Z");
            Instant b = Instant.parse("2025-01-01T23:00:00Z");
            assertThat(store.count(BTC, Interval.H1, a, b)).isEqualTo(767);
            var jan = store.range(BTC, Interval.H1, Instant.parse("2025-01-01T00:00:00Z"), b);
            assertThat(jan.get(0).openTime()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z")); // µs read as ms
            assertThat(jan.get(0).closeTime()).isEqualTo(Instant.parse("2025-01-01T00:59:59.999Z"));

            // again: nothing changes
            BacktestCommands.importDumps(
                    new String[] {dir.toString()},
                    cg,
                    new PrintStream(OutputStream.nullOutputStream()),
                    new PrintStream(OutputStream.nullOutputStream()));
            assertThat(store.count(BTC, Interval.H1, a, b)).isEqualTo(767);

            Path html = dir.resolve("report.html");
            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            code = BacktestCommands.backtest(
                    new String[] {
                        "--strategy",
                        "ema-cross",
                        "--symbol",
                        "BTC/USDT",
                        "--interval",
                        "1h",
                        "--from",
                        "2024-12-01",
                        "--to",
                        "2025-01-01",
                        "--data",
                        "store",
                        "--html",
                        html.toString()
                    },
                    cg,
                    new PrintStream(summary, true),
                    new PrintStream(err, true));
            assertThat(code).as(err.toString()).isZero();
            assertThat(summary.toString())
                    .contains("ema-cross(12,26)", "Total return", "767 bars")
                    // the hour missing from the daily dump is reported, not bridged
                    .contains("Gaps               1 (Gap[from=2025-01-01T05:00:00Z, to=2025-01-01T05:00:00Z])");
            assertThat(Files.readString(html)).contains("<svg");
        }
    }

    @Test
    void badArgumentsAnswerWithTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BacktestCommands.backtest(
                new String[] {"--strategy", "nope", "--from", "2025-01-01"},
                CryptoGo.demo(),
                new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown strategy 'nope'", "ema-cross, rsi-reversion");
        code = BacktestCommands.backtest(
                new String[] {"--colour", "red"},
                CryptoGo.demo(),
                new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option --colour", "usage: cryptogo backtest");
    }
}
