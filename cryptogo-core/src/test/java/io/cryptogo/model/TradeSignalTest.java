package io.cryptogo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TradeSignalTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final Instant T = Instant.parse("2024-12-01T05:00:00Z");

    static TradeSignal signal(TradeSignal.Action a, String sl, String tp, double conf) {
        return TradeSignal.builder(BTC, Interval.H1, a)
                .confidence(conf)
                .entry(new BigDecimal("100"))
                .stopLoss(Optional.ofNullable(sl).map(BigDecimal::new))
                .takeProfit(Optional.ofNullable(tp).map(BigDecimal::new))
                .reasoning("why")
                .generator("rules")
                .decidedAt(T)
                .candleTime(T)
                .build();
    }

    @Test
    void acceptsABuyWithItsLevelsAndASellWithout() {
        assertThat(signal(TradeSignal.Action.BUY, "95", "110", 0.6).rewardRisk())
                .isEqualTo(2.0);
        TradeSignal sell = TradeSignal.builder(BTC, Interval.H1, TradeSignal.Action.SELL)
                .entry(new BigDecimal("100"))
                .confidence(0.6)
                .generator("rules")
                .decidedAt(T)
                .candleTime(T)
                .build();
        assertThat(sell.stopLoss()).isEmpty();
        assertThat(sell.rewardRisk()).isZero();
    }

    @Test
    void rejectsStopsOnTheWrongSideOfABuy() {
        assertThatThrownBy(() -> signal(TradeSignal.Action.BUY, "105", "110", 0.6))
                .hasMessageContaining("BUY");
    }

    @Test
    void aSellClosesALongSoItCarriesNoStopLossOrTakeProfit() {
        // spot: the levels of a short (take profit < entry < stop loss) are refused, as is either alone
        assertThatThrownBy(() -> signal(TradeSignal.Action.SELL, "105", "90", 0.6))
                .hasMessageContaining("SELL closes or reduces a long")
                .hasMessageContaining("no stop loss or take profit");
        assertThatThrownBy(() -> signal(TradeSignal.Action.SELL, "105", null, 0.6))
                .hasMessageContaining("SELL");
        assertThatThrownBy(() -> signal(TradeSignal.Action.SELL, null, "90", 0.6))
                .hasMessageContaining("SELL");
    }

    @Test
    void holdCarriesNoLevelsAndConfidenceStaysWithinOne() {
        assertThatThrownBy(() -> signal(TradeSignal.Action.HOLD, "95", null, 0.5))
                .hasMessageContaining("HOLD");
        assertThatThrownBy(() -> signal(TradeSignal.Action.HOLD, null, null, 7)).hasMessageContaining("confidence");
        TradeSignal abstain = TradeSignal.abstain(BTC, Interval.H1, BigDecimal.TEN, "timeout", "llm:openai/x", T, T);
        assertThat(abstain.abstained()).isTrue();
        assertThat(abstain.action()).isEqualTo(TradeSignal.Action.HOLD);
    }
}
