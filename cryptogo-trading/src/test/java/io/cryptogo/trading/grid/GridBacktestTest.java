package io.cryptogo.trading.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A grid backtest on real Binance 1h candles, its trade list checked by an independent recomputation: every
 * fill lies on a grid price inside its bar's range, each level alternates buy and sell of the same quantity
 * one step apart, and the grid profit, fees, base held and total PnL recomputed from the fills alone equal
 * the grid's own metrics.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GridBacktestTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final SymbolInfo RULES = new SymbolInfo(
            BTC,
            "TRADING",
            new BigDecimal("0.01"),
            new BigDecimal("0.00001"),
            new BigDecimal("0.00001"),
            new BigDecimal("5"));
    static final BigDecimal FEE = new BigDecimal("0.001");

    static Optional<Path> sharedCandles() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 5 && dir != null; i++, dir = dir.getParent()) {
            Path p = dir.resolve("shared/data/candles/bamboo-ta_binance_BTC_USDT-1h.json");
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static List<Candle> load(Path p, Instant from, Instant to) throws Exception {
        JsonNode rows = new ObjectMapper().readTree(p.toFile());
        List<Candle> out = new ArrayList<>();
        for (JsonNode r : rows) {
            Instant t = Instant.ofEpochMilli(r.get(0).asLong());
            if (t.isBefore(from) || !t.isBefore(to)) {
                continue;
            }
            BigDecimal o = new BigDecimal(r.get(1).asText());
            BigDecimal h = new BigDecimal(r.get(2).asText());
            BigDecimal l = new BigDecimal(r.get(3).asText());
            BigDecimal c = new BigDecimal(r.get(4).asText());
            BigDecimal v = new BigDecimal(r.get(5).asText());
            out.add(Candle.of(BTC, Interval.H1, t, o, h, l, c, v, v.multiply(c), 1, true));
        }
        return out;
    }

    @Test
    void aGridOnRealHourlyCandlesAgreesWithAnIndependentRecomputationOfItsTrades() throws Exception {
        Optional<Path> data = sharedCandles();
        assumeTrue(data.isPresent(), "../shared/data is absent: the real-data grid backtest is skipped");
        List<Candle> candles =
                load(data.get(), Instant.parse("2024-10-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(candles).hasSizeGreaterThan(2000);
        BigDecimal first = candles.get(0).open();
        BigDecimal lower = first.multiply(new BigDecimal("0.85")).setScale(0, RoundingMode.DOWN);
        BigDecimal upper = first.multiply(new BigDecimal("1.15")).setScale(0, RoundingMode.UP);
        int n = 20;
        GridSettings s = GridSettings.builder(BTC)
                .lower(lower)
                .upper(upper)
                .levels(n)
                .investment("2000")
                .maxOpenOrders(40)
                .build();
        GridBacktest.Result r = GridBacktest.run(
                candles,
                s,
                RULES,
                PaperSettings.defaults(), // fee 0.1% in the quote asset
                RiskLimits.defaults().withMaxDailyTrades(100_000).withMaxPositionSize(new BigDecimal("5000")));

        // independent: the grid's prices, arithmetic on the tick
        BigDecimal gap = upper.subtract(lower).divide(BigDecimal.valueOf(n), MathContext.DECIMAL64);
        List<BigDecimal> prices = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            prices.add(lower.add(gap.multiply(BigDecimal.valueOf(i))).setScale(2, RoundingMode.HALF_UP));
        }
        Map<Long, Order> orders = new HashMap<>();
        r.orders().forEach(o -> orders.put(o.id(), o));
        Map<Long, Candle> barAt = new HashMap<>();
        candles.forEach(c -> barAt.put(c.closeTime().toEpochMilli(), c));

        Map<Integer, List<Fill>> perLevel = new HashMap<>();
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal quote = BigDecimal.ZERO;
        BigDecimal base = BigDecimal.ZERO;
        for (Fill f : r.fills()) {
            Order o = orders.get(f.orderId());
            String[] id = o.clientOrderId().split("-");
            int level = Integer.parseInt(id[1]);
            BigDecimal expected = f.side() == Side.BUY ? prices.get(level) : prices.get(level + 1);
            assertThat(f.price()).as("fill price of %s", o.clientOrderId()).isEqualByComparingTo(expected);
            Candle bar = barAt.get(f.time().toEpochMilli());
            if (bar != null) {
                // a resting order filled on a bar's range: the bar reached its price
                assertThat(
                                f.side() == Side.BUY
                                        ? bar.low().compareTo(f.price()) <= 0
                                        : bar.high().compareTo(f.price()) >= 0)
                        .as("bar %s reaches %s %s", bar.openTime(), f.side(), f.price())
                        .isTrue();
            }
            assertThat(f.feeAsset()).isEqualTo("USDT");
            assertThat(f.fee())
                    .isEqualByComparingTo(f.price().multiply(f.quantity()).multiply(FEE));
            perLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(f);
            fees = fees.add(f.fee());
            BigDecimal notional = f.price().multiply(f.quantity());
            if (f.side() == Side.BUY) {
                quote = quote.subtract(notional).subtract(f.fee());
                base = base.add(f.quantity());
            } else {
                quote = quote.add(notional).subtract(f.fee());
                base = base.subtract(f.quantity());
            }
        }
        BigDecimal gridProfit = BigDecimal.ZERO;
        int pairs = 0;
        for (var e : perLevel.entrySet()) {
            List<Fill> fs = e.getValue();
            for (int i = 0; i < fs.size(); i++) {
                assertThat(fs.get(i).side())
                        .as("level %d fill %d", e.getKey(), i)
                        .isEqualTo(i % 2 == 0 ? Side.BUY : Side.SELL);
            }
            for (int i = 0; i + 1 < fs.size(); i += 2) {
                Fill b = fs.get(i);
                Fill sell = fs.get(i + 1);
                assertThat(sell.quantity()).isEqualByComparingTo(b.quantity());
                gridProfit = gridProfit
                        .add(sell.price().multiply(sell.quantity()).subtract(sell.fee()))
                        .subtract(b.price().multiply(b.quantity()).add(b.fee()));
                pairs++;
            }
        }
        BigDecimal last = candles.get(candles.size() - 1).close();
        GridMetrics m = r.metrics();
        assertThat(pairs).as("completed pairs").isGreaterThanOrEqualTo(10);
        assertThat(m.matchedPairs()).isEqualTo(pairs);
        assertThat(m.gridProfit()).isEqualByComparingTo(gridProfit);
        assertThat(m.fees()).isEqualByComparingTo(fees);
        assertThat(m.baseHeld()).isEqualByComparingTo(base);
        assertThat(m.totalPnl()).isEqualByComparingTo(quote.add(base.multiply(last)));
        assertThat(m.floatingPnl()).isEqualByComparingTo(m.totalPnl().subtract(m.gridProfit()));
        assertThat(r.levels().stream().mapToInt(LevelView::completedPairs).sum())
                .isEqualTo(pairs);
    }

    @Test
    void aGridBacktestOnSimulatedCandlesIsDeterministic() {
        List<Candle> candles = new ArrayList<>();
        long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        double p = 50_000;
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 600; i++) {
            double o = p;
            double c = Math.max(30_000, o * (1 + rnd.nextGaussian() * 0.01));
            double h = Math.max(o, c) * (1 + Math.abs(rnd.nextGaussian()) * 0.004);
            double l = Math.min(o, c) * (1 - Math.abs(rnd.nextGaussian()) * 0.004);
            candles.add(Candle.of(
                    BTC,
                    Interval.H1,
                    Instant.ofEpochMilli(t0 + i * 3_600_000L),
                    d(o),
                    d(h),
                    d(l),
                    d(c),
                    BigDecimal.ONE,
                    d(c),
                    1,
                    true));
            p = c;
        }
        GridSettings s = GridSettings.builder(BTC)
                .lower("42000")
                .upper("58000")
                .levels(16)
                .geometric()
                .investment("1600")
                .maxOpenOrders(6)
                .build();
        RiskLimits limits =
                RiskLimits.defaults().withMaxDailyTrades(100_000).withMaxPositionSize(new BigDecimal("5000"));
        GridBacktest.Result a = GridBacktest.run(candles, s, RULES, PaperSettings.defaults(), limits);
        GridBacktest.Result b = GridBacktest.run(candles, s, RULES, PaperSettings.defaults(), limits);
        assertThat(a.fills()).isNotEmpty();
        assertThat(a.fills()).isEqualTo(b.fills());
        assertThat(a.metrics()).isEqualTo(b.metrics());
        assertThat(a.orders().stream().filter(o -> o.status().isOpen()).count()).isLessThanOrEqualTo(6);
    }

    static BigDecimal d(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }
}
