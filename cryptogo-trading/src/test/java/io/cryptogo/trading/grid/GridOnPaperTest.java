package io.cryptogo.trading.grid;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Balance;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.grid.jdbc.JdbcGridStore;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.testing.MutableClock;
import io.cryptogo.trading.testing.TradingMarkets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A grid on a real {@link Trader} with the paper venue, driven by pushed prices. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GridOnPaperTest {
    static final BigDecimal START_USDT = new BigDecimal("10000");

    static Trader trader(FakeMarket market, MutableClock clock, io.cryptogo.store.jdbc.Database db) {
        return Trader.builder()
                .market(market)
                .database(db)
                .risk(RiskLimits.defaults()
                        .withMaxPositionSize(new BigDecimal("5000"))
                        .withMaxDailyTrades(100_000))
                .clock(clock)
                .build();
    }

    static BigDecimal total(Trader t, String asset) {
        return t.balances().stream()
                .filter(b -> b.asset().equals(asset))
                .map(Balance::total)
                .findFirst()
                .orElse(BigDecimal.ZERO);
    }

    static List<Order> openGridOrders(Trader t, Grid g) {
        return t.openOrders().stream()
                .filter(o -> o.clientOrderId().startsWith("g" + g.id() + "-"))
                .toList();
    }

    @Test
    void aGridBuysBelowThePriceSellsOneStepUpAndBooksThePair() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        FakeMarket market = TradingMarkets.priced(clock);
        try (var db = TestDatabases.h2("grid-paper");
                Trader trader = trader(market, clock, db.database());
                Grid g = Grid.on(trader)
                        .symbol("BTC/USDT")
                        .lower("45000")
                        .upper("55000")
                        .levels(10)
                        .investment("1000")
                        .id("p1")
                        .start()) {
            assertThat(openGridOrders(trader, g)).hasSize(5).allMatch(o -> o.side() == io.cryptogo.trading.Side.BUY);
            market.push(BTC, "48950");
            // level 4 bought at 49000 and now sells one step up
            assertThat(g.levels().get(4).state()).isEqualTo(LevelState.SELL_PLACED);
            assertThat(trader.order("gp1-4-2s").orElseThrow().limitPrice().orElseThrow())
                    .isEqualByComparingTo("50000");
            market.push(BTC, "50010");
            assertThat(g.levels().get(4).completedPairs()).isEqualTo(1);
            GridMetrics m = g.metrics();
            BigDecimal q = trader.order("gp1-4-1b").orElseThrow().filledQuantity();
            BigDecimal expected = q.multiply(new BigDecimal("1000"))
                    .subtract(q.multiply(new BigDecimal("49000")).multiply(new BigDecimal("0.001")))
                    .subtract(q.multiply(new BigDecimal("50000")).multiply(new BigDecimal("0.001")));
            assertThat(m.gridProfit()).isEqualByComparingTo(expected);
            assertThat(m.matchedPairs()).isEqualTo(1);
            g.stop();
            assertThat(openGridOrders(trader, g)).isEmpty();
            assertThat(g.status()).isEqualTo(GridBook.Status.STOPPED);
        }
    }

    @Test
    void aGridTheRiskLimitsCannotHoldIsRefusedBeforeAnyOrder() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        FakeMarket market = TradingMarkets.priced(clock);
        try (var db = TestDatabases.h2("grid-refused");
                Trader trader = trader(market, clock, db.database())) {
            assertThatThrownBy(() -> Grid.on(trader)
                            .symbol("BTC/USDT")
                            .lower("45000")
                            .upper("55000")
                            .levels(10)
                            .investment("6000")
                            .start())
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("risk limits allow for one symbol (5000 USDT)");
            assertThat(trader.openOrders()).isEmpty();
        }
    }

    @Test
    void aRestartResumesTheGridFromTheStoreAndPlacesNothingTwice() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        FakeMarket market = TradingMarkets.priced(clock);
        try (var db = TestDatabases.h2("grid-restart")) {
            GridStore store = new JdbcGridStore(db.database());
            String id;
            try (Trader trader = trader(market, clock, db.database());
                    Grid g = Grid.on(trader)
                            .symbol("BTC/USDT")
                            .lower("45000")
                            .upper("55000")
                            .levels(10)
                            .investment("1000")
                            .store(store)
                            .start()) {
                id = g.id();
                market.push(BTC, "48950");
                assertThat(openGridOrders(trader, g)).hasSize(5);
            }
            try (Trader trader = trader(market, clock, db.database());
                    Grid g = Grid.resume(trader, store, id)) {
                List<Order> open = openGridOrders(trader, g);
                assertThat(open).hasSize(5);
                assertThat(open).extracting(Order::clientOrderId).doesNotHaveDuplicates();
                assertThat(g.levels().get(4).state()).isEqualTo(LevelState.SELL_PLACED);
                market.push(BTC, "50010");
                assertThat(g.levels().get(4).completedPairs()).isEqualTo(1);
                assertThat(store.load(id).orElseThrow().state()).contains("\"matchedPairs\":1");
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> walks() {
        return Arbitraries.integers().between(-900, 900).list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 12)
    void invariantsHoldOnRandomPricePaths(@ForAll("walks") List<Integer> moves, @ForAll("maxOpen") int maxOpen)
            throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        FakeMarket market = TradingMarkets.priced(clock);
        BigDecimal investment = new BigDecimal("2000");
        try (var db = TestDatabases.h2("grid-props");
                Trader trader = trader(market, clock, db.database());
                Grid g = Grid.on(trader)
                        .symbol("BTC/USDT")
                        .lower("44000")
                        .upper("56000")
                        .levels(12)
                        .investment(investment)
                        .maxOpenOrders(maxOpen)
                        .id("pp")
                        .start()) {
            int price = 50000;
            for (int move : moves) {
                price = Math.max(40000, Math.min(60000, price + move));
                market.push(BTC, Integer.toString(price));
                List<Order> open = openGridOrders(trader, g);
                assertThat(open.size()).as("open orders").isLessThanOrEqualTo(maxOpen);
                Map<String, Integer> perLevel = new HashMap<>();
                for (Order o : open) {
                    perLevel.merge(o.clientOrderId().split("-")[1], 1, Integer::sum);
                }
                assertThat(perLevel.values()).as("live orders per level").allMatch(n -> n == 1);
                GridMetrics m = g.metrics();
                BigDecimal p = BigDecimal.valueOf(price);
                // the venue holds exactly what the grid's books say: quote and base
                BigDecimal bookQuote =
                        m.totalPnl().add(investment).subtract(m.baseHeld().multiply(p));
                assertThat(total(trader, "USDT"))
                        .isEqualByComparingTo(START_USDT.subtract(investment).add(bookQuote));
                assertThat(total(trader, "BTC")).isEqualByComparingTo(m.baseHeld());
                // every completed pair gained its step minus both fees (fills at the limit or better)
                for (LevelView l : g.levels()) {
                    BigDecimal q = l.plan().quantity();
                    BigDecimal perPair = q.multiply(
                                    l.plan().sellPrice().subtract(l.plan().buyPrice()))
                            .subtract(
                                    q.multiply(l.plan().buyPrice().add(l.plan().sellPrice()))
                                            .multiply(new BigDecimal("0.001")));
                    assertThat(l.profit().setScale(8, RoundingMode.HALF_UP))
                            .isGreaterThanOrEqualTo(perPair.multiply(BigDecimal.valueOf(l.completedPairs()))
                                    .setScale(8, RoundingMode.HALF_UP));
                }
                assertThat(m.matchedPairs())
                        .isEqualTo(g.levels().stream()
                                .mapToInt(LevelView::completedPairs)
                                .sum());
            }
            assertThat(trader.openOrders()).allMatch(o -> o.status() != OrderStatus.UNKNOWN);
        }
    }

    @Provide
    Arbitrary<Integer> maxOpen() {
        return Arbitraries.integers().between(1, 14);
    }
}
