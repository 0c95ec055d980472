package io.cryptogo.backtest;

import static io.cryptogo.backtest.TestBars.BTC;
import static io.cryptogo.backtest.TestBars.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FillSemanticsTest {
    private static final double[] FLAT = {100, 101, 99, 100};

    private static Instant hour(int i) {
        return T0.plusSeconds(3600L * i);
    }

    @Test
    void aDecisionOnAClosedBarFillsAtTheNextBarsOpenWithSlippageAndFee() {
        List<Candle> c = TestBars.of(FLAT, new double[] {100, 103, 99, 102}, new double[] {105, 106, 104, 105}, FLAT);
        BacktestResult r = TestBars.offline(c, TestBars.script(1, Intent.buy(1.0), 2, Intent.exit()))
                .run();

        Fill buy = r.fills().get(0);
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.time()).isEqualTo(hour(2));
        assertThat(buy.price()).isEqualByComparingTo("105.05"); // 105 × 1.0005 = 105.0525, tick 0.01
        assertThat(buy.quantity().stripTrailingZeros().scale()).isLessThanOrEqualTo(5); // step 0.00001
        assertThat(buy.fee())
                .isEqualByComparingTo(buy.price().multiply(buy.quantity()).multiply(new BigDecimal("0.001")));
        Fill sell = r.fills().get(1);
        assertThat(sell.time()).isEqualTo(hour(3));
        assertThat(sell.price()).isEqualByComparingTo("99.95"); // 100 × 0.9995
        assertThat(r.trades()).hasSize(1);
        Trade t = r.trades().get(0);
        double expected = sell.quantity().doubleValue() * (99.95 - 105.05)
                - buy.fee().doubleValue()
                - sell.fee().doubleValue();
        assertThat(t.pnl()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void closeOfBarFillingIsOptIn() {
        List<Candle> c = TestBars.of(FLAT, new double[] {100, 103, 99, 102}, new double[] {105, 106, 104, 105}, FLAT);
        BacktestResult r = TestBars.offline(c, TestBars.script(1, Intent.buy(1.0)))
                .fillAtClose()
                .run();
        Fill buy = r.fills().get(0);
        assertThat(buy.price()).isEqualByComparingTo("102.05"); // 102 × 1.0005 = 102.051
        assertThat(buy.time()).isEqualTo(hour(2).minusMillis(1));
    }

    @Test
    void aLimitOrderFillsAtItsPriceWhenTheBarsRangeCrossesIt() {
        List<Candle> c = TestBars.of(
                FLAT,
                FLAT,
                new double[] {100, 101, 96, 97}, // low 96: not crossed
                new double[] {97, 98, 94, 95}, // low 94: crosses 95
                FLAT);
        OrderRequest limit = OrderRequest.limit(BTC, Side.BUY, new BigDecimal("1"), new BigDecimal("95"));
        BacktestResult r =
                TestBars.offline(c, TestBars.script(1, Intent.orders(limit))).run();
        assertThat(r.fills()).hasSize(1);
        assertThat(r.fills().get(0).price()).isEqualByComparingTo("95");
        // matched on the bar's range when it closes: the fill carries the bar's close time
        assertThat(r.fills().get(0).time()).isEqualTo(hour(4).minusMillis(1));
    }

    @Test
    void stopAndTargetInsideOneBarTakeTheStopFirst() {
        List<Candle> c = TestBars.of(FLAT, FLAT, FLAT, new double[] {100, 115, 85, 100}, FLAT);
        BacktestResult r = TestBars.offline(c, TestBars.script(1, Intent.buy(0.5, 90, 110)))
                .run();
        assertThat(r.trades()).hasSize(1);
        Trade t = r.trades().get(0);
        assertThat(t.exit()).isEqualTo("stop-loss");
        assertThat(t.exitPrice())
                .isCloseTo(89.96, org.assertj.core.data.Offset.offset(1e-9)); // 90 × 0.9995 = 89.955 -> tick (half up)
        assertThat(t.exitTime()).isEqualTo(hour(4).minusMillis(1));
    }

    @Test
    void intrabarDetailTakesWhicheverCameFirst() {
        List<Candle> c = TestBars.of(FLAT, FLAT, FLAT, new double[] {100, 115, 85, 100}, FLAT);
        List<Candle> minutes = new ArrayList<>();
        Instant h3 = hour(3);
        minutes.add(TestBars.candle(Interval.M1, h3, 100, 115, 100, 112)); // the target first
        minutes.add(TestBars.candle(Interval.M1, h3.plusSeconds(60), 112, 112, 85, 86));
        for (int m = 2; m < 60; m++) {
            minutes.add(TestBars.candle(Interval.M1, h3.plusSeconds(60L * m), 86, 100, 86, 100));
        }
        BacktestResult r = TestBars.offline(c, TestBars.script(1, Intent.buy(0.5, 90, 110)))
                .detailCandles(minutes)
                .run();
        Trade t = r.trades().get(0);
        assertThat(t.exit()).isEqualTo("take-profit");
        // the target rests like a limit order: it fills at its price, in the minute that reached it
        assertThat(t.exitPrice()).isCloseTo(110, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.exitTime()).isEqualTo(h3.plusSeconds(60).minusMillis(1));
    }

    @Test
    void anOrderBelowTheMinimumNotionalIsRefusedAsLiveAndCounted() {
        List<Candle> c = TestBars.of(FLAT, FLAT, FLAT);
        BacktestResult r = TestBars.offline(c, TestBars.script(0, Intent.buy(1.0)))
                .initialCash("4 USDT")
                .run();
        assertThat(r.fills()).isEmpty();
        assertThat(r.rejections()).containsEntry("INVALID quantity", 1);
    }

    @Test
    void theSameRiskLimitsApplyAndRejectionsAreCountedByRule() {
        List<Candle> c = TestBars.of(FLAT, FLAT, FLAT, FLAT, FLAT, FLAT, FLAT);
        Strategy flip = bar -> bar.inPosition() ? Intent.exit() : Intent.buy(0.5);
        BacktestResult r = TestBars.offline(c, flip)
                .risk(TestBars.WIDE.withMaxDailyTrades(2))
                .run();
        assertThat(r.fills()).hasSize(2);
        assertThat(r.rejections()).containsKey("MAX_DAILY_TRADES");
        assertThat(r.summary().toString()).contains("MAX_DAILY_TRADES");

        BacktestResult capped = TestBars.offline(c, TestBars.script(0, Intent.buy(1.0)))
                .risk(TestBars.WIDE.withMaxPositionSize(new BigDecimal("1000")))
                .run();
        double notional = capped.fills().get(0).price().doubleValue()
                * capped.fills().get(0).quantity().doubleValue();
        assertThat(notional).isLessThanOrEqualTo(1000);
    }

    @Test
    void aStrategySeesOnlyClosedBars() {
        List<Candle> c = TestBars.of(FLAT, FLAT, FLAT);
        Strategy peek = bar -> {
            bar.close(-1);
            return Intent.hold();
        };
        assertThatThrownBy(() -> TestBars.offline(c, peek).run())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("closed bars only");
        List<Candle> withOpen = new ArrayList<>(c);
        Candle last = c.get(2);
        withOpen.add(Candle.of(
                BTC,
                Interval.H1,
                last.nextOpenTime(),
                last.nextOpenTime().plusMillis(3_599_999),
                last.open(),
                last.high(),
                last.low(),
                last.close(),
                last.volume(),
                last.quoteVolume(),
                1,
                false));
        assertThat(TestBars.offline(withOpen, bar -> Intent.hold()).run().bars())
                .isEqualTo(3);
    }
}
