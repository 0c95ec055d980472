package io.cryptogo.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.parse.ValidationRules;
import io.cryptogo.ai.testing.Inputs;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.model.TradeSignal.Action;
import io.cryptogo.testing.SharedData;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleSignalGeneratorTest {
    private static final Symbol BTC = Symbol.parse("BTC/USDT");

    private final RuleSignalGenerator rules = RuleSignalGenerator.builder().build();

    @Test
    void anUpTrendWithRisingMomentumBuysWithAtrLevels() {
        TradeSignal s = rules.generate(Inputs.btc());

        assertThat(s.action()).isEqualTo(Action.BUY);
        assertThat(s.generator()).isEqualTo("rules");
        assertThat(s.abstained()).isFalse();
        assertThat(s.stopLoss()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("112497.5"));
        assertThat(s.takeProfit()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("115422.5"));
        assertThat(s.rewardRisk()).isEqualTo(2.0);
        // gap 655.4 / ATR 650 > 1 → 0.5 + 0.4
        assertThat(s.confidence()).isEqualTo(0.9);
        assertThat(s.reasoning()).startsWith("rules: up trend").contains("4h EMA20 111283 > EMA50 110628");
    }

    @Test
    void aDownTrendWithFallingMomentumSells() {
        SignalInput up = Inputs.btc();
        SignalInput down = new SignalInput(
                up.symbol(),
                up.interval(),
                up.contextInterval(),
                up.candleTime(),
                up.asOf(),
                100_000,
                100_200,
                -50,
                40,
                List.of(-10.0, -30.0, -50.0),
                101_000,
                102_000,
                800,
                SignalInput.Rendering.of("t", "t", "{}"));
        // spot: the SELL closes the long that is held, and carries no levels
        TradeSignal s = rules.generate(down.withHolding(Holding.of("0.01", "98000")));

        assertThat(s.action()).isEqualTo(Action.SELL);
        assertThat(s.stopLoss()).isEmpty();
        assertThat(s.takeProfit()).isEmpty();
        assertThat(s.entry()).isEqualByComparingTo("100000");
        assertThat(s.abstained()).isFalse();
        assertThat(s.reasoning()).startsWith("rules: down trend").contains("sell the long");

        // with nothing held the same picture is a HOLD that says why, journaled, not thrown
        DecisionStore journal = DecisionStore.inMemory();
        Decision flat = RuleSignalGenerator.builder().store(journal).build().decide(down);
        assertThat(flat.signal().action()).isEqualTo(Action.HOLD);
        assertThat(flat.signal().abstained()).isFalse();
        assertThat(flat.signal().stopLoss()).isEmpty();
        assertThat(flat.signal().reasoning()).startsWith("no position to sell").contains("rules: down trend");
        assertThat(journal.find(flat.id().orElseThrow())).contains(flat);
    }

    @Test
    void mixedSignalsHold() {
        SignalInput up = Inputs.btc();
        SignalInput mixed = new SignalInput(
                up.symbol(),
                up.interval(),
                up.contextInterval(),
                up.candleTime(),
                up.asOf(),
                113472.5,
                113300,
                64.3,
                82,
                List.of(40.0, 52.0, 64.3),
                111283.1,
                110627.7,
                650,
                SignalInput.Rendering.of("t", "t", "{}"));
        TradeSignal s = rules.generate(mixed);

        assertThat(s.action()).isEqualTo(Action.HOLD);
        assertThat(s.abstained()).isFalse();
        assertThat(s.stopLoss()).isEmpty();
        assertThat(s.reasoning()).contains("no trend-aligned momentum").contains("RSI(7) 82");
    }

    @Test
    void aWarmingUpIndicatorAbstainsInsteadOfGuessing() {
        SignalInput up = Inputs.btc();
        SignalInput nan = new SignalInput(
                up.symbol(),
                up.interval(),
                up.contextInterval(),
                up.candleTime(),
                up.asOf(),
                113472.5,
                113300,
                64.3,
                60,
                List.of(40.0, 64.3),
                111283.1,
                Double.NaN,
                650,
                SignalInput.Rendering.of("t", "t", "{}"));
        TradeSignal s = rules.generate(nan);

        assertThat(s.abstained()).isTrue();
        assertThat(s.reasoning()).contains("warming up");
    }

    @Test
    void levelsFollowAStricterConfiguredMinimumRewardRisk() {
        RuleSignalGenerator strict = RuleSignalGenerator.builder()
                .rules(ValidationRules.DEFAULTS.withMinRewardRisk(3.0))
                .build();
        assertThat(strict.generate(Inputs.btc()).rewardRisk()).isEqualTo(3.0);
    }

    @Test
    void everyDecisionIsJournaledAsRules() {
        DecisionStore store = DecisionStore.inMemory();
        Decision d = RuleSignalGenerator.builder().store(store).build().decide(Inputs.btc());

        assertThat(d.id()).isPresent();
        assertThat(d.templateVersion()).isEqualTo("rules/v1");
        assertThat(d.prompt()).isEmpty();
        assertThat(d.costUsd()).hasValueSatisfying(c -> assertThat(c).isZero());
        assertThat(store.find(d.id().get())).contains(d);
    }

    @Test
    void onYearsOfRealBtcCandlesSignalsAreWellFormedAndNeitherAlwaysNorNeverTrade() throws Exception {
        List<Candle> h1 = load(SharedData.require("candles/bamboo-ta_binance_BTC_USDT-1h.json"), Interval.H1);
        List<Candle> h4 = load(SharedData.require("candles/bamboo-ta_binance_BTC_USDT-4h.json"), Interval.H4);
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        SignalValidator check = new SignalValidator();
        int decisions = 0;
        int ctxEnd = 0;
        // every 71st hour (about three days, at every hour of the day in turn) over 2017-2025, each with 300
        // hourly and 300 four-hour candles behind it
        for (int i = 2000; i < h1.size(); i += 71) {
            Candle last = h1.get(i);
            Instant asOf = last.closeTime();
            while (ctxEnd < h4.size() && !h4.get(ctxEnd).closeTime().isAfter(asOf)) {
                ctxEnd++;
            }
            if (ctxEnd < 300) {
                continue;
            }
            // closed context candles only: the file's 4h candles hold hours after asOf
            MarketSnapshot snap = MarketSnapshot.fromCandles(
                    BTC, h1.subList(i - 299, i + 1), h4.subList(ctxEnd - 300, ctxEnd), Optional.empty(), 10, asOf);
            // holding some BTC, so that a SELL (spot: it closes or reduces the long) stays a SELL
            TradeSignal s = rules.decide(
                            SignalInput.of(snap, Holding.of("0.5", last.close().toPlainString())))
                    .signal();
            decisions++;
            counts.merge(s.action(), 1, Integer::sum);
            assertThat(s.generator()).isEqualTo("rules");
            assertThat(s.abstained())
                    .as("abstained at %s: %s", asOf, s.reasoning())
                    .isFalse();
            assertThat(s.candleTime()).isEqualTo(last.openTime());
            assertThat(s.entry().doubleValue())
                    .isCloseTo(
                            last.close().doubleValue(),
                            org.assertj.core.data.Offset.offset(
                                    1e-6 * last.close().doubleValue()));
            assertThat(check.wellFormed(s, snap.contextAtr14()))
                    .as("at %s", asOf)
                    .isEmpty();
        }
        int trades = counts.getOrDefault(Action.BUY, 0) + counts.getOrDefault(Action.SELL, 0);
        assertThat(decisions).isGreaterThan(850);
        assertThat(counts.get(Action.BUY)).isPositive();
        assertThat(counts.get(Action.SELL)).isPositive();
        assertThat(trades).as("trades %s of %s", counts, decisions).isBetween(decisions / 50, decisions * 6 / 10);
    }

    /** The validator's view of a finished signal. */
    private static final class SignalValidator {
        private final io.cryptogo.ai.parse.SignalValidator v =
                new io.cryptogo.ai.parse.SignalValidator(ValidationRules.DEFAULTS);

        List<String> wellFormed(TradeSignal s, double atr) {
            var a = new io.cryptogo.ai.parse.ModelAnswer(
                    s.action(),
                    s.confidence(),
                    s.action() == Action.HOLD ? Optional.empty() : Optional.of(s.entry()),
                    s.stopLoss(),
                    s.takeProfit(),
                    s.reasoning());
            return v.check(a, s.entry().doubleValue(), atr);
        }
    }

    static List<Candle> load(Path file, Interval interval) throws Exception {
        JsonNode rows = new ObjectMapper().readTree(file.toFile());
        List<Candle> out = new ArrayList<>(rows.size());
        for (JsonNode r : rows) {
            BigDecimal o = BigDecimal.valueOf(r.get(1).asDouble());
            BigDecimal h = BigDecimal.valueOf(r.get(2).asDouble());
            BigDecimal l = BigDecimal.valueOf(r.get(3).asDouble());
            BigDecimal c = BigDecimal.valueOf(r.get(4).asDouble());
            BigDecimal v = BigDecimal.valueOf(r.get(5).asDouble());
            out.add(Candle.of(
                    BTC, interval, Instant.ofEpochMilli(r.get(0).asLong()), o, h, l, c, v, v.multiply(c), 0, true));
        }
        return out;
    }
}
