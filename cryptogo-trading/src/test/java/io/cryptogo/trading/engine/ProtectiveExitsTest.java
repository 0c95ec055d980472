package io.cryptogo.trading.engine;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.NativeProtection;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.RestingProtection;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.Venue;
import io.cryptogo.trading.testing.MutableClock;
import io.cryptogo.trading.testing.TradingMarkets;
import io.cryptogo.trading.venue.paper.PaperSettings;
import io.cryptogo.trading.venue.paper.PaperVenue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtectiveExitsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    final FakeMarket market = TradingMarkets.priced(clock);
    final PaperVenue paper = new PaperVenue(market, PaperSettings.defaults().withSlippageBps(0), clock);
    TestDatabases.Handle db;
    Trader trader;

    @BeforeEach
    void open() {
        db = TestDatabases.h2("exits");
    }

    @AfterEach
    void close() throws Exception {
        if (trader != null) {
            trader.close();
        }
        db.close();
    }

    Trader trader(Venue venue) {
        return Trader.builder()
                .market(market)
                .database(db.database())
                .venue(venue)
                .clock(clock)
                .build();
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    List<Order> sells() {
        return trader.orders(List.of(), 50).stream()
                .filter(o -> o.side() == Side.SELL)
                .toList();
    }

    BigDecimal balance(String asset, boolean locked) {
        return trader.balances().stream()
                .filter(b -> b.asset().equals(asset))
                .map(b -> locked ? b.locked() : b.free())
                .findFirst()
                .orElse(BigDecimal.ZERO);
    }

    /** A venue like an exchange without resting orders, whose first exit placements are refused. */
    static final class Watched implements Venue {
        final PaperVenue inner;
        final AtomicInteger refuse;
        final boolean keptByEngine;
        final boolean resting;

        Watched(PaperVenue inner, int refuseExits, boolean keptByEngine, boolean resting) {
            this.inner = inner;
            this.refuse = new AtomicInteger(refuseExits);
            this.keptByEngine = keptByEngine;
            this.resting = resting;
        }

        @Override
        public String accountId() {
            return inner.accountId();
        }

        @Override
        public boolean live() {
            return false;
        }

        @Override
        public BigDecimal feeRate() {
            return inner.feeRate();
        }

        @Override
        public ExecutionReport place(Order order) {
            if (order.clientOrderId().startsWith("x-") && refuse.getAndDecrement() > 0) {
                throw new InvalidRequestException("quantity", "venue refused the exit (test)");
            }
            return inner.place(order);
        }

        @Override
        public ExecutionReport cancel(Order order) {
            return inner.cancel(order);
        }

        @Override
        public Optional<ExecutionReport> query(Order order) {
            return inner.query(order);
        }

        @Override
        public List<Balance> balances() {
            return inner.balances();
        }

        @Override
        public Optional<NativeProtection> nativeProtection() {
            return resting ? inner.nativeProtection() : Optional.empty();
        }

        @Override
        public boolean balancesKeptByEngine() {
            return keptByEngine;
        }

        @Override
        public void restoreBalances(List<Balance> stored) {
            inner.restoreBalances(stored);
        }

        @Override
        public void useLock(ReentrantLock engineLock) {
            inner.useLock(engineLock);
        }

        @Override
        public void onExecution(ExecutionListener listener) {
            inner.onExecution(listener);
        }
    }

    Candle bar(String minute, String open, String high, String low, String close) {
        return Candle.of(
                BTC,
                Interval.M1,
                Instant.parse("2026-03-02T10:" + minute + ":00Z"),
                d(open),
                d(high),
                d(low),
                d(close),
                BigDecimal.ONE,
                d(close),
                1,
                true);
    }

    @Test
    void aRejectedExitIsRetriedAfterABackoffUnderANewIdAndALaterTriggerFillsIt() {
        trader = trader(new Watched(paper, 1, true, false));
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.02")).withProtection(d("48000"), d("55000")));

        clock.advance(Duration.ofSeconds(10));
        market.push(BTC, "47900");

        assertThat(sells())
                .singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.REJECTED));
        assertThat(trader.protection()).singleElement().satisfies(s -> {
            assertThat(s.failedAttempts()).isEqualTo(1);
            assertThat(s.lastError()).hasValueSatisfying(e -> assertThat(e).contains("venue refused the exit"));
            assertThat(s.nextAttemptAt()).contains(clock.instant().plusSeconds(1));
        });
        assertThat(trader.positions()).hasSize(1);

        // within the backoff nothing new is sent; after it, the next trigger sells under a new id
        market.push(BTC, "47850");
        assertThat(sells()).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        market.push(BTC, "47800");

        assertThat(sells()).hasSize(2);
        Order filled = sells().get(0);
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.clientOrderId())
                .startsWith("x-sl-")
                .isNotEqualTo(sells().get(1).clientOrderId());
        assertThat(trader.positions()).isEmpty();
        assertThat(trader.protection()).isEmpty();
    }

    @Test
    void whenStopAndTargetLieInsideOneCandleTheEngineTakesTheStopFirst() {
        trader = trader(new Watched(paper, 0, true, false));
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.02")).withProtection(d("48000"), d("55000")));

        clock.set(Instant.parse("2026-03-02T10:01:59.999Z"));
        market.emit(bar("01", "50000", "56000", "47000", "50500"));

        assertThat(sells())
                .singleElement()
                .satisfies(o -> assertThat(o.clientOrderId()).startsWith("x-sl-"));
        assertThat(trader.positions()).isEmpty();
    }

    @Test
    void whenStopAndTargetLieInsideOneCandleTheRestingProtectionSellsAtTheStop() {
        trader = trader(paper);
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.02")).withProtection(d("48000"), d("55000")));

        clock.set(Instant.parse("2026-03-02T10:01:59.999Z"));
        market.emit(bar("01", "50000", "56000", "47000", "50500"));

        Order exit = sells().get(0);
        assertThat(exit.clientOrderId()).startsWith("x-sl-");
        assertThat(exit.averagePrice().orElseThrow()).isEqualByComparingTo("48000");
        assertThat(trader.positions()).isEmpty();
        assertThat(balance("BTC", true)).isZero();
    }

    @Test
    void aPositionOpenedWithProtectionRestsItOnTheVenueAndAManualSellMovesIt() {
        trader = trader(paper);
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.02")).withProtection(d("48000"), d("55000")));

        RestingProtection r = paper.open(BTC).get(0);
        assertThat(r.quantity()).isEqualByComparingTo("0.02");
        assertThat(r.stopLoss().orElseThrow()).isEqualByComparingTo("48000");
        assertThat(balance("BTC", true)).isEqualByComparingTo("0.02");
        assertThat(trader.protection())
                .singleElement()
                .satisfies(s -> assertThat(s.resting()).contains(r));

        // a manual SELL of part: the resting exit steps aside, then protects what is left
        Order sell = trader.submit(OrderRequest.market(BTC, Side.SELL, d("0.005")));
        assertThat(sell.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(paper.open(BTC)).singleElement().satisfies(x -> {
            assertThat(x.quantity()).isEqualByComparingTo("0.015");
            assertThat(x.listClientId()).isNotEqualTo(r.listClientId());
        });

        // closing the position another way cancels the resting exit
        trader.submit(OrderRequest.market(BTC, Side.SELL, d("0.015")));
        assertThat(trader.positions()).isEmpty();
        assertThat(paper.open(BTC)).isEmpty();
        assertThat(balance("BTC", true)).isZero();
        assertThat(balance("BTC", false)).isZero();
    }

    @Test
    void aRestartAdoptsTheRestingProtectionTheVenueStillHolds() {
        Watched exchange = new Watched(paper, 0, false, true);
        trader = trader(exchange);
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.02")).withProtection(d("48000"), d("55000")));
        RestingProtection before = paper.open(BTC).get(0);
        trader.close();

        trader = trader(exchange);

        assertThat(paper.open(BTC)).containsExactly(before);
        assertThat(trader.protection())
                .singleElement()
                .satisfies(s -> assertThat(s.resting()).contains(before));
        clock.set(Instant.parse("2026-03-02T10:01:59.999Z"));
        market.emit(bar("01", "50000", "50100", "47000", "47500"));
        assertThat(trader.positions()).isEmpty();
        assertThat(sells())
                .singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED));
    }
}
