package io.cryptogo.bench;

import io.cryptogo.collect.BackfillProgress;
import io.cryptogo.collect.Collector;
import io.cryptogo.collect.CollectorSettings;
import io.cryptogo.collect.Series;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Storage and collection figures against the local PostgreSQL, each in its own schema, side by side in
 * one run: the store's bulk ingestion against raw COPY of the same rows, end-to-end collector candles/s,
 * and the latency of a 1000-candle range query.
 *
 * <pre>
 * mvn -B -q -Pbench -pl cryptogo-core -am test-compile exec:exec \
 *     -Dbench.main=io.cryptogo.bench.StorageBench -Dbench.args="200000 3"
 * </pre>
 */
public final class StorageBench {
    static final long T0 = 1_600_000_000_000L / 86_400_000 * 86_400_000;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Candle> candles = FakeMarket.series(FakeMarket.BTC, Interval.M1, T0, rows);
        try (TestDatabases.Handle h = TestDatabases.postgres("StorageBench")) {
            Database db = h.database();
            CandleStore store = new JdbcCandleStore(db, io.cryptogo.market.SourceInfo.Kind.SIMULATED);
            double[] raw = new double[rounds];
            double[] bulk = new double[rounds];
            double[] batched = new double[rounds];
            double[] again = new double[rounds];
            for (int r = -1; r < rounds; r++) {
                if (r < 0) {
                    // one unrecorded round warms the JIT and the server's caches
                    truncate(db);
                    rawCopy(db, candles);
                    truncate(db);
                    store.upsertAll(candles);
                    continue;
                }
                truncate(db);
                raw[r] = rate(rows, () -> rawCopy(db, candles));
                truncate(db);
                bulk[r] = rate(rows, () -> store.upsertAll(candles));
                again[r] = rate(rows, () -> store.upsertAll(candles));
                truncate(db);
                batched[r] = rate(rows, () -> {
                    for (int i = 0; i < rows; i += 5000) {
                        store.upsertAll(candles.subList(i, Math.min(rows, i + 5000)));
                    }
                });
                System.out.printf(
                        Locale.ROOT,
                        "round %d: raw COPY %.0f rows/s, store bulk %.0f rows/s (ratio %.2f), store in 5000-row batches"
                                + " %.0f rows/s (ratio %.2f), re-upsert of existing rows %.0f rows/s%n",
                        r + 1,
                        raw[r],
                        bulk[r],
                        bulk[r] / raw[r],
                        batched[r],
                        batched[r] / raw[r],
                        again[r]);
            }
            double rawMed = median(raw);
            double[] bulkRatio = new double[rounds];
            double[] batchRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                bulkRatio[r] = bulk[r] / raw[r];
                batchRatio[r] = batched[r] / raw[r];
            }
            System.out.printf(
                    Locale.ROOT,
                    "| median of the per-round ratios | store bulk / raw COPY %.2f | store batches / raw COPY %.2f |%n",
                    median(bulkRatio),
                    median(batchRatio));
            System.out.printf(
                    Locale.ROOT,
                    "| %d rows, median of %d | raw COPY %.0f rows/s | store bulk %.0f rows/s (%.2f) | store batches %.0f"
                            + " rows/s (%.2f) | re-upsert %.0f rows/s |%n",
                    rows,
                    rounds,
                    rawMed,
                    median(bulk),
                    median(bulk) / rawMed,
                    median(batched),
                    median(batched) / rawMed,
                    median(again));

            // end to end: exchange pages -> collector -> writer -> PostgreSQL, from an in-process fake exchange
            // and from the loopback Binance server (HTTP + JSON parsing on the way)
            long now = T0 + rows * 60_000L + 30_000;
            Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
            truncate(db);
            endToEnd("in-process fake exchange", db, store, new FakeMarket(clock), clock, now);
            truncate(db);
            try (FakeBinanceServer server = FakeBinanceServer.start(clock);
                    BinanceMarketData binance = BinanceMarketData.builder()
                            .baseUrl(server.baseUrl())
                            .clock(clock)
                            .build()) {
                server.listedSince(Instant.ofEpochMilli(T0));
                endToEnd("loopback Binance server", db, store, binance, clock, now);
            }

