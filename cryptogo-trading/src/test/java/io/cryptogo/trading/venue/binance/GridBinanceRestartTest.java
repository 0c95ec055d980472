package io.cryptogo.trading.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.grid.Grid;
import io.cryptogo.trading.grid.GridStore;
import io.cryptogo.trading.grid.LevelState;
import io.cryptogo.trading.grid.LevelView;
import io.cryptogo.trading.grid.jdbc.JdbcGridStore;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.testing.TradingMarkets;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A grid killed mid-run against the loopback Binance venue: its buys rest on Binance, the process goes away
 * without cancelling anything, Binance fills one buy while it is down, and a new trader on the same
 * database resumes the grid. Nothing is lost (the fill moves its level on to a sell one step up) and nothing
 * is doubled (each client order id reached Binance once; no level has two open orders).
 */
@Timeout(120)
class GridBinanceRestartTest {
    static final String KEY = "grid-key";
    static final String SECRET = "grid-secret";

    final FakeMarket market = TradingMarkets.priced(Clock.systemUTC());

    Trader trader(TestDatabases.Handle db, BinanceVenue v) {
        return Trader.builder()
                .market(market)
                .database(db.database())
                .venue(v)
                .risk(RiskLimits.defaults()
                        .withMaxPositionSize(new BigDecimal("5000"))
                        .withMaxDailyTrades(100_000))
                .build();
    }

    static List<Order> openGridOrders(Trader t, String gridId) {
        return t.openOrders().stream()
                .filter(o -> o.clientOrderId().startsWith("g" + gridId + "-"))
                .toList();
    }

    @Test
    void aGridKilledWhileItsOrdersRestResumesWithTheFillsMadeWhileDownAndNoOrderTwice() throws Exception {
        try (var server = new BinanceLoopback(KEY, SECRET);
                var db = TestDatabases.h2("grid-binance-restart")) {
            GridStore store = new JdbcGridStore(db.database());
            String id;
            List<String> restingBefore;
            BinanceVenue first = BinanceVenue.of("binance-testnet", server.url(), KEY, SECRET, Duration.ofSeconds(30));
            try (Trader trader = trader(db, first);
                    Grid g = Grid.on(trader)
                            .symbol("BTC/USDT")
                            .lower("45000")
                            .upper("55000")
                            .levels(10)
                            .investment("1000")
                            .store(store)
                            .start()) {
                id = g.id();
                restingBefore = openGridOrders(trader, id).stream()
                        .map(Order::clientOrderId)
                        .toList();
                assertThat(restingBefore).isNotEmpty();
            } finally {
                // the process dies: nothing is cancelled, the orders keep resting on Binance
                first.close();
            }
            assertThat(restingBefore)
                    .allSatisfy(cid -> assertThat(server.orders.get(cid).status).isEqualTo("NEW"));

            // while the app is down, the price dips to 48500 and Binance fills the buy resting at 49000
            String filledCid = restingBefore.stream()
                    .filter(cid -> server.orders.get(cid).side.equals("BUY"))
                    .max((a, b) -> server.orders.get(a).price.compareTo(server.orders.get(b).price))
                    .orElseThrow();
            BigDecimal buyPrice = server.orders.get(filledCid).price;
            assertThat(buyPrice).isEqualByComparingTo("49000");
            server.price(new BigDecimal("48500"));
            market.set(FakeMarket.BTC, "48500");
            assertThat(server.orders.get(filledCid).status).isEqualTo("FILLED");
            int placementsBefore = server.placements.get();

            BinanceVenue again = BinanceVenue.of("binance-testnet", server.url(), KEY, SECRET, Duration.ofSeconds(30));
            try (Trader trader = trader(db, again);
                    Grid g = Grid.resume(trader, store, id)) {
                LevelView moved = g.levels().stream()
                        .filter(l -> l.plan().buyPrice().compareTo(buyPrice) == 0)
                        .findFirst()
                        .orElseThrow();
                assertThat(moved.state())
                        .as("the fill made while down is applied")
                        .isEqualTo(LevelState.SELL_PLACED);
                String sellCid = moved.openClientOrderId().orElseThrow();
                BinanceLoopback.Ord sell = server.orders.get(sellCid);
                assertThat(sell.side).isEqualTo("SELL");
                assertThat(sell.price).isEqualByComparingTo(moved.plan().sellPrice());
                assertThat(sell.qty).isEqualByComparingTo(server.orders.get(filledCid).qty);

                // the orders still resting were adopted, not placed again: only the new sell reached Binance
                assertThat(server.placements.get() - placementsBefore).isEqualTo(1);
                List<String> open = openGridOrders(trader, id).stream()
                        .map(Order::clientOrderId)
                        .toList();
                assertThat(open).doesNotHaveDuplicates().contains(sellCid).doesNotContain(filledCid);
                assertThat(open)
                        .containsAll(restingBefore.stream()
                                .filter(cid -> !cid.equals(filledCid))
                                .toList());

                // nothing doubled: each client order id sent once; at most one open order per level
                Map<String, Long> sent = server.placementParams.stream()
                        .collect(Collectors.groupingBy(p -> p.get("newClientOrderId"), Collectors.counting()));
                assertThat(sent.values()).as("each client order id sent once").allMatch(n -> n == 1);
                Map<String, Long> openPerLevel = server.orders.values().stream()
                        .filter(BinanceLoopback.Ord::open)
                        .collect(Collectors.groupingBy(o -> levelOf(g, o), Collectors.counting()));
                assertThat(openPerLevel.values()).as("open orders per level").allMatch(n -> n <= 1);

                // nothing lost: the trader's store agrees with Binance on every order
                for (BinanceLoopback.Ord b : server.orders.values()) {
                    Order o = trader.order(b.cid).orElseThrow(() -> new AssertionError("lost: Binance has " + b.cid));
                    assertThat(o.status().name()).as(b.cid).isEqualTo(b.status);
                    assertThat(o.filledQuantity()).as(b.cid).isEqualByComparingTo(b.executed);
                }

                // the price comes back: the sell resting one step up fills and the level books its pair
                server.price(new BigDecimal("50000"));
                market.set(FakeMarket.BTC, "50000");
                trader.reconcile();
                assertThat(g.levels().get(moved.plan().index()).completedPairs())
                        .isEqualTo(1);
                assertThat(g.metrics().matchedPairs()).isEqualTo(1);
                assertThat(server.orders.get(sellCid).status).isEqualTo("FILLED");
                assertThat(server.placementParams.stream()
                                .collect(Collectors.groupingBy(p -> p.get("newClientOrderId"), Collectors.counting()))
                                .values())
                        .as("each client order id sent once, after the pair too")
                        .allMatch(n -> n == 1);
            } finally {
                again.close();
            }
        }
    }

    /** The level an order belongs to, by its price: a buy at its buy price, a sell at its sell price. */
    static String levelOf(Grid g, BinanceLoopback.Ord o) {
        return g.levels().stream()
                .filter(l ->
                        (o.side.equals("BUY") ? l.plan().buyPrice() : l.plan().sellPrice()).compareTo(o.price) == 0)
                .map(l -> Integer.toString(l.plan().index()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no level for " + o.cid + " at " + o.price));
    }
}
