package io.cryptogo.trading;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.model.Balance;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.store.OrderStore;
import io.cryptogo.trading.testing.MutableClock;
import io.cryptogo.trading.testing.TradingMarkets;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One paper execution (order state, fill, position, balances) is stored in one transaction: a failure in
 * the middle (here a CHECK constraint that rejects the balance write, which comes after the fill insert)
 * leaves the database exactly as before, and a restart then fills the order exactly once.
 */
class PaperExecutionAtomicityTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    final FakeMarket market = TradingMarkets.priced(clock);

    Trader newTrader(TestDatabases.Handle db) {
        return Trader.builder()
                .market(market)
                .database(db.database())
                .risk(RiskLimits.defaults().withMaxPositionSize(new BigDecimal("5000")))
                .paper(PaperSettings.defaults().withSlippageBps(0))
                .clock(clock)
                .build();
    }

    static TestDatabases.Handle open(String kind) {
        return kind.equals("postgres") ? TestDatabases.postgres("atomic") : TestDatabases.h2("atomic");
    }

    static void sql(TestDatabases.Handle db, String sql) throws Exception {
        try (Connection c = db.database().connection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static Map<String, BigDecimal> totals(List<Balance> balances) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Balance b : balances) {
            if (b.free().add(b.locked()).signum() != 0) {
                out.put(b.asset(), b.free().add(b.locked()).stripTrailingZeros());
            }
        }
        return out;
    }

    static List<String> normalized(List<Balance> balances) {
        return balances.stream()
                .filter(b -> b.free().add(b.locked()).signum() != 0)
                .map(b -> b.asset() + " " + b.free().stripTrailingZeros().toPlainString() + " "
                        + b.locked().stripTrailingZeros().toPlainString())
                .sorted()
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aFailureAfterTheFillInsertLeavesOrderFillsPositionAndBalancesUntouchedAndARestartFillsOnce(String kind)
            throws Exception {
        try (TestDatabases.Handle db = open(kind)) {
            Trader trader = newTrader(db);
            OrderStore store = trader.store();
            Order o = trader.submit(OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.05"), new BigDecimal("45000")));
            assertThat(o.status()).isEqualTo(OrderStatus.NEW);
            List<Balance> before = store.balances("paper");
            assertThat(totals(before)).containsExactly(Map.entry("USDT", new BigDecimal("1E+4")));

            // the balance write of the fill (a new BTC row) now violates a constraint: it runs after the
            // order update, the fill insert and the position upsert, so all of those must roll back
            sql(db, "ALTER TABLE balances ADD CONSTRAINT no_btc_yet CHECK (asset <> 'BTC')");
            market.push(BTC, "44000");

            assertThat(store.byId(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
            assertThat(store.byId(o.id()).orElseThrow().filledQuantity()).isZero();
            assertThat(store.fillsOf(o.id())).isEmpty();
            assertThat(store.positions("paper")).isEmpty();
            assertThat(store.balances("paper")).isEqualTo(before);

            // a crash here, then a restart once the database accepts the write again
            trader.close();
            sql(db, "ALTER TABLE balances DROP CONSTRAINT no_btc_yet");
            trader = newTrader(db);
            store = trader.store();
            market.push(BTC, "44000");
            market.push(BTC, "43000");

            Order after = store.byId(o.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(OrderStatus.FILLED);
            List<Fill> fills = store.fillsOf(o.id());
            assertThat(fills).hasSize(1);
            assertThat(fills.get(0).quantity()).isEqualByComparingTo("0.05");
            // value conserved: 10000 USDT = what is left + the fill's notional + its fee
            BigDecimal paid = fills.get(0)
                    .price()
                    .multiply(fills.get(0).quantity())
                    .add(fills.get(0).fee());
            Map<String, BigDecimal> stored = totals(store.balances("paper"));
            assertThat(stored.get("USDT").add(paid)).isEqualByComparingTo("10000");
            assertThat(stored.get("BTC")).isEqualByComparingTo("0.05");
            assertThat(stored).isEqualTo(totals(trader.balances()));
            assertThat(store.positions("paper"))
                    .singleElement()
                    .satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo("0.05"));
            assertThat(trader.fills(Optional.of(BTC), Instant.EPOCH, 10)).hasSize(1);
            trader.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aRetryWithoutRestartAfterAFailedWriteFillsOnceAndMemoryMatchesTheStore(String kind) throws Exception {
        try (TestDatabases.Handle db = open(kind)) {
            Trader trader = newTrader(db);
            OrderStore store = trader.store();
            Order o = trader.submit(OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.05"), new BigDecimal("45000")));
            List<Balance> before = store.balances("paper");
            sql(db, "ALTER TABLE balances ADD CONSTRAINT no_btc_yet CHECK (asset <> 'BTC')");

            market.push(BTC, "44000");

            assertThat(store.fillsOf(o.id())).isEmpty();
            assertThat(store.balances("paper")).isEqualTo(before);
            // the running venue forgot the fill the store rolled back, and the order rests again
            assertThat(totals(trader.balances())).isEqualTo(totals(before));
            assertThat(normalized(trader.balances())).isEqualTo(normalized(before));
            assertThat(trader.positions()).isEmpty();

            sql(db, "ALTER TABLE balances DROP CONSTRAINT no_btc_yet");
            market.push(BTC, "44000");
            market.push(BTC, "43000");

            assertThat(store.byId(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
            List<Fill> fills = store.fillsOf(o.id());
            assertThat(fills).hasSize(1);
            Map<String, BigDecimal> stored = totals(store.balances("paper"));
            assertThat(stored.get("USDT").add(new BigDecimal("2252.25"))).isEqualByComparingTo("10000");
            assertThat(stored.get("BTC")).isEqualByComparingTo("0.05");
            assertThat(stored).isEqualTo(totals(trader.balances()));
            trader.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aMarketOrderWhoseWriteFailsIsNotExecutedAnywhere(String kind) throws Exception {
        try (TestDatabases.Handle db = open(kind)) {
            Trader trader = newTrader(db);
            OrderStore store = trader.store();
            List<Balance> before = store.balances("paper");
            sql(db, "ALTER TABLE balances ADD CONSTRAINT no_btc_yet CHECK (asset <> 'BTC')");

            Order o = trader.submit(OrderRequest.market(BTC, Side.BUY, new BigDecimal("0.01")));

            assertThat(o.status().isOpen()).isFalse();
            assertThat(o.status()).isNotEqualTo(OrderStatus.FILLED);
            assertThat(store.fillsOf(o.id())).isEmpty();
            assertThat(store.positions("paper")).isEmpty();
            assertThat(store.balances("paper")).isEqualTo(before);
            assertThat(normalized(trader.balances())).isEqualTo(normalized(before));

            sql(db, "ALTER TABLE balances DROP CONSTRAINT no_btc_yet");
            Order again = trader.submit(OrderRequest.market(BTC, Side.BUY, new BigDecimal("0.01")));
            assertThat(again.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(trader.fills(Optional.of(BTC), Instant.EPOCH, 10)).hasSize(1);
            assertThat(totals(store.balances("paper"))).isEqualTo(totals(trader.balances()));
            trader.close();
        }
    }
}
