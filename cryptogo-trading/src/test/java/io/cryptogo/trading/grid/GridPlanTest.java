package io.cryptogo.trading.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GridPlanTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final SymbolInfo INFO = new SymbolInfo(
            BTC,
            "TRADING",
            new BigDecimal("0.01"),
            new BigDecimal("0.00001"),
            new BigDecimal("0.00001"),
            new BigDecimal("5"));

    static GridSettings.Builder grid() {
        return GridSettings.builder("BTC/USDT")
                .lower("60000")
                .upper("70000")
                .levels(5)
                .investment("1000");
    }

    @Test
    void arithmeticPricesHaveEqualGaps() {
        assertThat(GridPlan.prices(grid().build(), INFO.tickSize()))
                .extracting(BigDecimal::toPlainString)
                .containsExactly("60000.00", "62000.00", "64000.00", "66000.00", "68000.00", "70000.00");
    }

    @Test
    void geometricPricesHaveEqualRatiosOnTheTick() {
        List<BigDecimal> p = GridPlan.prices(
                grid().geometric().levels(4).lower("10000").upper("160000").build(), INFO.tickSize());
        assertThat(p)
                .extracting(BigDecimal::toPlainString)
                .containsExactly("10000.00", "20000.00", "40000.00", "80000.00", "160000.00");
    }

    @Test
    void eachLevelBuysAnEqualShareOfTheInvestmentOnTheStepAndSellsOneStepUp() {
        List<LevelPlan> levels =
                GridPlan.plan(grid().build(), INFO, new BigDecimal("65000"), Optional.empty(), Optional.empty());
        assertThat(levels).hasSize(5);
        assertThat(levels.get(0).buyPrice()).isEqualByComparingTo("60000");
        assertThat(levels.get(0).sellPrice()).isEqualByComparingTo("62000");
        // 200 USDT / 60000 = 0.0033333.. -> 0.00333 on the step
        assertThat(levels.get(0).quantity()).isEqualByComparingTo("0.00333");
        assertThat(levels.get(4).quantity()).isEqualByComparingTo("0.00294");
        for (int i = 0; i + 1 < levels.size(); i++) {
            assertThat(levels.get(i).sellPrice())
                    .isEqualByComparingTo(levels.get(i + 1).buyPrice());
        }
    }

    @Test
    void levelsCloserThanTheTickAreRefusedWithTheNumbers() {
        SymbolInfo coarse = new SymbolInfo(
                BTC,
                "TRADING",
                new BigDecimal("10"),
                new BigDecimal("0.00001"),
                new BigDecimal("0.00001"),
                new BigDecimal("5"));
        assertThatThrownBy(() -> GridPlan.plan(
                        grid().lower("60000").upper("60500").levels(100).build(),
                        coarse,
                        new BigDecimal("60200"),
                        Optional.empty(),
                        Optional.empty()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("closer than the tick size 10")
                .hasMessageContaining("at most 50");
    }

    @Test
    void aLevelBelowTheMinimumNotionalIsRefusedWithTheNumbers() {
        assertThatThrownBy(() -> GridPlan.plan(
                        grid().investment("20").build(),
                        INFO,
                        new BigDecimal("65000"),
                        Optional.empty(),
                        Optional.empty()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("investment")
                .hasMessageContaining("minimum notional 5")
                .hasMessageContaining("invest at least 25.25");
    }

    @Test
    void aRangeWithoutThePriceNeedsATrigger() {
        assertThatThrownBy(() -> GridPlan.plan(
                        grid().build(), INFO, new BigDecimal("71000"), Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("does not contain the price 71000");
        assertThat(GridPlan.plan(
                        grid().trigger("69000").build(),
                        INFO,
                        new BigDecimal("71000"),
                        Optional.empty(),
                        Optional.empty()))
                .hasSize(5);
    }

    @Test
    void anInvestmentAboveTheRiskLimitOrTheFreeBalanceIsRefused() {
        assertThatThrownBy(() -> GridPlan.plan(
                        grid().build(),
                        INFO,
                        new BigDecimal("65000"),
                        Optional.of(new BigDecimal("500")),
                        Optional.empty()))
                .hasMessageContaining("above what the risk limits allow for one symbol (500 USDT)");
        assertThatThrownBy(() -> GridPlan.plan(
                        grid().build(),
                        INFO,
                        new BigDecimal("65000"),
                        Optional.empty(),
                        Optional.of(new BigDecimal("999.99"))))
                .hasMessageContaining("above the free balance 999.99 USDT");
    }

    @Test
    void settingsNameTheBadField() {
        assertThatThrownBy(() -> grid().levels(1).build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("levels (grids) must be 2 to 500, got 1");
        assertThatThrownBy(() -> grid().upper("59000").build()).hasMessageContaining("upper must be above lower");
        assertThatThrownBy(() -> grid().stopLoss("61000").build()).hasMessageContaining("stopLoss must be below lower");
        assertThatThrownBy(() -> grid().takeProfit("69000").build())
                .hasMessageContaining("takeProfit must be above upper");
        assertThatThrownBy(() -> grid().investment("1e999999").build()).hasMessageContaining("plain positive decimal");
        assertThatThrownBy(() -> GridSettings.builder("BTC/USDT")
                        .upper("70000")
                        .levels(5)
                        .investment("1")
                        .build())
                .hasMessageContaining("lower is required");
    }
}
