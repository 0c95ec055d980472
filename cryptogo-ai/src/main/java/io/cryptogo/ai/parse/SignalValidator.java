package io.cryptogo.ai.parse;

import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.model.TradeSignal.Action;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a {@link ModelAnswer} against the signal's rules and the {@link ValidationRules}, listing every
 * violation in words that can go back to the model as the complaint. Spot semantics: BUY needs {@code
 * stop_loss < entry < take_profit} within the ATR band and the reward/risk minimum; SELL closes or reduces
 * the long that is held and must carry no levels; HOLD carries none either. An empty list means the answer may
 * become a {@link TradeSignal} ({@link #toSignal}).
 *
 * <pre>{@code
 * List<String> complaints = new SignalValidator(ValidationRules.DEFAULTS).check(answer, lastPrice, atr14);
 * }</pre>
 */
public final class SignalValidator {
    private final ValidationRules rules;

    public SignalValidator(ValidationRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public ValidationRules rules() {
        return rules;
    }

    /**
     * Every broken rule, in order of importance; empty when the answer is acceptable.
     *
     * @param lastPrice the snapshot's last price
     * @param atr the ATR the stop band is measured in (the context interval's ATR14); when not finite or not
     *     positive the band is not checked
     */
    public List<String> check(ModelAnswer a, double lastPrice, double atr) {
        List<String> out = new ArrayList<>();
        if (!(a.confidence() >= 0.0 && a.confidence() <= 1.0)) {
            out.add("confidence must be a number between 0 and 1, got " + fmt(a.confidence()));
        }
        if (a.action() == Action.HOLD) {
            if (a.stopLoss().isPresent() || a.takeProfit().isPresent()) {
                out.add("HOLD must carry no levels: set stop_loss and take_profit to null");
            }
            return out;
        }
        if (a.action() == Action.SELL) {
            // spot: a SELL closes or reduces the long that is held; it opens nothing, so it protects nothing
            if (a.stopLoss().isPresent() || a.takeProfit().isPresent()) {
                out.add("SELL closes or reduces the long position you hold (spot trading: there is no short);"
                        + " it carries no levels: set stop_loss and take_profit to null");
            }
            if (a.entry().isEmpty()) {
                out.add("SELL needs entry (the current price)");
            } else {
                checkEntry(a, lastPrice, out);
            }
            return out;
        }
        List<String> missing = new ArrayList<>();
        if (a.entry().isEmpty()) {
            missing.add("entry");
        }
        if (a.stopLoss().isEmpty()) {
            missing.add("stop_loss");
        }
        if (a.takeProfit().isEmpty()) {
            missing.add("take_profit");
        }
        if (!missing.isEmpty()) {
            out.add(a.action() + " needs entry, stop_loss and take_profit; missing: " + String.join(", ", missing));
            return out;
        }
        double entry = a.entry().get().doubleValue();
        double sl = a.stopLoss().get().doubleValue();
        double tp = a.takeProfit().get().doubleValue();
        boolean ordered = sl < entry && entry < tp;
        if (!ordered) {
            out.add("BUY needs stop_loss < entry < take_profit, got stop_loss=" + plain(a.stopLoss()) + " entry="
                    + plain(a.entry()) + " take_profit=" + plain(a.takeProfit()));
        }
        checkEntry(a, lastPrice, out);
        if (!ordered) {
            return out;
        }
        double risk = Math.abs(entry - sl);
        double reward = Math.abs(tp - entry);
        if (Double.isFinite(atr) && atr > 0) {
            double inAtr = risk / atr;
            if (inAtr < rules.minStopAtr() || inAtr > rules.maxStopAtr()) {
                out.add("the stop distance " + fmt(risk) + " is " + fmt(inAtr) + " ATR (ATR = " + fmt(atr)
                        + "); it must be between " + fmt(rules.minStopAtr()) + " and " + fmt(rules.maxStopAtr())
                        + " ATR, i.e. between " + fmt(rules.minStopAtr() * atr) + " and "
                        + fmt(rules.maxStopAtr() * atr) + " away from the entry");
            }
        }
        double rr = reward / risk;
        if (rr < rules.minRewardRisk()) {
            out.add("reward/risk is " + fmt(rr) + " (reward " + fmt(reward) + ", risk " + fmt(risk)
                    + "); it must be at least " + fmt(rules.minRewardRisk()));
        }
        return out;
    }

    private void checkEntry(ModelAnswer a, double lastPrice, List<String> out) {
        double deviation = Math.abs(a.entry().orElseThrow().doubleValue() - lastPrice) / lastPrice;
        if (deviation > rules.maxEntryDeviation()) {
            out.add("entry " + plain(a.entry()) + " is " + pct(deviation) + " away from the last price "
                    + fmt(lastPrice) + "; it must be within " + pct(rules.maxEntryDeviation()));
        }
    }

    /**
     * The signal an acceptable answer stands for. HOLD takes the last price as its reference entry; BUY keeps
     * the model's entry and levels; SELL (which closes or reduces a long) keeps the entry and carries none.
     *
     * @throws IllegalArgumentException when the answer breaks the signal's invariants (call {@link #check}
     *     first)
     */
    public static TradeSignal toSignal(
            ModelAnswer a,
            Symbol symbol,
            Interval interval,
            BigDecimal lastPrice,
            String generator,
            Instant decidedAt,
            Instant candleTime) {
        if (a.action() == Action.HOLD) {
            return TradeSignal.builder(symbol, interval, Action.HOLD)
                    .confidence(a.confidence())
                    .entry(lastPrice)
                    .reasoning(a.reasoning())
                    .generator(generator)
                    .decidedAt(decidedAt)
                    .candleTime(candleTime)
                    .build();
        }
        return TradeSignal.builder(symbol, interval, a.action())
                .confidence(a.confidence())
                .entry(a.entry().orElseThrow())
                .stopLoss(a.stopLoss())
                .takeProfit(a.takeProfit())
                .reasoning(a.reasoning())
                .generator(generator)
                .decidedAt(decidedAt)
                .candleTime(candleTime)
                .build();
    }

    private static String plain(Optional<BigDecimal> d) {
        return d.map(BigDecimal::toPlainString).orElse("null");
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        BigDecimal d = BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
