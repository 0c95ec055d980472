package io.cryptogo.trading.venue.binance;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.testing.TradingMarkets;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The order-fault matrix against the loopback Binance venue, driven through the trader: every row ends with
 * 0 duplicate and 0 lost orders ({@link #noDuplicateNoLost}): each client order id reached Binance at most
 * once, every order Binance has is in the store with Binance's status, filled quantity and trades, and every
 * stored order Binance does not have is marked as never placed.
 */
@Timeout(120)
class BinanceOrderFaultsTest {
    static final String KEY = "faults-key";
    static final String SECRET = "faults-secret";

    BinanceLoopback server;
    BinanceVenue venue;
    final FakeMarket market = TradingMarkets.priced(Clock.systemUTC());

    @BeforeEach
    void start() throws Exception {
        server = new BinanceLoopback(KEY, SECRET);
        venue = venue(Duration.ofSeconds(30));
    }

    BinanceVenue venue(Duration timeout) {
        return BinanceVenue.of("binance-testnet", server.url(), KEY, SECRET, timeout);
    }

    @AfterEach
    void stop() {
        venue.close();
        server.close();
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    Trader trader(TestDatabases.Handle db, BinanceVenue v) {
        return Trader.builder().market(market).database(db.database()).venue(v).build();
    }

    Order rest(Trader t, String cid, String qty, String price) {
        Order o = t.submit(OrderRequest.limit(BTC, Side.BUY, d(qty), d(price)).withClientOrderId(cid));
        assertThat(o.status()).isEqualTo(OrderStatus.NEW);
        return o;
    }

    @Test
    void aTimeoutOnPlacementIsUnknownUntilAQueryByClientOrderIdSettlesIt() throws Exception {
        venue.close();
        venue = venue(Duration.ofSeconds(2));
        try (var db = TestDatabases.h2("faults-timeout");
                Trader t = trader(db, venue)) {
            server.nextFault = BinanceLoopback.Fault.HANG_AFTER_RECORDING;
            Order o = t.submit(OrderRequest.market(BTC, Side.BUY, d("0.002")).withClientOrderId("f-t-1"));
            assertThat(o.status()).isEqualTo(OrderStatus.UNKNOWN);

            t.reconcile();

            assertThat(t.order(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(server.paths).contains("GET /api/v3/order");
            noDuplicateNoLost(t);
        }
    }

    @Test
    void aRestartWithOpenUnknownAndPartlyFilledOrdersReconcilesThemBeforeSendingAnythingNew() throws Exception {
        try (var db = TestDatabases.h2("faults-restart")) {
            try (Trader first = trader(db, venue)) {
                rest(first, "f-r-open", "0.005", "45000");
                rest(first, "f-r-part", "0.005", "46000");
                server.nextFault = BinanceLoopback.Fault.FAIL_500_AFTER_RECORDING;
                Order unknown = first.submit(
                        OrderRequest.market(BTC, Side.BUY, d("0.002")).withClientOrderId("f-r-unk"));
                assertThat(unknown.status()).isEqualTo(OrderStatus.UNKNOWN);
            }
            // while the app is down, Binance fills part of one order; the unknown one had filled at once
            server.partialFill("f-r-part", d("46000"), d("0.002"));
            int mark = server.paths.size();

            BinanceVenue again = venue(Duration.ofSeconds(30));
            try (Trader second = trader(db, again)) {
                assertThat(second.order("f-r-open").orElseThrow().status()).isEqualTo(OrderStatus.NEW);
                Order part = second.order("f-r-part").orElseThrow();
                assertThat(part.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
                assertThat(part.filledQuantity()).isEqualByComparingTo("0.002");
                assertThat(second.order("f-r-unk").orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
                assertThat(second.positions().get(0).quantity()).isEqualByComparingTo("0.004");

                second.submit(OrderRequest.market(BTC, Side.BUY, d("0.001")).withClientOrderId("f-r-new"));

                List<String> since = server.paths.subList(mark, server.paths.size());
                int post = since.indexOf("POST /api/v3/order");
                assertThat(post).isPositive();
                assertThat(since.subList(0, post).stream()
                                .filter("GET /api/v3/order"::equals)
                                .count())
                        .as("the three unsettled orders are queried before the new one is sent")
                        .isGreaterThanOrEqualTo(3);
                noDuplicateNoLost(second);
            } finally {
                again.close();
            }
        }
    }

    @Test
    void a429OnCancelLeavesTheOrderOpenAndTheNextCancelEndsIt() throws Exception {
        try (var db = TestDatabases.h2("faults-429");
                Trader t = trader(db, venue)) {
            Order o = rest(t, "f-429", "0.005", "45000");
            server.nextCancelFault = BinanceLoopback.CancelFault.RATE_LIMITED;

            assertThatThrownBy(() -> t.cancel(o.id())).isInstanceOf(RateLimitedException.class);
            assertThat(t.order(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
            assertThat(server.orders.get("f-429").status).isEqualTo("NEW");

            assertThat(t.cancel(o.id()).status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(server.cancels.get()).isEqualTo(2);
            noDuplicateNoLost(t);
        }
    }

    @Test
    void a5xxOnCancelIsSettledByReadingTheOrderBack() throws Exception {
        try (var db = TestDatabases.h2("faults-5xx");
                Trader t = trader(db, venue)) {
            // refused before anything happened: still open, so the cancel must be asked again
            Order a = rest(t, "f-5xx-a", "0.005", "45000");
            server.nextCancelFault = BinanceLoopback.CancelFault.FAIL_503_BEFORE_CANCELING;
            assertThatThrownBy(() -> t.cancel(a.id()))
                    .isInstanceOf(ExchangeUnavailableException.class)
                    .hasMessageContaining("cancel again");
            assertThat(t.order(a.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
            assertThat(t.cancel(a.id()).status()).isEqualTo(OrderStatus.CANCELED);

            // canceled, then the answer was lost in a 500: the read back says CANCELED, no second cancel
            Order b = rest(t, "f-5xx-b", "0.005", "44000");
            int cancels = server.cancels.get();
            server.nextCancelFault = BinanceLoopback.CancelFault.FAIL_500_AFTER_CANCELING;
            assertThat(t.cancel(b.id()).status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(server.cancels.get()).isEqualTo(cancels + 1);
            noDuplicateNoLost(t);
        }
    }

    @Test
    void aFillThatArrivesAfterTheCancelWasRequestedIsKept() throws Exception {
        try (var db = TestDatabases.h2("faults-late-fill");
                Trader t = trader(db, venue)) {
            Order o = rest(t, "f-late", "0.005", "45000");
            server.nextCancelFault = BinanceLoopback.CancelFault.FILL_FIRST;

            Order after = t.cancel(o.id());

            assertThat(after.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(after.filledQuantity()).isEqualByComparingTo("0.005");
            assertThat(t.store().fillsOf(o.id())).hasSize(1);
            assertThat(t.positions().get(0).quantity()).isEqualByComparingTo("0.005");

            // partly filled before the cancel: canceled, the part kept with its trade
            Order p = rest(t, "f-late-part", "0.005", "44000");
            server.partialFill("f-late-part", d("44000"), d("0.003"));
            Order canceled = t.cancel(p.id());
            assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(canceled.filledQuantity()).isEqualByComparingTo("0.003");
            assertThat(t.store().fillsOf(p.id())).hasSize(1);
            assertThat(t.positions().get(0).quantity()).isEqualByComparingTo("0.008");
            noDuplicateNoLost(t);
        }
    }

    /** 0 duplicate and 0 lost orders between the trader's store and the loopback Binance. */
    void noDuplicateNoLost(Trader t) {
        Map<String, Long> sent = server.placementParams.stream()
                .filter(p -> p.containsKey("newClientOrderId"))
                .collect(Collectors.groupingBy(p -> p.get("newClientOrderId"), Collectors.counting()));
        assertThat(sent.values()).as("each client order id sent once").allMatch(n -> n == 1);
        for (BinanceLoopback.Ord b : server.orders.values()) {
            Order o = t.order(b.cid).orElseThrow(() -> new AssertionError("lost: Binance has " + b.cid));
            assertThat(o.status().name()).as(b.cid).isEqualTo(b.status);
            assertThat(o.filledQuantity()).as(b.cid).isEqualByComparingTo(b.executed);
            assertThat(t.store().fillsOf(o.id())).as(b.cid).hasSize(b.trades.size());
        }
        for (Order o : t.orders(List.of(), 1000)) {
            if (!server.orders.containsKey(o.clientOrderId())) {
                assertThat(o.status()).as(o.clientOrderId()).isIn(OrderStatus.EXPIRED, OrderStatus.REJECTED);
            }
        }
    }
}
