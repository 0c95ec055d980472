package io.cryptogo.trading.store;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.model.Balance;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.store.jdbc.JdbcOrderStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderStoreTest {
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    static TestDatabases.Handle open(String kind) {
        return kind.equals("postgres") ? TestDatabases.postgres("orderstore") : TestDatabases.h2("orderstore");
    }

    static Order order(String cid) {
        return Order.from(
                OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.5"), new BigDecimal("40000.00"))
                        .withProtection(new BigDecimal("39000"), new BigDecimal("45000"))
                        .withClientOrderId(cid),
                "paper",
                T);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void anOrderRoundTripsWithEveryField(String kind) throws Exception {
        try (var db = open(kind)) {
            OrderStore s = new JdbcOrderStore(db.database());
            Order o = s.insert(order("rt-1"));
            assertThat(o.id()).isPositive();
            Order back = s.byId(o.id()).orElseThrow();
            assertThat(back.clientOrderId()).isEqualTo("rt-1");
            assertThat(back.limitPrice().orElseThrow()).isEqualByComparingTo("40000");
            assertThat(back.stopLoss().orElseThrow()).isEqualByComparingTo("39000");
            assertThat(back.status()).isEqualTo(OrderStatus.NEW);
            assertThat(back.createdAt()).isEqualTo(T);
            assertThat(s.byClientOrderId("rt-1")).contains(back);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void theSameClientOrderIdIsStoredOnceEvenUnderConcurrentInserts(String kind) throws Exception {
        try (var db = open(kind)) {
            OrderStore s = new JdbcOrderStore(db.database());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Order>> fs = IntStream.range(0, 8)
                        .mapToObj(i -> pool.submit(() -> s.insert(order("dup-1"))))
                        .toList();
                List<Long> ids = fs.stream()
                        .map(f -> {
                            try {
                                return f.get().id();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .distinct()
                        .toList();
                assertThat(ids).hasSize(1);
            } finally {
                pool.shutdown();
            }
            assertThat(s.orders("paper", List.of(), 10)).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void recordingStoresNewFillsOncePositionsAndTheOrdersState(String kind) throws Exception {
        try (var db = open(kind)) {
            OrderStore s = new JdbcOrderStore(db.database());
            Order o = s.insert(order("rec-1"));
            Fill f = Fill.builder()
                    .orderId(o.id())
                    .tradeId("t1")
                    .symbol(BTC)
                    .side(Side.BUY)
                    .price(new BigDecimal("40000"))
                    .quantity(new BigDecimal("0.5"))
                    .fee(new BigDecimal("20"))
                    .feeAsset("USDT")
                    .realizedPnl(BigDecimal.ZERO)
                    .time(T)
                    .build();
            Order filled = o.withReport(
                    new ExecutionReport(
                            "rec-1",
                            Optional.of("x1"),
                            OrderStatus.FILLED,
                            new BigDecimal("0.5"),
                            Optional.of(new BigDecimal("40000")),
                            new BigDecimal("20"),
                            Optional.of("USDT"),
                            List.of(f),
                            Optional.empty()),
                    T);
            Position p = Position.flat("paper", BTC, T)
                    .apply(f, o.stopLoss(), o.takeProfit())
                    .position();

            assertThat(s.record(filled, List.of(f), List.of(p))).hasSize(1);
            assertThat(s.record(filled, List.of(f), List.of(p))).isEmpty();

            assertThat(s.fillsOf(o.id())).hasSize(1);
            assertThat(s.byId(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
            Position back = s.positions("paper").get(0);
            assertThat(back.quantity()).isEqualByComparingTo("0.5");
            assertThat(back.cost()).isEqualByComparingTo("20000");
            assertThat(back.takeProfit().orElseThrow()).isEqualByComparingTo("45000");
            assertThat(s.unsettled("paper")).isEmpty();
            assertThat(s.countAccepted("paper", T)).isEqualTo(1);
            assertThat(s.countAccepted("paper", T.plusMillis(1))).isZero();
            assertThat(s.fills("paper", Optional.of(BTC), T, 10)).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void balancesAndEquityRoundTrip(String kind) throws Exception {
        try (var db = open(kind)) {
            OrderStore s = new JdbcOrderStore(db.database());
            s.ensureAccount("paper", "paper", T);
            s.ensureAccount("paper", "paper", T);
            s.saveBalances("paper", List.of(new Balance("USDT", new BigDecimal("100"), new BigDecimal("5"))), T);
            s.saveBalances(
                    "paper",
                    List.of(
                            new Balance("USDT", new BigDecimal("90"), new BigDecimal("0")),
                            new Balance("BTC", new BigDecimal("1"), BigDecimal.ZERO)),
                    T);
            assertThat(s.balances("paper")).extracting(Balance::asset).containsExactly("BTC", "USDT");
            assertThat(s.balances("paper").get(1).free()).isEqualByComparingTo("90");
            s.saveEquity("paper", T, new BigDecimal("100"));
            s.saveEquity("paper", T.plusSeconds(60), new BigDecimal("101"));
            s.saveEquity("paper", T.plusSeconds(60), new BigDecimal("102"));
            assertThat(s.equity("paper", T, 10))
                    .extracting(OrderStore.EquityPoint::equity)
                    .map((Function<BigDecimal, String>) BigDecimal::toPlainString)
                    .containsExactly("100", "101");
        }
    }
}
