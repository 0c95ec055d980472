package io.cryptogo.trading.risk;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;

class RiskManagerPropertiesTest {
    static final BigDecimal FEE = new BigDecimal("0.001");

    static RiskContext ctx(BigDecimal freeQuote, int trades) {
        return new RiskContext(freeQuote, BigDecimal.ZERO, BigDecimal.ZERO, trades, BigDecimal.ZERO, FEE);
    }

    @Property
    void theDailyTradeLimitIsExactAtTheBoundary(
            @ForAll @IntRange(min = 1, max = 200) int limit, @ForAll @IntRange(min = 0, max = 250) int tradesToday) {
        RiskManager risk = new RiskManager(RiskLimits.defaults().withMaxDailyTrades(limit));
        OrderRequest r = OrderRequest.market(BTC, Side.BUY, new BigDecimal("0.001"));
        if (tradesToday < limit) {
            assertThatCode(() ->
                            risk.check(r, new BigDecimal("50000"), ctx(new BigDecimal("1000"), tradesToday), false))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() ->
                            risk.check(r, new BigDecimal("50000"), ctx(new BigDecimal("1000"), tradesToday), false))
                    .isInstanceOfSatisfying(RiskRejectedException.class, e -> {
                        assertThat(e.rule()).isEqualTo("MAX_DAILY_TRADES");
                        assertThat(e.value()).isEqualTo(String.valueOf(tradesToday + 1));
                    });
        }
    }

    @Property
    void aBuyPassesTheBalanceRuleExactlyWhenFreeFundsCoverNotionalPlusFee(
            @ForAll @IntRange(min = 1, max = 20_000) int qtyMillis,
            @ForAll @BigRange(min = "0", max = "2000") BigDecimal free) {
        RiskManager risk = new RiskManager(RiskLimits.defaults().withMaxPositionSize(new BigDecimal("1000000")));
        BigDecimal qty = BigDecimal.valueOf(qtyMillis, 3);
        BigDecimal price = new BigDecimal("100");
        BigDecimal need = qty.multiply(price).multiply(BigDecimal.ONE.add(FEE));
        OrderRequest r = OrderRequest.market(BTC, Side.BUY, qty);
        if (need.compareTo(free) <= 0) {
            assertThatCode(() -> risk.check(r, price, ctx(free, 0), false)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> risk.check(r, price, ctx(free, 0), false))
                    .isInstanceOfSatisfying(
                            RiskRejectedException.class,
                            e -> assertThat(e.rule()).isIn("BALANCE", "MAX_POSITION_SIZE"));
        }
    }

    @Property
    void positionSizeRisksTheConfiguredFractionAndNeverExceedsTheMaximum(
            @ForAll @BigRange(min = "100", max = "1000000") BigDecimal equity,
            @ForAll @IntRange(min = 1, max = 5000) int stopDistance) {
        RiskManager risk = new RiskManager(RiskLimits.defaults());
        BigDecimal entry = new BigDecimal("50000");
        BigDecimal stop = entry.subtract(BigDecimal.valueOf(stopDistance));
        BigDecimal qty = risk.positionSize(equity, entry, stop, entry);
        assertThat(qty.multiply(entry)).isLessThanOrEqualTo(new BigDecimal("1000"));
        BigDecimal lossAtStop = qty.multiply(BigDecimal.valueOf(stopDistance));
        assertThat(lossAtStop).isLessThanOrEqualTo(equity.multiply(new BigDecimal("0.02")));
    }
}
