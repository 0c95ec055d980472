package io.cryptogo.trading.venue.binance;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.model.Balance;
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.testing.TradingMarkets;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinanceVenueTest {
    static final String KEY = "test-api-key-123";
    static final String SECRET = "test-secret-456";

    BinanceLoopback server;
    BinanceVenue venue;
    FakeMarket market = TradingMarkets.priced(Clock.systemUTC());

    @BeforeEach
    void start() throws Exception {
        server = new BinanceLoopback(KEY, SECRET);
        venue = BinanceVenue.of("binance-testnet", server.url(), KEY, SECRET, WAIT);
    }

    /** Generous, so that an ordinary loopback answer never times out on a loaded CI machine. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @AfterEach
    void stop() {
        venue.close();
        server.close();
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Order order(OrderRequest r, long id) {
        return Order.from(r, "binance-testnet", Instant.now()).withId(id);
    }

    @Test
    void aMarketOrderIsSignedCarriesTheClientOrderIdAndReportsItsFills() {
        Order o = order(OrderRequest.market(BTC, Side.BUY, d("0.01")).withClientOrderId("cg-m-1"), 1);
        ExecutionReport r = venue.place(o);

        assertThat(r.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(r.exchangeOrderId()).isPresent();
        assertThat(r.filledQuantity()).isEqualByComparingTo("0.01");
        assertThat(r.averagePrice().orElseThrow()).isEqualByComparingTo("50000");
        assertThat(r.fills()).hasSize(1);
        assertThat(r.fee()).isEqualByComparingTo("0.5");
        assertThat(server.signatureFailures.get()).isZero();
        Map<String, String> sent = server.placementParams.get(0);
        assertThat(sent)
                .containsEntry("newClientOrderId", "cg-m-1")
                .containsEntry("symbol", "BTCUSDT")
                .containsEntry("side", "BUY")
                .containsEntry("type", "MARKET")
                .containsKey("timestamp");
    }

    @Test
    void aWrongSecretIsRefusedByTheSignatureCheckAndTheOrderIsRejectedNotUnknown() {
        BinanceVenue wrong = BinanceVenue.of("binance-testnet", server.url(), KEY, "not-the-secret", WAIT);
        ExecutionReport r = wrong.place(order(OrderRequest.market(BTC, Side.BUY, d("0.01")), 1));
        assertThat(r.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(r.reason().orElseThrow()).contains("-1022");
        assertThat(server.signatureFailures.get()).isEqualTo(1);
        assertThat(server.orders).isEmpty();
        wrong.close();
    }

    @Test
    void aLimitOrderRestsAndCanBeCanceled() {
        Order o = order(OrderRequest.limit(BTC, Side.BUY, d("0.01"), d("40000")).withClientOrderId("cg-l-1"), 1);
        ExecutionReport placed = venue.place(o);
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(server.placementParams.get(0))
                .containsEntry("timeInForce", "GTC")
                .containsEntry("price", "40000");

        Order open = o.withReport(placed, Instant.now());
        ExecutionReport canceled = venue.cancel(open);
        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(server.orders.get("cg-l-1").status).isEqualTo("CANCELED");
    }

    @Test
    void aQueryByClientOrderIdFindsTheOrderOrSaysItWasNeverPlaced() {
        Order o = order(OrderRequest.market(BTC, Side.BUY, d("0.01")).withClientOrderId("cg-q-1"), 1);
        venue.place(o);
        ExecutionReport r = venue.query(o).orElseThrow();
        assertThat(r.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(r.fills()).hasSize(1);
        assertThat(venue.query(
                        order(OrderRequest.market(BTC, Side.BUY, d("0.01")).withClientOrderId("cg-none"), 2)))
                .isEmpty();
    }

    @Test
    void balancesComeFromTheSignedAccountEndpoint() {
        assertThat(venue.balances()).extracting(Balance::asset).containsExactlyInAnyOrder("USDT", "BTC");
    }

    @Test
    void aTimeoutLeavesTheOrderUnknownUntilAQuerySettlesItAndNothingIsPlacedTwice() throws Exception {
        // a short timeout for this test only: the placement hangs until the server closes
        venue.close();
        venue = BinanceVenue.of("binance-testnet", server.url(), KEY, SECRET, Duration.ofSeconds(3));
        try (var db = TestDatabases.h2("binance-timeout");
                Trader trader = Trader.builder()
                        .market(market)
                        .database(db.database())
                        .venue(venue)
                        .build()) {
            server.nextFault = BinanceLoopback.Fault.HANG_AFTER_RECORDING;
            Order o =
                    trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.01")).withClientOrderId("cg-t-1"));
            assertThat(o.status()).isEqualTo(OrderStatus.UNKNOWN);
            assertThat(server.placements.get()).isEqualTo(1);

            trader.reconcile();

            Order settled = trader.order(o.id()).orElseThrow();
            assertThat(settled.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(trader.positions()).hasSize(1);
            assertThat(trader.store().fillsOf(o.id())).hasSize(1);
            assertThat(trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.01"))
                                    .withClientOrderId("cg-t-1"))
                            .id())
                    .isEqualTo(o.id());
            assertThat(server.placements.get()).isEqualTo(1);
        }
    }

    @Test
    void a5xxBeforeTheOrderWasRecordedEndsExpiredWhenTheNextOrderSettlesIt() throws Exception {
        try (var db = TestDatabases.h2("binance-5xx");
                Trader trader = Trader.builder()
                        .market(market)
                        .database(db.database())
                        .venue(venue)
                        .build()) {
            server.nextFault = BinanceLoopback.Fault.FAIL_503_BEFORE_RECORDING;
            Order o = trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.01")));
            assertThat(o.status()).isEqualTo(OrderStatus.UNKNOWN);

            Order next = trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.01")));

            assertThat(trader.order(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
            assertThat(next.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(server.placements.get()).isEqualTo(2);
        }
    }

    @Test
    void aStillUnreachableVenueBlocksNewOrdersWhileAnOutcomeIsUnknown() throws Exception {
        try (var db = TestDatabases.h2("binance-blocked");
                Trader trader = Trader.builder()
                        .market(market)
                        .database(db.database())
                        .venue(venue)
                        .build()) {
            server.nextFault = BinanceLoopback.Fault.FAIL_500_AFTER_RECORDING;
            Order o = trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.01")));
            assertThat(o.status()).isEqualTo(OrderStatus.UNKNOWN);
            server.close();

            assertThatThrownBy(() -> trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.01"))))
                    .isInstanceOf(ExchangeUnavailableException.class);
            assertThat(server.placements.get()).isEqualTo(1);
        }
    }

    @Test
    void onRestartOpenOrdersAreReconciledBeforeAnythingNewIsSent() throws Exception {
        try (var db = TestDatabases.h2("binance-restart")) {
            Order o;
            try (Trader first = Trader.builder()
                    .market(market)
                    .database(db.database())
                    .venue(venue)
                    .build()) {
                o = first.submit(
                        OrderRequest.limit(BTC, Side.BUY, d("0.01"), d("45000")).withClientOrderId("cg-r-1"));
                assertThat(o.status()).isEqualTo(OrderStatus.NEW);
            }
            server.fill("cg-r-1", d("45000"));

            try (Trader second = Trader.builder()
                    .market(market)
                    .database(db.database())
                    .venue(venue)
                    .risk(RiskLimits.defaults())
                    .build()) {
                Order after = second.order(o.id()).orElseThrow();
                assertThat(after.status()).isEqualTo(OrderStatus.FILLED);
                assertThat(after.averagePrice().orElseThrow()).isEqualByComparingTo("45000");
                assertThat(second.positions().get(0).quantity()).isEqualByComparingTo("0.01");
                assertThat(second.openOrders()).isEmpty();
            }
            assertThat(server.placements.get()).isEqualTo(1);
        }
    }

    @Test
    void onTheMarketDatasHostTheVenueSignsThroughItsClientAndSpendsTheSameWeightBudget() {
        try (FakeBinanceServer binance = FakeBinanceServer.start()) {
            binance.signedRoute(
                    "/api/v3/account",
                    KEY,
                    SECRET,
                    r -> FakeBinanceServer.Reply.json(
                            "{\"balances\":[{\"asset\":\"BTC\",\"free\":\"0.5\",\"locked\":\"0.1\"}]}"));
            try (BinanceMarketData data = BinanceMarketData.builder()
                    .baseUrl(binance.baseUrl())
                    .requestTimeout(WAIT)
                    .build()) {
                BinanceVenue main = BinanceVenue.fromConfig(
                        Config.of(Map.of(
                                "BINANCE_API_KEY",
                                KEY,
                                "BINANCE_SECRET",
                                SECRET,
                                "BINANCE_TESTNET",
                                "false",
                                "BINANCE_TRADE_BASE_URL",
                                binance.baseUrl().toString())),
                        data);
                int before = data.usedWeight();
                assertThat(main.balances())
                        .singleElement()
                        .satisfies(b -> assertThat(b.locked()).isEqualByComparingTo("0.1"));
                assertThat(data.usedWeight()).isGreaterThanOrEqualTo(before + 20);
                assertThat(main.rest().usedWeight()).isEqualTo(data.usedWeight());

                main.close();
                // closing the venue leaves the market data's client open
                assertThat(data.ticker(BTC).price()).isPositive();
            }
        }
    }

    @Test
    void configurationNeedsKeysAndDefaultsToTheTestnetWithoutShowingThem() {
        assertThatThrownBy(() -> BinanceVenue.fromConfig(Config.of(Map.of()), market))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("BINANCE_API_KEY"));
        BinanceVenue v =
                BinanceVenue.fromConfig(Config.of(Map.of("BINANCE_API_KEY", KEY, "BINANCE_SECRET", SECRET)), market);
        assertThat(v.baseUrl()).isEqualTo(BinanceVenue.TESTNET_URL);
        assertThat(v.accountId()).isEqualTo("binance-testnet");
        assertThat(v.toString()).doesNotContain(KEY).doesNotContain(SECRET);
        v.close();
        BinanceVenue local = BinanceVenue.fromConfig(
                Config.of(Map.of(
                        "BINANCE_API_KEY", KEY, "BINANCE_SECRET", SECRET, "BINANCE_TRADE_BASE_URL", server.url())),
                market);
        assertThat(local.balances()).isNotEmpty();
        local.close();
        // the testnet moves no real money: not live, but an exchange for AUTO_TRADING=live
        assertThat(venue.live()).isFalse();
        assertThat(venue.testnet()).isTrue();
        BinanceVenue main = BinanceVenue.fromConfig(
                Config.of(Map.of(
                        "BINANCE_API_KEY",
                        KEY,
                        "BINANCE_SECRET",
                        SECRET,
                        "BINANCE_TESTNET",
                        "false",
                        "BINANCE_TRADE_BASE_URL",
                        server.url())),
                market);
        assertThat(main.live()).isTrue();
        assertThat(main.testnet()).isFalse();
        assertThat(main.accountId()).isEqualTo("binance");
        main.close();
    }
}
