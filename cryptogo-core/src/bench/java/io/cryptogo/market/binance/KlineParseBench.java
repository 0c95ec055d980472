package io.cryptogo.market.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing and mapping one 1000-bar {@code /api/v3/klines} page (Binance's exact row layout) to {@link Candle}
 * records: the adapter's streaming parser against plain Jackson tree parsing of the same bytes. Scores are
 * bars per second ({@code @OperationsPerInvocation(1000)}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KlineParseBench {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final int BARS = 1000;
    byte[] page;
    long now;

    @Setup
    public void page() {
        long t0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
        StringBuilder sb = new StringBuilder(BARS * 170).append('[');
        double p = 61_234.56;
        for (int i = 0; i < BARS; i++) {
            long t = t0 + i * 60_000L;
            double o = p;
            double c = o * (1 + Math.sin(i * 0.37) * 0.001);
            double h = Math.max(o, c) * 1.0004;
            double l = Math.min(o, c) * 0.9996;
            double v = 10 + (i * 7919 % 1000) / 37.0;
            sb.append(i == 0 ? "" : ",")
                    .append('[')
                    .append(t)
                    .append(",\"")
                    .append(s(o, 2))
                    .append("\",\"")
                    .append(s(h, 2))
                    .append("\",\"")
                    .append(s(l, 2))
                    .append("\",\"")
                    .append(s(c, 2))
                    .append("\",\"")
                    .append(s(v, 5))
                    .append("\",")
                    .append(t + 59_999)
                    .append(",\"")
                    .append(s(v * c, 8))
                    .append("\",")
                    .append(400 + i % 500)
                    .append(",\"")
                    .append(s(v / 2, 5))
                    .append("\",\"")
                    .append(s(v * c / 2, 8))
                    .append("\",\"0\"]");
            p = c;
        }
        page = sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
        now = t0 + BARS * 60_000L;
    }

    private static String s(double d, int scale) {
        return BigDecimal.valueOf(d)
                .setScale(scale, RoundingMode.HALF_UP)
                .setScale(8)
                .toPlainString();
    }

    /** The adapter's path: Jackson's streaming parser straight into records. */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public List<Candle> streaming() throws IOException {
        return BinanceJson.klines(page, BTC, Interval.M1, now);
    }

    /** Plain Jackson: {@code readTree}, then map each row node. */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public List<Candle> jacksonTree() throws IOException {
        JsonNode rows = BinanceJson.MAPPER.readTree(page);
        List<Candle> out = new ArrayList<>(rows.size());
        for (JsonNode r : rows) {
            long closeTime = r.get(6).asLong();
            out.add(Candle.of(
                    BTC,
                    Interval.M1,
                    Instant.ofEpochMilli(r.get(0).asLong()),
                    Instant.ofEpochMilli(closeTime),
                    new BigDecimal(r.get(1).asText()),
                    new BigDecimal(r.get(2).asText()),
                    new BigDecimal(r.get(3).asText()),
                    new BigDecimal(r.get(4).asText()),
                    new BigDecimal(r.get(5).asText()),
                    new BigDecimal(r.get(7).asText()),
                    r.get(8).asLong(),
                    closeTime <= now));
        }
        return out;
    }

    /** Plain Jackson {@code readTree} alone, without mapping: the floor of the tree approach. */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public JsonNode jacksonTreeOnly() throws IOException {
        return BinanceJson.MAPPER.readTree(page);
    }
}
