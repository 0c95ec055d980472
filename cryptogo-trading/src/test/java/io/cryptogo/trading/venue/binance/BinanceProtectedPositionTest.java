package io.cryptogo.trading.venue.binance;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.RestingProtection;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.testing.TradingMarkets;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A protected position on the loopback Binance through the trader: the engine rests the stop loss and take
 * profit as an OCO on Binance, a kill of the app leaves it there, a restart adopts it without placing
 * another, and a fill of its stop leg closes the position through an ordinary execution report.
 */
@Timeout(120)
class BinanceProtectedPositionTest {
    static final String KEY = "protected-key";
    static final String SECRET = "protected-secret";

    BinanceLoopback server;
    final FakeMarket market = TradingMarkets.priced(Clock.systemUTC());

    @BeforeEach
    void start() throws Exception {
        server = new BinanceLoopback(KEY, SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A venue that looks for leg fills only when asked, so the test decides when Binance is read. */
    BinanceVenue venue() {
        return BinanceVenue.builder()
                .baseUrl(URI.create(server.url()))
                .credentials(KEY, SECRET)
                .timeout(Duration.ofSeconds(30))
                .protectionPollInterval(Duration.ofMinutes(10))
                .build();
    }

    Trader trader(TestDatabases.Handle db, BinanceVenue v) {
        return Trader.builder().market(market).database(db.database()).venue(v).build();
    }

    @Test
    void aStopLegThatExecutedWhileTheAppWasDownIsRecordedAtRestart() throws Exception {
        try (var db = TestDatabases.h2("binance-protected-down")) {
            BinanceVenue first = venue();
            Trader before = trader(db, first);
            before.submit(OrderRequest.market(BTC, Side.BUY, d("0.01")).withProtection(d("48000"), d("55000")));
            RestingProtection resting = before.protection().get(0).resting().orElseThrow();
            before.close();
            first.close();

            // while the app is down, Binance triggers the stop leg
            server.price(d("47900"));

            BinanceVenue second = venue();
            try (Trader after = trader(db, second)) {
                assertThat(second.pollProtection())
                        .extracting(ExecutionReport::clientOrderId)
                        .contains(BinanceVenue.stopLossClientOrderId(resting.listClientId()));
                assertThat(after.positions()).isEmpty();
                Order exit = after.order(BinanceVenue.stopLossClientOrderId(resting.listClientId()))
                        .orElseThrow();
                assertThat(exit.status()).isEqualTo(OrderStatus.FILLED);
                assertThat(after.store().fillsOf(exit.id())).hasSize(1);
            } finally {
                second.close();
            }
        }
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aKilledAppLeavesTheOcoOnBinanceARestartAdoptsItAndItsStopLegClosesThePosition() throws Exception {
        try (var db = TestDatabases.h2("binance-protected")) {
            BinanceVenue first = venue();
            Trader before = trader(db, first);
            Order buy =
                    before.submit(OrderRequest.market(BTC, Side.BUY, d("0.01")).withProtection(d("48000"), d("55000")));
            assertThat(buy.status()).isEqualTo(OrderStatus.FILLED);

            assertThat(server.lists).hasSize(1);
            BinanceLoopback.OrdList oco = server.lists.values().iterator().next();
            assertThat(oco.listOrderStatus).isEqualTo("EXECUTING");
            RestingProtection resting = before.protection().get(0).resting().orElseThrow();
            assertThat(resting.listClientId()).isEqualTo(oco.listCid);
            assertThat(resting.quantity()).isEqualByComparingTo("0.01");

            // the kill: the app goes away without cleaning up; the OCO stays on Binance
            before.close();
            first.close();
            assertThat(oco.listOrderStatus).isEqualTo("EXECUTING");

            BinanceVenue second = venue();
            try (Trader after = trader(db, second)) {
                assertThat(after.protection())
                        .singleElement()
                        .satisfies(s -> assertThat(s.resting()).contains(resting));
                assertThat(server.listPlacements.get())
                        .as("adopted, not placed again")
                        .isEqualTo(1);
                assertThat(oco.listOrderStatus).isEqualTo("EXECUTING");

                // Binance triggers the stop leg; the venue reports the leg's fill to the engine
                server.price(d("47900"));
                assertThat(second.pollProtection()).hasSize(1);

                assertThat(after.positions()).isEmpty();
                Order exit = after.order(BinanceVenue.stopLossClientOrderId(resting.listClientId()))
                        .orElseThrow();
                assertThat(exit.side()).isEqualTo(Side.SELL);
                assertThat(exit.status()).isEqualTo(OrderStatus.FILLED);
                assertThat(exit.averagePrice().orElseThrow()).isEqualByComparingTo("47904");
                assertThat(after.store().fillsOf(exit.id())).hasSize(1);
                assertThat(server.orders.get(BinanceVenue.takeProfitClientOrderId(resting.listClientId())).status)
                        .isEqualTo("EXPIRED");
                assertThat(second.pollProtection()).as("reported once").isEmpty();
                assertThat(after.orders(List.of(), 100)).hasSize(2);
            } finally {
                second.close();
            }
        }
    }
}
