package io.cryptogo.trading;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.model.Balance;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.testing.MutableClock;
import io.cryptogo.trading.testing.TradingMarkets;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraderTest {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    FakeMarket market = TradingMarkets.priced(clock);
    TestDatabases.Handle db;
    Trader trader;

    @BeforeEach
    void open() {
        db = TestDatabases.h2("trader");
        trader = newTrader(RiskLimits.defaults().withMaxPositionSize(new BigDecimal("5000")));
    }

    @AfterEach
    void close() throws Exception {
        trader.close();
        db.close();
    }

    Trader newTrader(RiskLimits limits) {
        return Trader.builder()
                .market(market)
                .database(db.database())
                .risk(limits)
                .paper(PaperSettings.defaults().withSlippageBps(0))
                .clock(clock)
                .build();
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    BigDecimal free(String asset) {
        return trader.balances().stream()
                .filter(b -> b.asset().equals(asset))
                .map(Balance::free)
                .findFirst()
                .orElse(BigDecimal.ZERO);
    }

    @Test
    void aMarketBuyFillsAtTheAskPaysTheFeeAndOpensAPosition() {
        Order o = trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.01")));

        assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(o.averagePrice().orElseThrow()).isEqualByComparingTo("50000");
        assertThat(o.fee()).isEqualByComparingTo("0.5");
        assertThat(free("USDT")).isEqualByComparingTo("9499.5");
        assertThat(free("BTC")).isEqualByComparingTo("0.01");
        Position p = trader.positions().get(0);
        assertThat(p.quantity()).isEqualByComparingTo("0.01");
        assertThat(p.averagePrice()).isEqualByComparingTo("50000");
        assertThat(trader.fills(Optional.of(BTC), Instant.EPOCH, 10)).hasSize(1);
    }

    @Test
    void theSameClientOrderIdTwiceYieldsTheSameOrderAndOneFill() {
        OrderRequest r = OrderRequest.market(BTC, Side.BUY, d("0.01")).withClientOrderId("same-1");
        Order a = trader.submit(r);
        Order b = trader.submit(r);

        assertThat(b.id()).isEqualTo(a.id());
        assertThat(trader.orders(List.of(), 10)).hasSize(1);
        assertThat(free("BTC")).isEqualByComparingTo("0.01");
    }

    @Test
    void quantitiesRoundDownToTheStepAndPricesToTheTick() {
        Order o = trader.submit(OrderRequest.limit(BTC, Side.BUY, d("0.0123456"), d("40000.006")));
        assertThat(o.quantity()).isEqualByComparingTo("0.01234");
        assertThat(o.limitPrice().orElseThrow()).isEqualByComparingTo("40000.01");
        assertThat(o.status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void tooSmallAnOrderFailsBeforeAnythingIsSentWithTheNumbers() {
        assertThatThrownBy(() -> trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.000001"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("0.000001")
                .hasMessageContaining("minimum quantity 0.00001");
        assertThatThrownBy(() -> trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.00005"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("2.5")
                .hasMessageContaining("minimum notional 5");
        assertThat(trader.orders(List.of(), 10)).isEmpty();
    }

    @Test
    void aLimitBuyWaitsLocksFundsAndFillsWhenThePriceCrosses() {
        List<OrderEvent> events = new ArrayList<>();
        trader.onOrderEvent(events::add);
        Order o = trader.submit(OrderRequest.limit(BTC, Side.BUY, d("0.1"), d("49000")));
        assertThat(o.status()).isEqualTo(OrderStatus.NEW);
        assertThat(free("USDT")).isEqualByComparingTo("5095.1"); // 10000 - 4900 * 1.001

        market.push(BTC, "49500");
        assertThat(trader.order(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
        market.push(BTC, "48990");

        Order filled = trader.order(o.id()).orElseThrow();
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.averagePrice().orElseThrow()).isEqualByComparingTo("49000");
        assertThat(free("USDT")).isEqualByComparingTo("5095.1");
        assertThat(free("BTC")).isEqualByComparingTo("0.1");
        assertThat(events).extracting(OrderEvent::kind).contains(OrderEvent.Kind.SUBMITTED, OrderEvent.Kind.FILLED);
    }

    @Test
    void cancelingALimitOrderReleasesItsFunds() {
        Order o = trader.submit(OrderRequest.limit(BTC, Side.BUY, d("0.1"), d("40000")));
        Order c = trader.cancel(o.id());
        assertThat(c.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(free("USDT")).isEqualByComparingTo("10000");
        assertThat(trader.cancel(o.id()).status()).isEqualTo(OrderStatus.CANCELED);
    }

    @Test
    void theStopLossOfAPositionSellsItWhenHit() {
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.02")).withProtection(d("48000"), d("55000")));
        market.push(BTC, "49000");
        assertThat(trader.positions()).hasSize(1);

        market.push(BTC, "47900");

        assertThat(trader.positions()).isEmpty();
        assertThat(free("BTC")).isEqualByComparingTo("0");
        List<Order> sells = trader.orders(List.of(OrderStatus.FILLED), 10).stream()
                .filter(x -> x.side() == Side.SELL)
                .toList();
        assertThat(sells).hasSize(1);
        assertThat(sells.get(0).clientOrderId()).startsWith("x-sl-");
        assertThat(trader.pnlToday()).isNegative();
    }

    @Test
    void theTakeProfitSellsWithAGain() {
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.02")).withProtection(d("48000"), d("55000")));
        market.push(BTC, "55000");
        assertThat(trader.positions()).isEmpty();
        assertThat(trader.pnlToday())
                .isEqualByComparingTo(d("100").subtract(d("1")).subtract(d("1.1")));
    }

    @Test
    void theDailyTradeLimitSurvivesARestartAndResetsAtUtcMidnight() throws Exception {
        trader.close();
        trader = newTrader(RiskLimits.defaults().withMaxDailyTrades(2));
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.001")));
        trader.close();
        trader = newTrader(RiskLimits.defaults().withMaxDailyTrades(2));
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.001")));

        assertThatThrownBy(() -> trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.001"))))
                .isInstanceOfSatisfying(RiskRejectedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("MAX_DAILY_TRADES");
                    assertThat(e.limit()).isEqualTo("2");
                    assertThat(e.value()).isEqualTo("3");
                });

        clock.set(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.001"))).status())
                .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aPositionAboveTheMaximumNotionalIsRejectedWithTheNumbers() {
        assertThatThrownBy(() -> trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.2"))))
                .isInstanceOfSatisfying(RiskRejectedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("MAX_POSITION_SIZE");
                    assertThat(e.limit()).isEqualTo("5000");
                    assertThat(e.value()).isEqualTo("10000");
                });
        assertThat(trader.orders(List.of(), 10)).isEmpty();
    }

    @Test
    void sellingMoreThanHeldIsRejectedByTheBalanceRule() {
        assertThatThrownBy(() -> trader.submit(OrderRequest.market(BTC, Side.SELL, d("0.01"))))
                .isInstanceOfSatisfying(
                        RiskRejectedException.class, e -> assertThat(e.rule()).isEqualTo("BALANCE"));
    }

    @Test
    void theDailyLossLimitStopsBuyingButAllowsSelling() throws Exception {
        trader.close();
        trader = newTrader(RiskLimits.defaults().withMaxPositionSize(d("5000")).withMaxDailyLoss(d("50")));
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.04")));
        market.set(BTC, "48000");
        trader.submit(OrderRequest.market(BTC, Side.SELL, d("0.02")));
        assertThat(trader.pnlToday()).isLessThan(d("-40"));
        market.set(BTC, "47000");
        trader.submit(OrderRequest.market(BTC, Side.SELL, d("0.01")));

        assertThatThrownBy(() -> trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.001"))))
                .isInstanceOfSatisfying(
                        RiskRejectedException.class, e -> assertThat(e.rule()).isEqualTo("MAX_DAILY_LOSS"));
        assertThat(trader.submit(OrderRequest.market(BTC, Side.SELL, d("0.01"))).status())
                .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aRestartResumesAnOpenLimitOrderWhichStillFills() throws Exception {
        Order o = trader.submit(OrderRequest.limit(BTC, Side.BUY, d("0.05"), d("45000")));
        trader.close();
        trader = newTrader(RiskLimits.defaults());
        assertThat(free("USDT"))
                .isEqualByComparingTo(d("10000").subtract(d("2250").multiply(d("1.001"))));

        market.push(BTC, "44000");

        assertThat(trader.order(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(free("BTC")).isEqualByComparingTo("0.05");
    }

    @Test
    void equityCountsHoldingsAtTheLastPrice() {
        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.01")));
        market.set(BTC, "60000");
        assertThat(trader.equity()).isEqualByComparingTo("10099.5");
        assertThat(trader.snapshotEquity()).isEqualByComparingTo("10099.5");
        assertThat(trader.store().equity("paper", Instant.EPOCH, 10)).hasSize(1);
    }

    @Test
    void aBadLimitInConfigurationFailsAtStartNamingTheSetting() {
        assertThatThrownBy(() -> Trader.fromConfig(Config.of(Map.of("MAX_DAILY_TRADES", "0")), market, db.database()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("MAX_DAILY_TRADES"))
                .hasMessageContaining("1..100000");
        assertThatThrownBy(() -> Trader.fromConfig(Config.of(Map.of("RISK_PER_TRADE", "1.5")), market, db.database()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("RISK_PER_TRADE"));
        assertThatThrownBy(() -> Trader.fromConfig(Config.of(Map.of("AUTO_TRADING", "live")), market, db.database()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("AUTO_TRADING"));
        assertThatThrownBy(() -> Trader.fromConfig(Config.of(Map.of("TRADING_VENUE", "kraken")), market, db.database()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("TRADING_VENUE"));
    }

    @Test
    void partialFillsComeOnePiecePerPriceUpdate() throws Exception {
        trader.close();
        trader = Trader.builder()
                .market(market)
                .database(db.database())
                .paper(PaperSettings.defaults().withSlippageBps(0).withPartialFillSize(d("0.01")))
                .risk(RiskLimits.defaults().withMaxPositionSize(d("5000")))
                .clock(clock)
                .build();
        Order o = trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.025")));
        assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(o.filledQuantity()).isEqualByComparingTo("0.01");
        market.push(BTC, "50100");
        market.push(BTC, "50200");
        Order done = trader.order(o.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(trader.store().fillsOf(o.id())).hasSize(3);
        assertThat(done.averagePrice().orElseThrow())
                .isEqualByComparingTo(d("500").add(d("501")).add(d("251")).divide(d("0.025")));
    }

    @Test
    void aMarketBuyIsCheckedAgainstMaxPositionSizeAtTheWorstPriceItMayFillSlippageIncluded() throws Exception {
        trader.close();
        trader = Trader.builder()
                .market(market)
                .database(db.database())
                .risk(RiskLimits.defaults().withMaxPositionSize(d("1000")))
                .paper(PaperSettings.defaults().withSlippageBps(5))
                .clock(clock)
                .build();
        // 0.02 × 50000 = 1000 at the quote, but the fill may reach 50025: 1000.5 > 1000
        assertThatThrownBy(() -> trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.02"))))
                .isInstanceOfSatisfying(RiskRejectedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("MAX_POSITION_SIZE");
                    assertThat(e.value()).isEqualTo("1000.5");
                })
                .hasMessageContaining("USDT");
        Order ok = trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.0199")));
        assertThat(ok.averagePrice().orElseThrow().multiply(ok.filledQuantity()))
                .isLessThanOrEqualTo(d("1000"));
    }

    @Test
    void dailyPnlAndTradeCountAreKeptIncrementallyNotReadFromTheStoreOnEverySubmit() throws Exception {
        trader.close();
        java.util.concurrent.atomic.AtomicInteger fillReads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger countReads = new java.util.concurrent.atomic.AtomicInteger();
        io.cryptogo.trading.store.OrderStore jdbc = new io.cryptogo.trading.store.jdbc.JdbcOrderStore(db.database());
        io.cryptogo.trading.store.OrderStore counting =
                (io.cryptogo.trading.store.OrderStore) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {io.cryptogo.trading.store.OrderStore.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("fills")) {
                                fillReads.incrementAndGet();
                            } else if (method.getName().equals("countAccepted")) {
                                countReads.incrementAndGet();
                            }
                            try {
                                return method.invoke(jdbc, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        trader = Trader.builder()
                .market(market)
                .database(db.database())
                .store(counting)
                .risk(RiskLimits.defaults().withMaxPositionSize(d("5000")))
                .paper(PaperSettings.defaults().withSlippageBps(0))
                .clock(clock)
                .build();
        assertThat(fillReads.get()).isEqualTo(1);
        assertThat(countReads.get()).isEqualTo(1);

        trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.04")));
        market.set(BTC, "48000");
        trader.submit(OrderRequest.market(BTC, Side.SELL, d("0.02")));
        trader.submit(OrderRequest.market(BTC, Side.SELL, d("0.01")));

        assertThat(fillReads.get()).isEqualTo(1);
        assertThat(countReads.get()).isEqualTo(1);
        // -40 and -20 realised, fees 2 + 0.96 + 0.48
        assertThat(trader.pnlToday()).isEqualByComparingTo("-63.44");
        assertThat(trader.tradesToday()).isEqualTo(3);

        // and a restart restores both from the store
        trader.close();
        trader = newTrader(RiskLimits.defaults());
        assertThat(trader.pnlToday()).isEqualByComparingTo("-63.44");
        assertThat(trader.tradesToday()).isEqualTo(3);
    }

    @Test
    void everyOrderFillAndPositionRecordsTheMarketSourceItWasMadeOn() {
        Order o = trader.submit(OrderRequest.market(BTC, Side.BUY, d("0.01")));

        assertThat(trader.source()).isEqualTo("simulated");
        assertThat(trader.store().byId(o.id()).orElseThrow().source()).isEqualTo("simulated");
        assertThat(trader.store().fillsOf(o.id()))
                .singleElement()
                .satisfies(f -> assertThat(f.source()).isEqualTo("simulated"));
        assertThat(trader.store().positions("paper"))
                .singleElement()
                .satisfies(p -> assertThat(p.source()).isEqualTo("simulated"));
    }

    @Test
    void fromConfigRefusesALiveVenueOnASimulatedMarketNamingTheSettingsAndTheWayOut() {
        assertThatThrownBy(
                        () -> Trader.fromConfig(Config.of(Map.of("TRADING_VENUE", "binance")), market, db.database()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("TRADING_VENUE"))
                .hasMessageContaining("simulated prices never reach a live venue")
                .hasMessageContaining("EXCHANGE=binance")
                .hasMessageContaining("TRADING_VENUE=paper");
        assertThatThrownBy(() -> Trader.fromConfig(Config.of(Map.of("AUTO_TRADING", "live")), market, db.database()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("AUTO_TRADING"))
                .hasMessageContaining("simulated prices never reach a live venue");
    }

    @Test
    void traderOnACryptoGoTakesItsConfigurationMarketAndDatabase() throws Exception {
        trader.close();
        io.cryptogo.CryptoGo cg = io.cryptogo.CryptoGo.builder()
                .config(Config.of(Map.of("MAX_DAILY_TRADES", "1", "PAPER_SLIPPAGE_BPS", "0")))
                .market(market)
                .database(db.database())
                .build();
        trader = Trader.on(cg);
        assertThat(trader.submit(OrderRequest.market("BTC/USDT", Side.BUY, "0.001"))
                        .status())
                .isEqualTo(OrderStatus.FILLED);
        assertThatThrownBy(() -> trader.submit(OrderRequest.market("BTC/USDT", Side.BUY, "0.001")))
                .isInstanceOfSatisfying(
                        RiskRejectedException.class, e -> assertThat(e.rule()).isEqualTo("MAX_DAILY_TRADES"));
    }
}
