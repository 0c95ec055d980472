package io.cryptogo.examples.trading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cryptogo.examples.app.Json;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.mode.Proposal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON of the trading values the REST API answers with ({@code Order}, {@code Proposal}) and of a {@code
 * TradeSignal}, a {@code Fill}, a {@code Stats24h}, a {@code Candle} and a {@code Position}, pinned field by field and in order: the wire format clients read, whatever the Java shape of the
 * value (record or class). Both the app's mapper and a plain embedder's mapper (JDK 8 and java.time modules).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ValueJsonTest {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    static final Instant T1 = T0.plusSeconds(60);

    static Order order() {
        OrderRequest r = OrderRequest.limit("BTC/USDT", Side.BUY, "0.0010", "65000.10")
                .withProtection(new BigDecimal("64000"), new BigDecimal("67000.5"))
                .withClientOrderId("c-1");
        Order o = Order.from(r, "acct-1", "simulated", T0).withId(7);
        return o.withReport(
                new ExecutionReport(
                        "c-1",
                        Optional.of("x-9"),
                        OrderStatus.PARTIALLY_FILLED,
                        new BigDecimal("0.0004"),
                        Optional.of(new BigDecimal("65000.00")),
                        new BigDecimal("0.01"),
                        Optional.empty(),
                        List.of(),
                        Optional.empty()),
                T1);
    }

    static Proposal proposal() {
        return Proposal.builder()
                .id("p-1")
                .accountId("acct-1")
                .symbol(Symbol.parse("BTC/USDT"))
                .side(Side.BUY)
                .quantity(new BigDecimal("0.002"))
                .entry(new BigDecimal("65000"))
                .stopLoss(new BigDecimal("64000"))
                .takeProfit(new BigDecimal("67000"))
                .confidence(0.75)
                .generator("rules")
                .reasoning("EMA cross")
                .createdAt(T0)
                .expiresAt(T1)
                .build()
                .decided(Proposal.Status.REJECTED, "not now", null, T1);
    }

    static TradeSignal signal() {
        return TradeSignal.builder(Symbol.parse("BTC/USDT"), Interval.H1, TradeSignal.Action.BUY)
                .confidence(0.7)
                .entry(new BigDecimal("65000"))
                .stopLoss(new BigDecimal("64000"))
                .takeProfit(new BigDecimal("67000"))
                .reasoning("up")
                .generator("rules")
                .decidedAt(T1)
                .candleTime(T0)
                .build();
    }

    static Stats24h stats() {
        return Stats24h.builder()
                .symbol(Symbol.parse("BTC/USDT"))
                .open(new BigDecimal("64000.0"))
                .high(new BigDecimal("66000"))
                .low(new BigDecimal("63500"))
                .last(new BigDecimal("65000.10"))
                .change(new BigDecimal("1000.10"))
                .changePercent(new BigDecimal("1.563"))
                .volume(new BigDecimal("1234.5"))
                .quoteVolume(new BigDecimal("80000000"))
                .openTime(T0)
                .closeTime(T0.plusSeconds(86400))
                .build();
    }

    static Fill fill() {
        return Fill.builder()
                .orderId(7)
                .tradeId("t-1")
                .symbol(Symbol.parse("BTC/USDT"))
                .side(Side.SELL)
                .price(new BigDecimal("65000.10"))
                .quantity(new BigDecimal("0.0010"))
                .fee(new BigDecimal("0.065"))
                .feeAsset("USDT")
                .realizedPnl(new BigDecimal("1.25"))
                .time(T0)
                .build()
                .withSource("simulated");
    }

    static final Instant HOUR = Instant.parse("2026-01-02T03:00:00Z");

    static Candle candle() {
        return Candle.of(
                Symbol.parse("BTC/USDT"),
                Interval.H1,
                HOUR,
                new BigDecimal("65000.10"),
                new BigDecimal("65500"),
                new BigDecimal("64900.5"),
                new BigDecimal("65200.00"),
                new BigDecimal("12.5"),
                new BigDecimal("812000.25"),
                345,
                false);
    }

    /** Flat, then a BUY with a stop loss: every kind of field (an Optional set and one empty, the is-getter). */
    static Position position() {
        Fill buy = Fill.builder()
                .orderId(7)
                .tradeId("t-1")
                .symbol(Symbol.parse("BTC/USDT"))
                .side(Side.BUY)
                .price(new BigDecimal("65000.10"))
                .quantity(new BigDecimal("0.0010"))
                .fee(new BigDecimal("0.065"))
                .feeAsset("USDT")
                .time(HOUR.plusSeconds(60))
                .build();
        return Position.flat("acct-1", Symbol.parse("BTC/USDT"), "simulated", HOUR)
                .apply(buy, Optional.of(new BigDecimal("64000")), Optional.empty())
                .position();
    }

    // captured from the records before they became classes
    static final String CANDLE_PLAIN =
            "{\"symbol\":{\"base\":\"BTC\",\"quote\":\"USDT\"},\"interval\":\"H1\",\"openTime\":1767322800.000000000,\"closeTime\":1767326399.999000000,\"open\":65000.10,\"high\":65500,\"low\":64900.5,\"close\":65200.00,\"volume\":12.5,\"quoteVolume\":812000.25,\"trades\":345,\"closed\":false}";
    static final String CANDLE_APP =
            "{\"symbol\":\"BTC/USDT\",\"interval\":\"1h\",\"openTime\":1767322800000,\"closeTime\":1767326399999,\"open\":65000.10,\"high\":65500,\"low\":64900.5,\"close\":65200.00,\"volume\":12.5,\"quoteVolume\":812000.25,\"trades\":345,\"closed\":false}";
    static final String CANDLE_TEXT =
            "Candle[symbol=BTC/USDT, interval=1h, openTime=2026-01-02T03:00:00Z, closeTime=2026-01-02T03:59:59.999Z, open=65000.10, high=65500, low=64900.5, close=65200.00, volume=12.5, quoteVolume=812000.25, trades=345, closed=false]";
    static final String POSITION_PLAIN =
            "{\"accountId\":\"acct-1\",\"symbol\":{\"base\":\"BTC\",\"quote\":\"USDT\"},\"quantity\":0.0010,\"cost\":65.000100,\"stopLoss\":64000,\"takeProfit\":null,\"realizedPnl\":0,\"fees\":0.065,\"openedAt\":1767322860.000000000,\"updatedAt\":1767322860.000000000,\"source\":\"simulated\",\"open\":true}";
    static final String POSITION_APP =
            "{\"accountId\":\"acct-1\",\"symbol\":\"BTC/USDT\",\"quantity\":0.0010,\"cost\":65.000100,\"stopLoss\":64000,\"takeProfit\":null,\"realizedPnl\":0,\"fees\":0.065,\"openedAt\":1767322860000,\"updatedAt\":1767322860000,\"source\":\"simulated\",\"open\":true}";
    static final String POSITION_TEXT =
            "Position[accountId=acct-1, symbol=BTC/USDT, quantity=0.0010, cost=65.000100, stopLoss=Optional[64000], takeProfit=Optional.empty, realizedPnl=0, fees=0.065, openedAt=2026-01-02T03:01:00Z, updatedAt=2026-01-02T03:01:00Z, source=simulated]";

    static final String FILL_PLAIN =
            "{\"orderId\":7,\"tradeId\":\"t-1\",\"symbol\":{\"base\":\"BTC\",\"quote\":\"USDT\"},\"side\":\"SELL\",\"price\":65000.10,\"quantity\":0.0010,\"fee\":0.065,\"feeAsset\":\"USDT\",\"realizedPnl\":1.25,\"time\":1767323045.000000000,\"source\":\"simulated\"}";
    static final String FILL_APP =
            "{\"orderId\":7,\"tradeId\":\"t-1\",\"symbol\":\"BTC/USDT\",\"side\":\"SELL\",\"price\":65000.10,\"quantity\":0.0010,\"fee\":0.065,\"feeAsset\":\"USDT\",\"realizedPnl\":1.25,\"time\":1767323045000,\"source\":\"simulated\"}";
    static final String FILL_TEXT =
            "Fill[orderId=7, tradeId=t-1, symbol=BTC/USDT, side=SELL, price=65000.10, quantity=0.0010, fee=0.065, feeAsset=USDT, realizedPnl=1.25, time=2026-01-02T03:04:05Z, source=simulated]";

    static final String STATS_PLAIN =
            "{\"symbol\":{\"base\":\"BTC\",\"quote\":\"USDT\"},\"open\":64000.0,\"high\":66000,\"low\":63500,\"last\":65000.10,\"change\":1000.10,\"changePercent\":1.563,\"volume\":1234.5,\"quoteVolume\":80000000,\"openTime\":1767323045.000000000,\"closeTime\":1767409445.000000000}";
    static final String STATS_APP =
            "{\"symbol\":\"BTC/USDT\",\"open\":64000.0,\"high\":66000,\"low\":63500,\"last\":65000.10,\"change\":1000.10,\"changePercent\":1.563,\"volume\":1234.5,\"quoteVolume\":80000000,\"openTime\":1767323045000,\"closeTime\":1767409445000}";
    static final String STATS_TEXT =
            "Stats24h[symbol=BTC/USDT, open=64000.0, high=66000, low=63500, last=65000.10, change=1000.10, changePercent=1.563, volume=1234.5, quoteVolume=80000000, openTime=2026-01-02T03:04:05Z, closeTime=2026-01-03T03:04:05Z]";

    static final String ORDER_APP =
            "{\"id\":7,\"clientOrderId\":\"c-1\",\"accountId\":\"acct-1\",\"exchangeOrderId\":\"x-9\",\"symbol\":\"BTC/USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":0.0010,\"limitPrice\":65000.10,\"stopLoss\":64000,\"takeProfit\":67000.5,\"status\":\"PARTIALLY_FILLED\",\"filledQuantity\":0.0004,\"averagePrice\":65000.00,\"fee\":0.01,\"feeAsset\":\"USDT\",\"reason\":null,\"createdAt\":1767323045000,\"updatedAt\":1767323105000,\"source\":\"simulated\"}";
    static final String PROPOSAL_APP =
            "{\"id\":\"p-1\",\"accountId\":\"acct-1\",\"symbol\":\"BTC/USDT\",\"side\":\"BUY\",\"quantity\":0.002,\"entry\":65000,\"stopLoss\":64000,\"takeProfit\":67000,\"confidence\":0.75,\"generator\":\"rules\",\"reasoning\":\"EMA cross\",\"status\":\"REJECTED\",\"reason\":\"not now\",\"clientOrderId\":null,\"createdAt\":1767323045000,\"expiresAt\":1767323105000,\"decidedAt\":1767323105000}";
    static final String SIGNAL_APP =
            "{\"symbol\":\"BTC/USDT\",\"interval\":\"1h\",\"action\":\"BUY\",\"confidence\":0.7,\"entry\":65000,\"stopLoss\":64000,\"takeProfit\":67000,\"reasoning\":\"up\",\"generator\":\"rules\",\"abstained\":false,\"decidedAt\":1767323105000,\"candleTime\":1767323045000}";
    static final String ORDER_PLAIN =
            "{\"id\":7,\"clientOrderId\":\"c-1\",\"accountId\":\"acct-1\",\"exchangeOrderId\":\"x-9\",\"symbol\":{\"base\":\"BTC\",\"quote\":\"USDT\"},\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":0.0010,\"limitPrice\":65000.10,\"stopLoss\":64000,\"takeProfit\":67000.5,\"status\":\"PARTIALLY_FILLED\",\"filledQuantity\":0.0004,\"averagePrice\":65000.00,\"fee\":0.01,\"feeAsset\":\"USDT\",\"reason\":null,\"createdAt\":1767323045.000000000,\"updatedAt\":1767323105.000000000,\"source\":\"simulated\"}";
    static final String PROPOSAL_PLAIN =
            "{\"id\":\"p-1\",\"accountId\":\"acct-1\",\"symbol\":{\"base\":\"BTC\",\"quote\":\"USDT\"},\"side\":\"BUY\",\"quantity\":0.002,\"entry\":65000,\"stopLoss\":64000,\"takeProfit\":67000,\"confidence\":0.75,\"generator\":\"rules\",\"reasoning\":\"EMA cross\",\"status\":\"REJECTED\",\"reason\":\"not now\",\"clientOrderId\":null,\"createdAt\":1767323045.000000000,\"expiresAt\":1767323105.000000000,\"decidedAt\":1767323105.000000000}";
    static final String SIGNAL_PLAIN =
            "{\"symbol\":{\"base\":\"BTC\",\"quote\":\"USDT\"},\"interval\":\"H1\",\"action\":\"BUY\",\"confidence\":0.7,\"entry\":65000,\"stopLoss\":64000,\"takeProfit\":67000,\"reasoning\":\"up\",\"generator\":\"rules\",\"abstained\":false,\"decidedAt\":1767323105.000000000,\"candleTime\":1767323045.000000000}";

    static final String ORDER_TEXT =
            "Order[id=7, clientOrderId=c-1, accountId=acct-1, exchangeOrderId=Optional[x-9], symbol=BTC/USDT, side=BUY, type=LIMIT, quantity=0.0010, limitPrice=Optional[65000.10], stopLoss=Optional[64000], takeProfit=Optional[67000.5], status=PARTIALLY_FILLED, filledQuantity=0.0004, averagePrice=Optional[65000.00], fee=0.01, feeAsset=USDT, reason=Optional.empty, createdAt=2026-01-02T03:04:05Z, updatedAt=2026-01-02T03:05:05Z, source=simulated]";
    static final String PROPOSAL_TEXT =
            "Proposal[id=p-1, accountId=acct-1, symbol=BTC/USDT, side=BUY, quantity=0.002, entry=65000, stopLoss=64000, takeProfit=67000, confidence=0.75, generator=rules, reasoning=EMA cross, status=REJECTED, reason=Optional[not now], clientOrderId=Optional.empty, createdAt=2026-01-02T03:04:05Z, expiresAt=2026-01-02T03:05:05Z, decidedAt=Optional[2026-01-02T03:05:05Z]]";
    static final String SIGNAL_TEXT =
            "TradeSignal[symbol=BTC/USDT, interval=1h, action=BUY, confidence=0.7, entry=65000, stopLoss=Optional[64000], takeProfit=Optional[67000], reasoning=up, generator=rules, abstained=false, decidedAt=2026-01-02T03:05:05Z, candleTime=2026-01-02T03:04:05Z]";

    static ObjectMapper plain() {
        return new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
    }

    @Test
    void theAppAnswersAnOrderAProposalAndASignalInTheirPinnedWireFormat() throws Exception {
        ObjectMapper app = Json.mapper();
        assertThat(app.writeValueAsString(order())).isEqualTo(ORDER_APP);
        assertThat(app.writeValueAsString(proposal())).isEqualTo(PROPOSAL_APP);
        assertThat(app.writeValueAsString(signal())).isEqualTo(SIGNAL_APP);
        assertThat(app.writeValueAsString(stats())).isEqualTo(STATS_APP);
        assertThat(app.writeValueAsString(fill())).isEqualTo(FILL_APP);
        assertThat(app.writeValueAsString(candle())).isEqualTo(CANDLE_APP);
        assertThat(app.writeValueAsString(position())).isEqualTo(POSITION_APP);
    }

    @Test
    void anEmbeddersPlainMapperWritesTheSameFieldsInTheSameOrder() throws Exception {
        ObjectMapper plain = plain();
        assertThat(plain.writeValueAsString(order())).isEqualTo(ORDER_PLAIN);
        assertThat(plain.writeValueAsString(proposal())).isEqualTo(PROPOSAL_PLAIN);
        assertThat(plain.writeValueAsString(signal())).isEqualTo(SIGNAL_PLAIN);
        assertThat(plain.writeValueAsString(stats())).isEqualTo(STATS_PLAIN);
        assertThat(plain.writeValueAsString(fill())).isEqualTo(FILL_PLAIN);
        assertThat(plain.writeValueAsString(candle())).isEqualTo(CANDLE_PLAIN);
        assertThat(plain.writeValueAsString(position())).isEqualTo(POSITION_PLAIN);
    }

    @Test
    void theValuesPrintAsTheRecordsDid() {
        assertThat(order()).hasToString(ORDER_TEXT);
        assertThat(proposal()).hasToString(PROPOSAL_TEXT);
        assertThat(signal()).hasToString(SIGNAL_TEXT);
        assertThat(stats()).hasToString(STATS_TEXT);
        assertThat(fill()).hasToString(FILL_TEXT);
        assertThat(candle()).hasToString(CANDLE_TEXT);
        assertThat(position()).hasToString(POSITION_TEXT);
    }

    @Test
    void theValuesCompareByValueAndSurviveACopyThroughTheirBuilders() {
        assertThat(order()).isEqualTo(order()).hasSameHashCodeAs(order());
        assertThat(order().toBuilder().build()).isEqualTo(order());
        assertThat(order().withId(8)).isNotEqualTo(order());
        assertThat(proposal()).isEqualTo(proposal()).hasSameHashCodeAs(proposal());
        assertThat(proposal().toBuilder().build()).isEqualTo(proposal());
        assertThat(proposal().toBuilder().confidence(0.5).build()).isNotEqualTo(proposal());
        assertThat(signal()).isEqualTo(signal()).hasSameHashCodeAs(signal());
        assertThat(signal().toBuilder().build()).isEqualTo(signal());
        assertThat(signal().toBuilder().reasoning("other").build()).isNotEqualTo(signal());
        assertThat(stats()).isEqualTo(stats()).hasSameHashCodeAs(stats());
        assertThat(stats().toBuilder().build()).isEqualTo(stats());
        assertThat(stats().toBuilder().last(new BigDecimal("65000.1")).build()).isNotEqualTo(stats());
        assertThat(fill()).isEqualTo(fill()).hasSameHashCodeAs(fill());
        assertThat(fill().withOrderId(8)).isNotEqualTo(fill());
        assertThat(fill().withOrderId(8).withOrderId(7)).isEqualTo(fill());
        assertThat(candle()).isEqualTo(candle()).hasSameHashCodeAs(candle());
        assertThat(candle().toBuilder().build()).isEqualTo(candle());
        assertThat(candle().asClosed()).isNotEqualTo(candle());
        assertThat(candle().toBuilder().closed(true).build()).isEqualTo(candle().asClosed());
        Candle c = candle();
        assertThat(Candle.builder()
                        .symbol(c.symbol())
                        .interval(c.interval())
                        .openTime(c.openTime())
                        .open(c.open())
                        .high(c.high())
                        .low(c.low())
                        .close(c.close())
                        .volume(c.volume())
                        .quoteVolume(c.quoteVolume())
                        .trades(c.trades())
                        .build())
                .as("the builder's default close time is Candle.of's")
                .isEqualTo(c);
        assertThat(position()).isEqualTo(position()).hasSameHashCodeAs(position());
        assertThat(position().toBuilder().build()).isEqualTo(position());
        assertThat(position().withProtection(Optional.empty(), Optional.empty()))
                .isNotEqualTo(position());
    }

    @Test
    void aCandleAndAPositionReadBackFromTheirJson() throws Exception {
        ObjectMapper plain = plain();
        assertThat(plain.readValue(CANDLE_PLAIN, Candle.class)).isEqualTo(candle());
        assertThat(plain.readValue(POSITION_PLAIN, Position.class)).isEqualTo(position());
        assertThat(plain.writeValueAsString(plain.readValue(POSITION_PLAIN, Position.class)))
                .isEqualTo(POSITION_PLAIN);
        // the app's mapper reads decimals through its bounded parser: same values, maybe another scale
        ObjectMapper app = Json.mapper();
        Candle c = app.readValue(CANDLE_APP, Candle.class);
        assertThat(c.openTime()).isEqualTo(candle().openTime());
        assertThat(c.closeTime()).isEqualTo(candle().closeTime());
        assertThat(c.close()).isEqualByComparingTo(candle().close());
        Position p = app.readValue(POSITION_APP, Position.class);
        assertThat(p.stopLoss().orElseThrow()).isEqualByComparingTo("64000");
        assertThat(p.takeProfit()).isEmpty();
        assertThat(p.cost()).isEqualByComparingTo(position().cost());
    }
}
