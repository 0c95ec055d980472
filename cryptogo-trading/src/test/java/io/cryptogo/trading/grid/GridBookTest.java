package io.cryptogo.trading.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GridBookTest {
    static final BigDecimal STEP = new BigDecimal("0.00001");

    static GridBook book(GridSettings s, String price) {
        return new GridBook(
                "t1",
                s,
                GridPlan.plan(s, GridPlanTest.INFO, new BigDecimal(price), Optional.empty(), Optional.empty()),
                STEP);
    }

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    static GridAction.Place place(List<GridAction> actions, int level) {
        return actions.stream()
                .filter(a -> a instanceof GridAction.Place p && p.level() == level)
                .map(a -> (GridAction.Place) a)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no place for level " + level + " in " + actions));
    }

    @Test
    void levelsBelowThePriceBuyAndLevelsAboveWait() {
        GridBook b = book(GridPlanTest.grid().build(), "65000");
        List<GridAction> a = b.onPrice(d("65000"));
        assertThat(a).hasSize(3).allMatch(x -> x instanceof GridAction.Place p && p.side() == Side.BUY);
        assertThat(place(a, 2).price()).isEqualByComparingTo("64000");
        assertThat(place(a, 2).clientOrderId()).isEqualTo("gt1-2-1b");
        assertThat(b.levels())
                .extracting(LevelView::state)
                .containsExactly(
                        LevelState.BUY_PLACED,
                        LevelState.BUY_PLACED,
                        LevelState.BUY_PLACED,
                        LevelState.NOT_ACTIVE,
                        LevelState.NOT_ACTIVE);
    }

    @Test
    void aFilledBuySellsOneStepUpAndACompletedPairBooksItsProfitThenBuysAgain() {
        GridBook b = book(GridPlanTest.grid().build(), "65000");
        b.onPrice(d("65000"));
        BigDecimal q = d("0.00312"); // 200 / 64000 on the step
        List<GridAction> afterBuy = b.onFill("gt1-2-1b", q, d("64000"), d("0.19968"), BigDecimal.ZERO);
        GridAction.Place sell = place(afterBuy, 2);
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.price()).isEqualByComparingTo("66000");
        assertThat(sell.quantity()).isEqualByComparingTo(q);
        assertThat(b.levels().get(2).state()).isEqualTo(LevelState.SELL_PLACED);

        b.onPrice(d("66500"));
        b.onFill(sell.clientOrderId(), q, d("66000"), d("0.20592"), BigDecimal.ZERO);
        GridMetrics m = b.metrics(d("66500"), Duration.ofDays(1));
        // 0.00312 * 2000 - 0.19968 - 0.20592
        assertThat(m.gridProfit()).isEqualByComparingTo("5.83440");
        assertThat(m.matchedPairs()).isEqualTo(1);
        assertThat(m.fees()).isEqualByComparingTo("0.40560");
        assertThat(b.levels().get(2).completedPairs()).isEqualTo(1);
        // the level is below the price again: it buys with a new id
        assertThat(b.levels().get(2).state()).isEqualTo(LevelState.BUY_PLACED);
        assertThat(b.levels().get(2).openClientOrderId()).contains("gt1-2-3b");
    }

    @Test
    void atMostMaxOpenOrdersRestNearestThePriceFirstAndAFartherOneIsCancelledForANearerOne() {
        GridBook b = book(GridPlanTest.grid().maxOpenOrders(2).build(), "65000");
        List<GridAction> a = b.onPrice(d("65000"));
        assertThat(a).extracting(x -> ((GridAction.Place) x).level()).containsExactly(2, 1);
        // price rises above 66000: level 3 (buy 66000) is now the nearest; level 1 is the farthest
        List<GridAction> up = b.onPrice(d("66100"));
        assertThat(up).hasSize(2);
        assertThat(up.get(0)).isEqualTo(new GridAction.Cancel(1, "gt1-1-1b"));
        assertThat(place(up, 3).price()).isEqualByComparingTo("66000");
        assertThat(b.openOrders()).containsOnlyKeys(2, 3);
    }

    @Test
    void aRejectionPausesTheLevelWithTheReasonUntilResumed() {
        GridBook b = book(GridPlanTest.grid().build(), "65000");
        b.onPrice(d("65000"));
        b.onClosed("gt1-0-1b", true, "MAX_DAILY_TRADES: 10 of 10 used");
        LevelView l = b.levels().get(0);
        assertThat(l.state()).isEqualTo(LevelState.PAUSED);
        assertThat(l.pausedReason()).contains("MAX_DAILY_TRADES: 10 of 10 used");
        assertThat(b.onPrice(d("65001"))).isEmpty();
        assertThat(place(b.resume(0), 0).clientOrderId()).isEqualTo("gt1-0-2b");
    }

    @Test
    void theTriggerStartsTheGridWhenThePriceCrossesIt() {
        GridBook b = book(GridPlanTest.grid().trigger("66000").build(), "67000");
        assertThat(b.onPrice(d("67000"))).isEmpty();
        assertThat(b.onPrice(d("66500"))).isEmpty();
        assertThat(b.status()).isEqualTo(GridBook.Status.WAITING);
        assertThat(b.onPrice(d("65900"))).hasSize(3);
        assertThat(b.status()).isEqualTo(GridBook.Status.RUNNING);
    }

    @Test
    void theStopLossCancelsEveryOrderAndSellsTheBaseWhenAsked() {
        GridBook b =
                book(GridPlanTest.grid().stopLoss("59000").sellAllOnStop(true).build(), "65000");
        b.onPrice(d("65000"));
        b.onFill("gt1-2-1b", d("0.00312"), d("64000"), d("0.19968"), BigDecimal.ZERO);
        List<GridAction> stop = b.onPrice(d("58900"));
        assertThat(stop).filteredOn(x -> x instanceof GridAction.Cancel).hasSize(3);
        assertThat(stop)
                .filteredOn(x -> x instanceof GridAction.SellAll)
                .singleElement()
                .isEqualTo(new GridAction.SellAll(d("0.00312"), "gt1-all-1"));
        assertThat(b.status()).isEqualTo(GridBook.Status.STOPPED);
        assertThat(b.stopReason()).contains(GridBook.StopReason.STOP_LOSS);
        b.onFill("gt1-all-1", d("0.00312"), d("58900"), d("0.18377"), BigDecimal.ZERO);
        GridMetrics m = b.metrics(d("58900"), Duration.ofHours(1));
        assertThat(m.baseHeld()).isZero();
        // bought 0.00312 at 64000 and sold at 58900, both fees paid
        assertThat(m.totalPnl())
                .isEqualByComparingTo(
                        d("0.00312").multiply(d("-5100")).subtract(d("0.19968")).subtract(d("0.18377")));
        assertThat(b.onPrice(d("65000"))).isEmpty();
    }

    @Test
    void floatingPnlAndBreakEvenFollowTheBaseHeld() {
        GridBook b = book(GridPlanTest.grid().build(), "65000");
        b.onPrice(d("65000"));
        b.onFill("gt1-2-1b", d("0.00312"), d("64000"), d("0.2"), BigDecimal.ZERO);
        GridMetrics m = b.metrics(d("63000"), Duration.ofDays(2));
        assertThat(m.gridProfit()).isZero();
        assertThat(m.floatingPnl())
                .isEqualByComparingTo(d("0.00312").multiply(d("-1000")).subtract(d("0.2")));
        // (0.00312 * 64000 + 0.2) / 0.00312
        assertThat(m.breakEven().orElseThrow().doubleValue())
                .isCloseTo(64064.1026, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(m.apr()).isZero();
    }

    @Test
    void aFeeTakenInTheBaseAssetShrinksTheSell() {
        GridBook b = book(GridPlanTest.grid().build(), "65000");
        b.onPrice(d("65000"));
        GridAction.Place sell =
                place(b.onFill("gt1-2-1b", d("0.00312"), d("64000"), BigDecimal.ZERO, d("0.00000312")), 2);
        assertThat(sell.quantity()).isEqualByComparingTo("0.00311");
    }

    @Test
    void theStateSurvivesAJsonRoundTrip() {
        GridBook b = book(GridPlanTest.grid().stopLoss("50000").build(), "65000");
        b.onPrice(d("65000"));
        b.onFill("gt1-2-1b", d("0.00312"), d("64000"), d("0.19968"), BigDecimal.ZERO);
        b.onClosed("gt1-0-1b", true, "no");
        GridBook r = GridBook.restore(b.toJson());
        assertThat(r.toJson()).isEqualTo(b.toJson());
        assertThat(r.levels()).isEqualTo(b.levels());
        assertThat(r.settings()).isEqualTo(b.settings());
        assertThat(r.metrics(d("65000"), Duration.ofDays(1))).isEqualTo(b.metrics(d("65000"), Duration.ofDays(1)));
        // a fill reported to the restored book completes the pair exactly as the original would
        assertThat(r.onFill("gt1-2-2s", d("0.00312"), d("66000"), d("0.2"), BigDecimal.ZERO))
                .isEqualTo(b.onFill("gt1-2-2s", d("0.00312"), d("66000"), d("0.2"), BigDecimal.ZERO));
    }

    @Test
    void idsOfOtherGridsAndGarbageAreIgnored() {
        GridBook b = book(GridPlanTest.grid().build(), "65000");
        b.onPrice(d("65000"));
        assertThat(b.onFill("gt2-2-1b", d("1"), d("1"), BigDecimal.ZERO, BigDecimal.ZERO))
                .isEmpty();
        assertThat(b.onFill("gt1-99-1b", d("1"), d("1"), BigDecimal.ZERO, BigDecimal.ZERO))
                .isEmpty();
        assertThat(b.onClosed("gt1-x-1b", true, "")).isEmpty();
        assertThat(b.owns("gt1-2-1b")).isTrue();
        assertThat(b.owns("gt1-2-1x")).isFalse();
        assertThat(b.baseHeld()).isZero();
    }
}
