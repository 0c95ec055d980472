package io.cryptogo.trading.replay;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.model.Balance;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.engine.Engine;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.testing.MutableClock;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proof that the engine is one engine: the same sequence of orders through a {@link Trader} on paper in
 * real time (a market that moves with a clock, JDBC store on H2, candles arriving on the live stream) and
 * through a {@link Replay} over the same candles (replayed clock, in-memory store) gives identical orders,
 * fills, positions and balances.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayParityTest {
    static final long START = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    static final List<Candle> CANDLES = FakeMarket.series(BTC, Interval.M1, START, 240);
    static final PaperSettings PAPER = PaperSettings.defaults().withSlippageBps(5);
    static final RiskLimits LIMITS = RiskLimits.defaults().withMaxPositionSize(new BigDecimal("5000"));

    /** The strategy: what to order at the next open, decided on the closed bar {@code i}. */
    static List<OrderRequest> decide(int i, Candle closed, BigDecimal held) {
        BigDecimal c = closed.close();
        List<OrderRequest> out = new ArrayList<>();
        if (i % 40 == 5 && held.signum() == 0) {
            out.add(OrderRequest.market(BTC, Side.BUY, new BigDecimal("0.05"))
                    .withProtection(pct(c, "0.97"), pct(c, "1.04"))
                    .withClientOrderId("buy-" + i));
        }
        if (i % 40 == 25) {
            out.add(OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.02"), pct(c, "0.99"))
                    .withClientOrderId("lim-" + i));
        }
        if (i % 40 == 35 && held.compareTo(new BigDecimal("0.01")) > 0) {
            out.add(OrderRequest.market(BTC, Side.SELL, new BigDecimal("0.01")).withClientOrderId("sell-" + i));
        }
        return out;
    }

    static BigDecimal pct(BigDecimal p, String f) {
        return p.multiply(new BigDecimal(f)).setScale(2, RoundingMode.HALF_EVEN);
    }

    record Outcome(List<String> orders, List<String> fills, List<String> positions, List<String> balances) {}

    static Outcome outcome(Engine e) {
        List<String> orders =
                e.orders(List.of(), 1000).stream().map(ReplayParityTest::text).toList();
        List<String> fills = e.fills(Optional.empty(), Instant.EPOCH, 1000).stream()
                .map(ReplayParityTest::text)
                .toList();
        List<String> positions =
                e.positions().stream().map(ReplayParityTest::text).toList();
        List<String> balances = e.balances().stream()
                .filter(b -> b.total().signum() != 0)
                .map(ReplayParityTest::text)
                .sorted()
                .toList();
        return new Outcome(orders, fills, positions, balances);
    }

    static String n(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    static String n(Optional<BigDecimal> v) {
        return v.map(ReplayParityTest::n).orElse("-");
    }

    static String text(Order o) {
        return String.join(
                " ",
                o.clientOrderId(),
                o.side().name(),
                o.type().name(),
                n(o.quantity()),
                n(o.limitPrice()),
                n(o.stopLoss()),
                n(o.takeProfit()),
                o.status().name(),
                n(o.filledQuantity()),
                n(o.averagePrice()),
                n(o.fee()),
                o.feeAsset(),
                o.reason().orElse("-"),
                o.createdAt().toString(),
                o.updatedAt().toString(),
                o.source());
    }

    static String text(Fill f) {
        return String.join(
                " ",
                f.tradeId(),
                f.side().name(),
                n(f.price()),
                n(f.quantity()),
                n(f.fee()),
                f.feeAsset(),
                n(f.realizedPnl()),
                f.time().toString(),
                f.source());
    }

    static String text(Position p) {
        return String.join(
                " ",
                p.symbol().toString(),
                n(p.quantity()),
                n(p.cost()),
                n(p.stopLoss()),
                n(p.takeProfit()),
                n(p.realizedPnl()),
                n(p.fees()),
                p.openedAt().toString(),
                p.updatedAt().toString(),
                p.source());
    }

    static String text(Balance b) {
        return b.asset() + " " + n(b.free()) + " " + n(b.locked());
    }

    Outcome realTime() throws Exception {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(START));
        FakeMarket market = new FakeMarket(clock);
        market.set(BTC, CANDLES.get(0).open().toPlainString());
        try (TestDatabases.Handle db = TestDatabases.h2("parity");
                Trader trader = Trader.builder()
                        .market(market)
                        .database(db.database())
                        .paper(PAPER)
                        .risk(LIMITS)
                        .clock(clock)
                        .build()) {
            List<OrderRequest> next = new ArrayList<>();
            for (int i = 0; i < CANDLES.size(); i++) {
                Candle c = CANDLES.get(i);
                // the bar opens: the price is its open, the orders decided on the last bar go out
                clock.set(c.openTime());
                market.set(BTC, c.open().toPlainString());
                for (OrderRequest r : next) {
                    submitQuietly(() -> trader.submit(r));
                }
                next.clear();
                // the bar closes: it arrives on the live stream, the price is its close
                clock.set(c.closeTime());
                market.set(BTC, c.close().toPlainString());
                market.emit(c);
                next.addAll(decide(i, c, held(trader.positions())));
            }
            return outcome(trader.engine());
        }
    }

    Outcome replayed() {
        try (Replay replay = Replay.builder(CANDLES)
                .rules(new FakeMarket(Instant.EPOCH).symbol(BTC))
                .paper(PAPER)
                .risk(LIMITS)
                .source(new FakeMarket(Instant.EPOCH).source())
                .build()) {
            replay.run((i, r) ->
                    decide(i, r.bars().candle(i), held(r.engine().positions())).forEach(r::submitAtNextOpen));
            return outcome(replay.engine());
        }
    }

    static BigDecimal held(List<Position> positions) {
        return positions.stream().map(Position::quantity).findFirst().orElse(BigDecimal.ZERO);
    }

    static void submitQuietly(Runnable r) {
        try {
            r.run();
        } catch (io.cryptogo.error.RiskRejectedException | io.cryptogo.error.InvalidRequestException e) {
            // counted alike in both runs: the order never exists
        }
    }

    @Test
    void paperInRealTimeAndAReplayOverTheSameCandlesGiveIdenticalOrdersFillsPositionsAndBalances() throws Exception {
        Outcome live = realTime();
        Outcome replay = replayed();

        // the sequence exercised every path: market and limit entries, partial sells, protective exits
        assertThat(live.fills()).hasSizeGreaterThan(8);
        assertThat(live.orders()).anyMatch(o -> o.startsWith("x-sl-") || o.startsWith("x-tp-"));
        assertThat(live.orders()).anyMatch(o -> o.startsWith("lim-") && o.contains(" FILLED "));
        assertThat(live.orders()).anyMatch(o -> o.startsWith("sell-") && o.contains(" FILLED "));

        assertThat(replay.orders()).containsExactlyElementsOf(live.orders());
        assertThat(replay.fills()).containsExactlyElementsOf(live.fills());
        assertThat(replay.positions()).containsExactlyElementsOf(live.positions());
        assertThat(replay.balances()).containsExactlyElementsOf(live.balances());
    }
}
