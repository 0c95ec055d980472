package io.cryptogo.ai;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.parse.ModelAnswer;
import io.cryptogo.ai.parse.SignalValidator;
import io.cryptogo.ai.parse.ValidationRules;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.model.TradeSignal.Action;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Deterministic rules on the snapshot, labelled {@value #LABEL} wherever a decision shows: the offline
 * default and the baseline an LLM has to beat.
 *
 * <ul>
 *   <li>trend: EMA20 above EMA50 on the context interval (4h) is up, below is down;
 *   <li>momentum with the trend: for BUY the intraday MACD is above 0 and rising, RSI(7) is within 50..75
 *       (strength, not exhaustion) and the price is above the intraday EMA20; SELL is the mirror (MACD below
 *       0 and falling, RSI(7) within 25..50, price below EMA20);
 *   <li>spot: SELL closes or reduces the long that is held ({@link SignalInput#holding()}); with nothing held
 *       it is recorded as a HOLD with the reason "no position to sell";
 *   <li>anything else is HOLD;
 *   <li>BUY levels from the context ATR(14): stop {@code stopAtr} ATR below the entry (1.5, kept inside the
 *       validation band), target at {@code rewardRisk} times the risk (2, at least the configured minimum); a
 *       SELL carries no levels (it exits);
 *   <li>confidence {@code 0.5 + 0.4 * min(1, |EMA20 - EMA50| / ATR)} for BUY/SELL: a wider trend gap is a
 *       clearer trend; HOLD reports 0.5.
 * </ul>
 *
 * <pre>{@code
 * SignalGenerator rules = RuleSignalGenerator.builder().build();
 * TradeSignal s = rules.generate(SignalInput.of(snapshot));
 * }</pre>
 */
public final class RuleSignalGenerator implements SignalGenerator {
    /** The generator label of every rule decision. */
    public static final String LABEL = "rules";
    /** The rule set's version, stored as the decision's template version. */
    public static final String VERSION = "rules/v1";

    private static final MathContext PRICE_DIGITS = new MathContext(8);

    private final double stopAtr;
    private final double rewardRisk;
    private final SignalValidator validator;
    private final Journal journal;
    private final Clock clock;

    private RuleSignalGenerator(Builder b) {
        ValidationRules r = b.rules;
        this.stopAtr = Math.min(Math.max(b.stopAtr, r.minStopAtr()), r.maxStopAtr());
        this.rewardRisk = Math.max(b.rewardRisk, r.minRewardRisk());
        this.validator = new SignalValidator(r);
        this.journal = new Journal(Optional.ofNullable(b.store));
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public Decision decide(SignalInput in) {
        long t0 = System.nanoTime();
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        BigDecimal price = BigDecimal.valueOf(in.price()).round(PRICE_DIGITS);
        TradeSignal signal = Spot.apply(signal(in, price, now), in.holding());
        Decision d = new Decision(
                Optional.empty(),
                signal,
                VERSION,
                Optional.empty(),
                Optional.empty(),
                in.json(),
                Optional.empty(),
                signal.abstained() ? "not checked: " + signal.reasoning() : Decision.OK,
                0,
                0,
                0,
                Duration.ofNanos(System.nanoTime() - t0),
                Optional.of(BigDecimal.ZERO),
                Optional.empty(),
                false,
                Optional.empty(),
                in.marketSource());
        return journal.record(d);
    }

    private TradeSignal signal(SignalInput in, BigDecimal price, Instant now) {
        List<Double> macd = in.macdSeries();
        double atr = in.atr();
        if (!finite(in.ema20(), in.macd(), in.rsi7(), in.contextEma20(), in.contextEma50(), atr)
                || atr <= 0
                || macd.size() < 2
                || !finite(macd.get(macd.size() - 1), macd.get(macd.size() - 2))) {
            return TradeSignal.abstain(
                    in.symbol(),
                    in.interval(),
                    price,
                    "not enough data for the rules (an indicator is still warming up)",
                    LABEL,
                    now,
                    in.candleTime());
        }
        double p = in.price();
        boolean up = in.contextEma20() > in.contextEma50();
        boolean down = in.contextEma20() < in.contextEma50();
        double lastMacd = macd.get(macd.size() - 1);
        double prevMacd = macd.get(macd.size() - 2);
        boolean longMomentum =
                in.macd() > 0 && lastMacd > prevMacd && in.rsi7() >= 50 && in.rsi7() <= 75 && p > in.ema20();
        boolean shortMomentum =
                in.macd() < 0 && lastMacd < prevMacd && in.rsi7() <= 50 && in.rsi7() >= 25 && p < in.ema20();
        String facts = String.format(
                Locale.ROOT,
                "%s EMA20 %s %s EMA50 %s; %s MACD %s (%s), RSI(7) %s, price %s EMA20 %s",
                in.contextInterval(),
                num(in.contextEma20()),
                up ? ">" : down ? "<" : "=",
                num(in.contextEma50()),
                in.interval(),
                num(in.macd()),
                lastMacd > prevMacd ? "rising" : lastMacd < prevMacd ? "falling" : "flat",
                num(in.rsi7()),
                p > in.ema20() ? "above" : p < in.ema20() ? "below" : "at",
                num(in.ema20()));
        Action action = up && longMomentum ? Action.BUY : down && shortMomentum ? Action.SELL : Action.HOLD;
        if (action == Action.HOLD) {
            return TradeSignal.builder(in.symbol(), in.interval(), Action.HOLD)
                    .confidence(0.5)
                    .entry(price)
                    .reasoning("rules: no trend-aligned momentum (" + facts + ")")
                    .generator(LABEL)
                    .decidedAt(now)
                    .candleTime(in.candleTime())
                    .build();
        }
        double confidence =
                Math.round((0.5 + 0.4 * Math.min(1.0, Math.abs(in.contextEma20() - in.contextEma50()) / atr)) * 100)
                        / 100.0;
        if (action == Action.SELL) {
            // spot: the SELL exits the long that is held; nothing is left to protect, so no levels
            return TradeSignal.builder(in.symbol(), in.interval(), Action.SELL)
                    .confidence(confidence)
                    .entry(price)
                    .reasoning("rules: down trend with falling momentum (" + facts + "); sell the long")
                    .generator(LABEL)
                    .decidedAt(now)
                    .candleTime(in.candleTime())
                    .build();
        }
        BigDecimal sl = BigDecimal.valueOf(p - stopAtr * atr).round(PRICE_DIGITS);
        BigDecimal tp = BigDecimal.valueOf(p + stopAtr * rewardRisk * atr).round(PRICE_DIGITS);
        String reasoning = String.format(
                Locale.ROOT,
                "rules: up trend with rising momentum (%s); stop %s ATR, target %s x risk",
                facts,
                num(stopAtr),
                num(rewardRisk));
        ModelAnswer a =
                new ModelAnswer(action, confidence, Optional.of(price), Optional.of(sl), Optional.of(tp), reasoning);
        List<String> complaints = validator.check(a, p, atr);
        if (!complaints.isEmpty()) {
            return TradeSignal.abstain(
                    in.symbol(),
                    in.interval(),
                    price,
                    "rules produced levels the validation rejects: " + String.join("; ", complaints),
                    LABEL,
                    now,
                    in.candleTime());
        }
        return SignalValidator.toSignal(a, in.symbol(), in.interval(), price, LABEL, now, in.candleTime());
    }

    private static boolean finite(double... vs) {
        for (double v : vs) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static String num(double v) {
        return BigDecimal.valueOf(v)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** Builds a {@link RuleSignalGenerator}. */
    public static final class Builder {
        private double stopAtr = 1.5;
        private double rewardRisk = 2.0;
        private ValidationRules rules = ValidationRules.DEFAULTS;
        private DecisionStore store;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Stop distance in ATR (default 1.5; kept inside the validation band). */
        public Builder stopAtr(double v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("stopAtr must be > 0, got " + v);
            }
            this.stopAtr = v;
            return this;
        }

        /** Target distance as a multiple of the risk (default 2; at least the rules' minimum). */
        public Builder rewardRisk(double v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("rewardRisk must be > 0, got " + v);
            }
            this.rewardRisk = v;
            return this;
        }

        public Builder rules(ValidationRules r) {
            this.rules = Objects.requireNonNull(r, "rules");
            return this;
        }

        /** Journal every decision here. */
        public Builder store(DecisionStore s) {
            this.store = s;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public RuleSignalGenerator build() {
            return new RuleSignalGenerator(this);
        }
    }
}
