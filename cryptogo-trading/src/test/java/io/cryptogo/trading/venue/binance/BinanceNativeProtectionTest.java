package io.cryptogo.trading.venue.binance;

import static io.cryptogo.testing.FakeMarket.BTC;
import static io.cryptogo.testing.FakeMarket.ETH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.RestingProtection;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stop loss and take profit resting on Binance's book (OCO or STOP_LOSS_LIMIT), against the loopback. */
@Timeout(60)
class BinanceNativeProtectionTest {
    static final String KEY = "protect-key";
    static final String SECRET = "protect-secret";

    BinanceLoopback server;
    BinanceVenue venue;

    @BeforeEach
    void start() throws Exception {
        server = new BinanceLoopback(KEY, SECRET);
        venue = BinanceVenue.of("binance-testnet", server.url(), KEY, SECRET, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        venue.close();
        server.close();
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Optional<BigDecimal> some(String s) {
        return Optional.of(d(s));
    }

    /** The order the engine would keep for a leg: a SELL under the leg's client order id. */
    static Order leg(String clientOrderId, String qty) {
        return Order.from(
                        OrderRequest.market(BTC, Side.SELL, d(qty)).withClientOrderId(clientOrderId),
                        "binance-testnet",
                        Instant.now())
                .withId(42);
    }

    @Test
    void theVenueOffersNativeProtection() {
        assertThat(venue.nativeProtection()).containsSame(venue);
    }

    @Test
    void aStopAndATargetRestAsOneOcoSellWithPricesOnTheTickAndTheQuantityOnTheStep() {
        RestingProtection p = venue.place(BTC, d("0.0123456"), some("48000.123"), some("55000.129"), "p-1");

        assertThat(p.listClientId()).isEqualTo("p-1");
        assertThat(p.quantity()).isEqualByComparingTo("0.01234");
        assertThat(p.stopLoss().orElseThrow()).isEqualByComparingTo("48000.12");
        assertThat(p.takeProfit().orElseThrow()).isEqualByComparingTo("55000.13");
        assertThat(server.listPlacements.get()).isEqualTo(1);
        assertThat(server.placementParams.get(0))
                .containsEntry("symbol", "BTCUSDT")
                .containsEntry("side", "SELL")
                .containsEntry("quantity", "0.01234")
                .containsEntry("listClientOrderId", "p-1")
                .containsEntry("aboveType", "LIMIT_MAKER")
                .containsEntry("abovePrice", "55000.13")
                .containsEntry("aboveClientOrderId", "p-1-tp")
                .containsEntry("belowType", "STOP_LOSS_LIMIT")
                .containsEntry("belowStopPrice", "48000.12")
                // 0.2% below the stop, rounded down to the tick
                .containsEntry("belowPrice", "47904.11")
                .containsEntry("belowTimeInForce", "GTC")
                .containsEntry("belowClientOrderId", "p-1-sl");
        assertThat(p.venueId()).isEqualTo(String.valueOf(server.lists.get("p-1").id));
        assertThat(server.signatureFailures.get()).isZero();
    }

    @Test
    void openListsTheRestingProtectionOfTheSymbolOnlyAndCancelRemovesIt() {
        RestingProtection oco = venue.place(BTC, d("0.01"), some("48000"), some("55000"), "p-2");
        RestingProtection stopOnly = venue.place(BTC, d("0.005"), some("47000"), Optional.empty(), "p-3");

        assertThat(venue.open(BTC)).containsExactlyInAnyOrder(oco, stopOnly);
        assertThat(venue.open(ETH)).isEmpty();
        assertThat(server.paths).contains("GET /api/v3/openOrderList", "GET /api/v3/openOrders");

        venue.cancel(oco);
        assertThat(server.orders.get("p-2-sl").status).isEqualTo("CANCELED");
        assertThat(server.orders.get("p-2-tp").status).isEqualTo("CANCELED");
        assertThat(venue.open(BTC)).containsExactly(stopOnly);

        venue.cancel(stopOnly);
        assertThat(server.orders.get("p-3-sl").status).isEqualTo("CANCELED");
        assertThat(venue.open(BTC)).isEmpty();

        // already gone: a no-op, not an error
        venue.cancel(oco);
        venue.cancel(stopOnly);
    }

    @Test
    void aStopLossAloneRestsAsAStopLossLimitOrder() {
        RestingProtection p = venue.place(BTC, d("0.01"), some("49000"), Optional.empty(), "p-4");

        assertThat(server.listPlacements.get()).isZero();
        assertThat(server.placementParams.get(0))
                .containsEntry("type", "STOP_LOSS_LIMIT")
                .containsEntry("side", "SELL")
                .containsEntry("stopPrice", "49000.00")
                .containsEntry("price", "48902.00")
                .containsEntry("timeInForce", "GTC")
                .containsEntry("newClientOrderId", "p-4-sl");
        assertThat(p.venueId()).isEqualTo(String.valueOf(server.orders.get("p-4-sl").id));
    }

    @Test
    void aStopLegFillReachesTheEngineAsAnOrdinaryExecutionReportAndTheTargetLegExpires() {
        venue.place(BTC, d("0.01"), some("48000"), some("55000"), "p-5");

        server.price(d("47950"));

        ExecutionReport sl = venue.query(leg(BinanceVenue.stopLossClientOrderId("p-5"), "0.01"))
                .orElseThrow();
        assertThat(sl.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sl.filledQuantity()).isEqualByComparingTo("0.01");
        assertThat(sl.averagePrice().orElseThrow()).isEqualByComparingTo("47904");
        assertThat(sl.fills()).singleElement().satisfies(f -> {
            assertThat(f.side()).isEqualTo(Side.SELL);
            assertThat(f.price()).isEqualByComparingTo("47904");
            assertThat(f.quantity()).isEqualByComparingTo("0.01");
        });
        ExecutionReport tp = venue.query(leg(BinanceVenue.takeProfitClientOrderId("p-5"), "0.01"))
                .orElseThrow();
        assertThat(tp.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(tp.fills()).isEmpty();
        assertThat(venue.open(BTC)).isEmpty();
    }

    @Test
    void legFillsAreReportedThroughTheListenerOnceEachWhetherPolledOrWatched() throws InterruptedException {
        List<ExecutionReport> heard = new CopyOnWriteArrayList<>();
        venue.onExecution(heard::add);
        venue.place(BTC, d("0.01"), some("48000"), some("55000"), "p-10");
        venue.place(BTC, d("0.02"), some("47000"), Optional.empty(), "p-11");

        assertThat(venue.pollProtection()).isEmpty();
        server.partialFill("p-11-sl", d("46906"), d("0.005"));
        assertThat(venue.pollProtection()).singleElement().satisfies(r -> {
            assertThat(r.clientOrderId()).isEqualTo("p-11-sl");
            assertThat(r.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(r.fills()).hasSize(1);
        });
        server.price(d("47900"));
        List<ExecutionReport> second = venue.pollProtection();
        assertThat(second).extracting(ExecutionReport::clientOrderId).containsExactlyInAnyOrder("p-10-sl");
        assertThat(second.get(0).fills())
                .singleElement()
                .satisfies(f -> assertThat(f.side()).isEqualTo(Side.SELL));
        assertThat(venue.pollProtection()).as("nothing is reported twice").isEmpty();
        assertThat(heard).extracting(ExecutionReport::clientOrderId).containsExactly("p-11-sl", "p-10-sl");

        // the rest of p-11 fills while nobody polls by hand: the venue's own watch reports it
        BinanceVenue watched = BinanceVenue.builder()
                .baseUrl(java.net.URI.create(server.url()))
                .credentials(KEY, SECRET)
                .protectionPollInterval(Duration.ofMillis(100))
                .build();
        BlockingQueue<ExecutionReport> pushed = new LinkedBlockingQueue<>();
        watched.onExecution(pushed::add);
        assertThat(watched.open(BTC))
                .extracting(RestingProtection::listClientId)
                .containsExactly("p-11");
        server.price(d("46000"));
        // (p-10's stop leg, finished before this venue started, is reported to it as well: the engine dedups)
        ExecutionReport rest;
        do {
            rest = pushed.poll(20, TimeUnit.SECONDS);
            assertThat(rest).isNotNull();
        } while (!rest.clientOrderId().equals("p-11-sl"));
        assertThat(rest.clientOrderId()).isEqualTo("p-11-sl");
        assertThat(rest.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(rest.filledQuantity()).isEqualByComparingTo("0.02");
        watched.close();
    }

    @Test
    void aTargetLegFillIsReadTheSameWay() {
        venue.place(BTC, d("0.01"), some("48000"), some("55000"), "p-6");

        server.price(d("55010"));

        ExecutionReport tp = venue.query(leg("p-6-tp", "0.01")).orElseThrow();
        assertThat(tp.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(tp.averagePrice().orElseThrow()).isEqualByComparingTo("55000");
        assertThat(venue.query(leg("p-6-sl", "0.01")).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void aRefusalKeepsBinancesCodeAndNothingRests() {
        // a stop above the market would trigger at once: Binance refuses the list
        assertThatThrownBy(() -> venue.place(BTC, d("0.01"), some("51000"), some("55000"), "p-7"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("protection"))
                .hasMessageContaining("-2010");
        assertThat(venue.open(BTC)).isEmpty();
        assertThatThrownBy(() -> venue.place(BTC, d("0.000001"), some("48000"), some("55000"), "p-8"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("quantity"));
        assertThatThrownBy(() -> venue.place(BTC, d("0.01"), some("48000"), some("55000"), "x".repeat(34)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("listClientId"));
        assertThat(server.listPlacements.get()).isEqualTo(1);
    }

    @Test
    void theStopLimitDistanceIsASettingAndAlwaysAtLeastOneTickBelowTheStop() {
        BinanceVenue tight = BinanceVenue.builder()
                .baseUrl(java.net.URI.create(server.url()))
                .credentials(KEY, SECRET)
                .stopLimitOffset(BigDecimal.ZERO)
                .build();
        tight.place(BTC, d("0.01"), some("48000"), Optional.empty(), "p-9");
        assertThat(server.placementParams.get(0)).containsEntry("price", "47999.99");
        tight.close();
        assertThatThrownBy(() -> BinanceVenue.fromConfig(
                        io.cryptogo.config.Config.of(Map.of(
                                "BINANCE_API_KEY", KEY, "BINANCE_SECRET", SECRET, "BINANCE_STOP_LIMIT_OFFSET", "0.2")),
                        io.cryptogo.trading.testing.TradingMarkets.priced(java.time.Clock.systemUTC())))
                .isInstanceOfSatisfying(
                        io.cryptogo.config.ConfigException.class,
                        e -> assertThat(e.setting()).isEqualTo("BINANCE_STOP_LIMIT_OFFSET"));
    }

    @Test
    void aKilledAppLeavesTheOcoOnTheExchangeAndANewVenueFindsItByItsListId() {
        RestingProtection placed = venue.place(BTC, d("0.01"), some("48000"), some("55000"), "x-pos-7-1");
        venue.close(); // the app dies: no cleanup, nothing canceled

        try (BinanceVenue restarted =
                BinanceVenue.of("binance-testnet", server.url(), KEY, SECRET, Duration.ofSeconds(30))) {
            assertThat(restarted.open(BTC)).containsExactly(placed);
        }
        assertThat(server.lists.get("x-pos-7-1").listOrderStatus).isEqualTo("EXECUTING");
        assertThat(server.listPlacements.get()).isEqualTo(1);
    }
}
