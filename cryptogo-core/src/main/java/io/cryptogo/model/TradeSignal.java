package io.cryptogo.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A trading decision for one symbol: BUY, SELL or HOLD with a confidence and the entry reference price.
 * It lives in core so that trading can act on it without depending on the AI module.
 *
 * <p>Spot semantics: BUY opens or adds to a long and carries its protective stop loss and take profit
 * ({@code stopLoss < entry < takeProfit}); SELL closes or reduces the long that is held (it never opens a
 * short) and so carries no stop loss or take profit: there is nothing left to protect; HOLD carries none
 * either. A SELL signal without a position to sell is recorded by the AI module as a HOLD that says so.
 *
 * <p>{@code generator} says who decided ({@code rules} or {@code llm:<provider>/<model>}); {@code
 * abstained} marks a HOLD that was not a decision but a refusal to guess (bad model output, a provider
 * fault), with the reason in {@code reasoning}.
 */
public record TradeSignal(
        Symbol symbol,
        Interval interval,
        Action action,
        double confidence,
        BigDecimal entry,
        Optional<BigDecimal> stopLoss,
        Optional<BigDecimal> takeProfit,
        String reasoning,
        String generator,
        boolean abstained,
        Instant decidedAt,
        Instant candleTime) {

    /** What to do. */
    public enum Action {
        BUY,
        SELL,
        HOLD
    }

    public TradeSignal {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(stopLoss, "stopLoss");
        Objects.requireNonNull(takeProfit, "takeProfit");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(candleTime, "candleTime");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within 0..1, got " + confidence);
        }
        if (entry.signum() <= 0) {
            throw new IllegalArgumentException("entry must be positive, got " + entry);
        }
        if (abstained && action != Action.HOLD) {
            throw new IllegalArgumentException("an abstained signal must be HOLD");
        }
        switch (action) {
            case HOLD -> {
                if (stopLoss.isPresent() || takeProfit.isPresent()) {
                    throw new IllegalArgumentException("HOLD carries no stop loss or take profit");
                }
            }
            case BUY -> {
                BigDecimal sl = stopLoss.orElseThrow(() -> new IllegalArgumentException("BUY needs a stop loss"));
                BigDecimal tp = takeProfit.orElseThrow(() -> new IllegalArgumentException("BUY needs a take profit"));
                if (!(sl.compareTo(entry) < 0 && entry.compareTo(tp) < 0)) {
                    throw new IllegalArgumentException(
                            "BUY needs stopLoss < entry < takeProfit, got " + sl + " / " + entry + " / " + tp);
                }
            }
            case SELL -> {
                if (stopLoss.isPresent() || takeProfit.isPresent()) {
                    throw new IllegalArgumentException("SELL closes or reduces a long (spot, never a short) and carries"
                            + " no stop loss or take profit, got stopLoss "
                            + stopLoss.map(BigDecimal::toPlainString).orElse("none") + ", takeProfit "
                            + takeProfit.map(BigDecimal::toPlainString).orElse("none"));
                }
            }
        }
    }

    /** A HOLD that abstains, with the reason. */
    public static TradeSignal abstain(
            Symbol symbol,
            Interval interval,
            BigDecimal entry,
            String reason,
            String generator,
            Instant decidedAt,
            Instant candleTime) {
        return new TradeSignal(
                symbol,
                interval,
                Action.HOLD,
                0.0,
                entry,
                Optional.empty(),
                Optional.empty(),
                reason,
                generator,
                true,
                decidedAt,
                candleTime);
    }

    /**
     * A builder, the way to construct a signal outside this package: {@code TradeSignal.builder(symbol,
     * interval, Action.BUY).entry(e).stopLoss(sl).takeProfit(tp).confidence(0.7).generator("rules")
     * .decidedAt(t).candleTime(c).build()}.
     */
    public static Builder builder(Symbol symbol, Interval interval, Action action) {
        return new Builder(symbol, interval, action);
    }

    /** A builder holding this signal's values. */
    public Builder toBuilder() {
        Builder b = new Builder(symbol, interval, action);
        b.confidence = confidence;
        b.entry = entry;
        b.stopLoss = stopLoss;
        b.takeProfit = takeProfit;
        b.reasoning = reasoning;
        b.generator = generator;
        b.abstained = abstained;
        b.decidedAt = decidedAt;
        b.candleTime = candleTime;
        return b;
    }

    /** Collects a signal's values; {@link #build()} validates them. */
    public static final class Builder {
        private Symbol symbol;
        private Interval interval;
        private Action action;
        private double confidence;
        private BigDecimal entry;
        private Optional<BigDecimal> stopLoss = Optional.empty();
        private Optional<BigDecimal> takeProfit = Optional.empty();
        private String reasoning = "";
        private String generator = "";
        private boolean abstained;
        private Instant decidedAt;
        private Instant candleTime;

        private Builder(Symbol symbol, Interval interval, Action action) {
            this.symbol = symbol;
            this.interval = interval;
            this.action = action;
        }

        public Builder symbol(Symbol v) {
            symbol = v;
            return this;
        }

        public Builder interval(Interval v) {
            interval = v;
            return this;
        }

        public Builder action(Action v) {
            action = v;
            return this;
        }

        public Builder confidence(double v) {
            confidence = v;
            return this;
        }

        public Builder entry(BigDecimal v) {
            entry = v;
            return this;
        }

        public Builder stopLoss(BigDecimal v) {
            stopLoss = Optional.ofNullable(v);
            return this;
        }

        public Builder stopLoss(Optional<BigDecimal> v) {
            stopLoss = Objects.requireNonNull(v, "stopLoss");
            return this;
        }

        public Builder takeProfit(BigDecimal v) {
            takeProfit = Optional.ofNullable(v);
            return this;
        }

        public Builder takeProfit(Optional<BigDecimal> v) {
            takeProfit = Objects.requireNonNull(v, "takeProfit");
            return this;
        }

        public Builder reasoning(String v) {
            reasoning = v;
            return this;
        }

        public Builder generator(String v) {
            generator = v;
            return this;
        }

        public Builder abstained(boolean v) {
            abstained = v;
            return this;
        }

        public Builder decidedAt(Instant v) {
            decidedAt = v;
            return this;
        }

        public Builder candleTime(Instant v) {
            candleTime = v;
            return this;
        }

        /** The signal; throws {@link IllegalArgumentException} naming what is inconsistent. */
        public TradeSignal build() {
            return new TradeSignal(
                    symbol,
                    interval,
                    action,
                    confidence,
                    entry,
                    stopLoss,
                    takeProfit,
                    reasoning,
                    generator,
                    abstained,
                    decidedAt,
                    candleTime);
        }
    }

    /** Reward per unit of risk of a BUY, {@code (target - entry) / (entry - stop)}; 0 for SELL and HOLD. */
    public double rewardRisk() {
        if (action != Action.BUY) {
            return 0.0;
        }
        double e = entry.doubleValue();
        double risk = Math.abs(e - stopLoss.orElseThrow().doubleValue());
        double reward = Math.abs(takeProfit.orElseThrow().doubleValue() - e);
        return risk == 0 ? 0.0 : reward / risk;
    }
}
