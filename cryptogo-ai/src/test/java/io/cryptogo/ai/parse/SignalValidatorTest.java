package io.cryptogo.ai.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.model.TradeSignal.Action;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalValidatorTest {
    private final SignalValidator v = new SignalValidator(ValidationRules.DEFAULTS);

    private static ModelAnswer answer(Action a, double conf, String entry, String sl, String tp) {
        return new ModelAnswer(
                a,
                conf,
                Optional.ofNullable(entry).map(BigDecimal::new),
                Optional.ofNullable(sl).map(BigDecimal::new),
                Optional.ofNullable(tp).map(BigDecimal::new),
                "r");
    }

    @Test
    void acceptsAWellFormedBuyAndASellWithoutLevels() {
        assertThat(v.check(answer(Action.BUY, 0.7, "100", "98", "104"), 100, 1)).isEmpty();
        assertThat(v.check(answer(Action.SELL, 0.7, "100", null, null), 100, 1)).isEmpty();
        assertThat(v.check(answer(Action.HOLD, 0.3, null, null, null), 100, 1)).isEmpty();
        var sell = SignalValidator.toSignal(
                answer(Action.SELL, 0.7, "100", null, null),
                io.cryptogo.model.Symbol.parse("BTC/USDT"),
                io.cryptogo.model.Interval.H1,
                new BigDecimal("100"),
                "llm:x/y",
                java.time.Instant.EPOCH,
                java.time.Instant.EPOCH);
        assertThat(sell.action()).isEqualTo(Action.SELL);
        assertThat(sell.stopLoss()).isEmpty();
        assertThat(sell.takeProfit()).isEmpty();
    }

    @Test
    void rejectsAStopOnTheWrongSideOfABuy() {
        assertThat(v.check(answer(Action.BUY, 0.7, "100", "101", "104"), 100, 1))
                .containsExactly(
                        "BUY needs stop_loss < entry < take_profit, got stop_loss=101 entry=100 take_profit=104");
    }

    @Test
    void aSellWithAShortsLevelsIsRejectedBecauseSpotSellClosesALong() {
        assertThat(v.check(answer(Action.SELL, 0.7, "100", "102", "96"), 100, 1))
                .containsExactly("SELL closes or reduces the long position you hold (spot trading: there is no"
                        + " short); it carries no levels: set stop_loss and take_profit to null");
        assertThat(v.check(answer(Action.SELL, 0.7, null, null, null), 100, 1))
                .containsExactly("SELL needs entry (the current price)");
        assertThat(v.check(answer(Action.SELL, 0.7, "90", null, null), 100, 1))
                .singleElement()
                .asString()
                .startsWith("entry 90 is 10.00% away from the last price");
    }

    @Test
    void rejectsAConfidenceOutsideZeroToOne() {
        assertThat(v.check(answer(Action.HOLD, 7, null, null, null), 100, 1))
                .containsExactly("confidence must be a number between 0 and 1, got 7");
        assertThat(v.check(answer(Action.HOLD, -0.1, null, null, null), 100, 1)).hasSize(1);
        assertThat(v.check(answer(Action.HOLD, Double.NaN, null, null, null), 100, 1))
                .hasSize(1);
    }

    @Test
    void rejectsLevelsOnAHold() {
        assertThat(v.check(answer(Action.HOLD, 0.5, "100", "98", null), 100, 1))
                .containsExactly("HOLD must carry no levels: set stop_loss and take_profit to null");
    }

    @Test
    void rejectsMissingLevelsNamingThem() {
        assertThat(v.check(answer(Action.BUY, 0.5, "100", null, null), 100, 1))
                .containsExactly("BUY needs entry, stop_loss and take_profit; missing: stop_loss, take_profit");
    }

    @Test
    void rejectsAStopTooCloseOrTooFarInAtr() {
        assertThat(v.check(answer(Action.BUY, 0.5, "100", "99.9", "104"), 100, 1))
                .singleElement()
                .asString()
                .contains("0.1 ATR")
                .contains("between 0.5 and 4 ATR");
        assertThat(v.check(answer(Action.BUY, 0.5, "100", "90", "120"), 100, 1))
                .singleElement()
                .asString()
                .contains("10 ATR");
    }

    @Test
    void rejectsAPoorRewardRisk() {
        assertThat(v.check(answer(Action.BUY, 0.5, "100", "98", "101"), 100, 1))
                .containsExactly("reward/risk is 0.5 (reward 1, risk 2); it must be at least 1.5");
    }

    @Test
    void rejectsAnEntryFarFromTheLastPrice() {
        assertThat(v.check(answer(Action.BUY, 0.5, "110", "108", "114"), 100, 1))
                .anySatisfy(c -> assertThat(c).contains("entry 110 is 10.00% away from the last price 100"));
    }

    @Test
    void skipsTheAtrBandWhenAtrIsUnknown() {
        assertThat(v.check(answer(Action.BUY, 0.5, "100", "99.9", "104"), 100, Double.NaN))
                .isEmpty();
    }

    @Test
    void readsItsLimitsFromConfigurationAndRejectsAnInvertedBand() {
        ValidationRules r =
                ValidationRules.fromConfig(Config.of(Map.of("AI_MIN_REWARD_RISK", "2", "AI_MAX_STOP_ATR", "3")));
        assertThat(r.minRewardRisk()).isEqualTo(2.0);
        assertThat(r.maxStopAtr()).isEqualTo(3.0);
        assertThatThrownBy(() ->
                        ValidationRules.fromConfig(Config.of(Map.of("AI_MIN_STOP_ATR", "3", "AI_MAX_STOP_ATR", "2"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AI_MIN_STOP_ATR");
    }
}
