package io.cryptogo.trading.risk;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskManagerTest {
    RiskManager risk = new RiskManager(RiskLimits.defaults());

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void limitsComeFromConfigurationWithDocumentedDefaults() {
        RiskLimits l = RiskLimits.fromConfig(Config.of(Map.of()));
        assertThat(l.maxPositionSize()).isEqualByComparingTo("1000");
        assertThat(l.maxDailyTrades()).isEqualTo(10);
        assertThat(l.riskPerTrade()).isEqualByComparingTo("0.02");
        assertThat(l.maxDailyLoss()).isEqualByComparingTo("500");
        RiskLimits set = RiskLimits.fromConfig(Config.of(Map.of("MAX_POSITION_SIZE", "250", "MAX_DAILY_LOSS", "20")));
        assertThat(set.maxPositionSize()).isEqualByComparingTo("250");
        assertThat(set.maxDailyLoss()).isEqualByComparingTo("20");
    }

    @Test
    void aLimitOutOfRangeFailsNamingTheSettingAndTheRange() {
        assertThatThrownBy(() -> RiskLimits.fromConfig(Config.of(Map.of("MAX_POSITION_SIZE", "-5"))))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("MAX_POSITION_SIZE"))
                .hasMessageContaining("accepted range");
        assertThatThrownBy(() -> RiskLimits.fromConfig(Config.of(Map.of("MAX_DAILY_LOSS", "abc"))))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("MAX_DAILY_LOSS"));
        assertThatThrownBy(() -> RiskLimits.fromConfig(Config.of(Map.of("RISK_PER_TRADE", "0"))))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("RISK_PER_TRADE"));
    }

    @Test
    void theBalanceCheckIncludesTheFee() {
        OrderRequest r = OrderRequest.market(BTC, Side.BUY, d("0.01"));
        RiskContext exact = new RiskContext(d("500.5"), d("0"), d("0"), 0, d("0"), d("0.001"));
        RiskContext short1 = new RiskContext(d("500.49"), d("0"), d("0"), 0, d("0"), d("0.001"));
        assertThatCode(() -> risk.check(r, d("50000"), exact, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> risk.check(r, d("50000"), short1, false))
                .isInstanceOfSatisfying(RiskRejectedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("BALANCE");
                    assertThat(e.value()).isEqualTo("500.5");
                    assertThat(e.limit()).isEqualTo("500.49");
                });
    }

    @Test
    void theHeldPositionCountsTowardsTheMaximum() {
        OrderRequest r = OrderRequest.market(BTC, Side.BUY, d("0.005"));
        RiskContext holding = new RiskContext(d("5000"), d("0.016"), d("0.016"), 0, d("0"), d("0.001"));
        assertThatThrownBy(() -> risk.check(r, d("50000"), holding, false))
                .isInstanceOfSatisfying(RiskRejectedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("MAX_POSITION_SIZE");
                    assertThat(e.value()).isEqualTo("1050");
                });
    }

    @Test
    void protectiveExitsPassTheDailyLimitsButNotTheBalance() {
        RiskContext exhausted = new RiskContext(d("0"), d("0.01"), d("0.01"), 99, d("-10000"), d("0.001"));
        assertThatCode(() -> risk.check(OrderRequest.market(BTC, Side.SELL, d("0.01")), d("50000"), exhausted, true))
                .doesNotThrowAnyException();
        assertThatThrownBy(
                        () -> risk.check(OrderRequest.market(BTC, Side.SELL, d("0.02")), d("50000"), exhausted, true))
                .isInstanceOfSatisfying(
                        RiskRejectedException.class, e -> assertThat(e.rule()).isEqualTo("BALANCE"));
    }

    @Test
    void positionSizeFollowsEquityTimesRiskOverTheStopDistanceCappedByTheMaximum() {
        // 10000 × 0.02 / 1000 = 0.2 BTC, but 1000 USDT max at 50000 = 0.02 BTC
        assertThat(risk.positionSize(d("10000"), d("50000"), d("49000"), d("50000")))
                .isEqualByComparingTo("0.02");
        RiskManager big = new RiskManager(RiskLimits.defaults().withMaxPositionSize(d("100000")));
        assertThat(big.positionSize(d("10000"), d("50000"), d("49000"), d("50000")))
                .isEqualByComparingTo("0.2");
        assertThatThrownBy(() -> risk.positionSize(d("10000"), d("50000"), d("50000"), d("50000")))
                .isInstanceOf(RiskRejectedException.class);
    }
}