            // 1000-candle range queries at random places
            SplittableRandom rnd = new SplittableRandom(42);
            int warm = 500;
            int n = 3000;
            long[] lat = new long[n];
            for (int i = 0; i < warm + n; i++) {
                long start = T0 + rnd.nextLong(rows - 1000) * 60_000L;
                long q = System.nanoTime();
                List<Candle> got = store.range(
                        FakeMarket.BTC,
                        Interval.M1,
                        Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(start + 999 * 60_000L));
                long d = System.nanoTime() - q;
                if (got.size() != 1000) {
                    throw new IllegalStateException("range returned " + got.size());
                }
                if (i >= warm) {
                    lat[i - warm] = d;
                }
            }
            Arrays.sort(lat);
            System.out.printf(
                    Locale.ROOT,
                    "| 1000-candle range query, %d queries | p50 %.2f ms | p99 %.2f ms |%n",
                    n,
                    lat[n / 2] / 1e6,
                    lat[(int) (n * 0.99)] / 1e6);
        }
    }

    static void endToEnd(String what, Database db, CandleStore store, MarketDataSource market, Clock clock, long now) {
        Series series = new Series(FakeMarket.BTC, Interval.M1);
        long t = System.nanoTime();
        long fetched;
        try (Collector c = Collector.builder(market, db)
                .settings(
                        CollectorSettings.builder().series(series).stream(false).build())
                .clock(clock)
                .build()) {
            fetched = c.backfill(
                    series,
                    Instant.ofEpochMilli(T0),
                    Instant.ofEpochMilli(now - 90_000),
                    BackfillProgress.Listener.NONE);
            c.writer().flush(Duration.ofMinutes(5));
        }
        double secs = (System.nanoTime() - t) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "| collector end to end, %s | %d candles in %.2f s | %.0f candles/s | stored %d |%n",
                what,
                fetched,
                secs,
                fetched / secs,
                store.count(FakeMarket.BTC, Interval.M1));
    }

    interface Work {
        void run() throws Exception;
    }

    static double rate(int rows, Work w) throws Exception {
        long t = System.nanoTime();
        w.run();
        return rows / ((System.nanoTime() - t) / 1e9);
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    static void truncate(Database db) throws Exception {
        try (Connection c = db.connection();
                Statement st = c.createStatement()) {
            st.execute("TRUNCATE klines");
            st.execute("VACUUM ANALYZE klines");
        }
    }

    /** COPY straight into klines through pgjdbc's CopyManager, encoding the same candles the same way. */
    static void rawCopy(Database db, List<Candle> rows) throws Exception {
        try (Connection c = db.connection()) {
            CopyIn in = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY klines (source, symbol, timeframe, open_time, close_time, open, high, low, close, volume,"
                                    + " quote_volume, trades, closed) FROM STDIN");
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 17);
            StringBuilder line = new StringBuilder(160);
            for (Candle k : rows) {
                line.setLength(0);
                line.append("simulated\t")
                        .append(k.symbol())
                        .append('\t')
                        .append(k.interval().code())
                        .append('\t')
                        .append(k.openTime().toEpochMilli())
                        .append('\t')
                        .append(k.closeTime().toEpochMilli())
                        .append('\t')
                        .append(k.open().toPlainString())
                        .append('\t')
                        .append(k.high().toPlainString())
                        .append('\t')
                        .append(k.low().toPlainString())
                        .append('\t')
                        .append(k.close().toPlainString())
                        .append('\t')
                        .append(k.volume().toPlainString())
                        .append('\t')
                        .append(k.quoteVolume().toPlainString())
                        .append('\t')
                        .append(k.trades())
                        .append('\t')
                        .append(k.closed() ? 't' : 'f')
                        .append('\n');
                byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
                buf.write(b, 0, b.length);
                if (buf.size() >= (1 << 16)) {
                    in.writeToCopy(buf.toByteArray(), 0, buf.size());
                    buf.reset();
                }
            }
            if (buf.size() > 0) {
                in.writeToCopy(buf.toByteArray(), 0, buf.size());
            }
            in.endCopy();
        }
    }
}
