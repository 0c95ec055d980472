package io.cryptogo.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
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
 *
 * <p>An immutable value, equal when every field is equal. Build one with {@link #builder} (or {@link #abstain}),
 * change one with {@link #toBuilder()}:
 *
 * <pre>{@code
 * TradeSignal s = TradeSignal.builder("BTC/USDT", Interval.H1, TradeSignal.Action.BUY)
 *         .entry(new BigDecimal("65000")).stopLoss(new BigDecimal("64000")).takeProfit(new BigDecimal("67000"))
 *         .confidence(0.7).generator("rules").decidedAt(now).candleTime(candleOpen).build();
 * }</pre>
 *
 * Its JSON (any Jackson mapper with the JDK 8 and java.time modules) has one property per accessor, in the order
 * they are listed here, as when it was a record.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
public final class TradeSignal {
    // the fields' order is the JSON's order: keep it
    private final Symbol symbol;
    private final Interval interval;
    private final Action action;
    private final double confidence;
    private final BigDecimal entry;
    private final Optional<BigDecimal> stopLoss;
    private final Optional<BigDecimal> takeProfit;
    private final String reasoning;
    private final String generator;
    private final boolean abstained;
    private final Instant decidedAt;
    private final Instant candleTime;

    /** What to do. */
    public enum Action {
        /** Open or add to a long. */
        BUY,
        /** Close or reduce the long held (spot: never a short). */
        SELL,
        /** Do nothing. */
        HOLD
    }

    private TradeSignal(Builder b) {
        this.symbol = b.symbol;
        this.interval = b.interval;
        this.action = b.action;
        this.confidence = b.confidence;
        this.entry = b.entry;
        this.stopLoss = b.stopLoss;
        this.takeProfit = b.takeProfit;
        this.reasoning = b.reasoning;
        this.generator = b.generator;
        this.abstained = b.abstained;
        this.decidedAt = b.decidedAt;
        this.candleTime = b.candleTime;
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
        return builder(symbol, interval, Action.HOLD)
                .entry(entry)
                .reasoning(reason)
                .generator(generator)
                .abstained(true)
                .decidedAt(decidedAt)
                .candleTime(candleTime)
                .build();
    }

    /** {@link #abstain(Symbol, Interval, BigDecimal, String, String, Instant, Instant)} with a symbol such as {@code "BTC/USDT"}. */
    public static TradeSignal abstain(
            String symbol,
            Interval interval,
            BigDecimal entry,
            String reason,
            String generator,
            Instant decidedAt,
            Instant candleTime) {
        return abstain(Symbol.parse(symbol), interval, entry, reason, generator, decidedAt, candleTime);
    }

    /**
     * A builder, the way to construct a signal outside this package: {@code TradeSignal.builder(symbol,
     * interval, Action.BUY).entry(e).stopLoss(sl).takeProfit(tp).confidence(0.7).generator("rules")
     * .decidedAt(t).candleTime(c).build()}.
     */
    public static Builder builder(Symbol symbol, Interval interval, Action action) {
        return new Builder(symbol, interval, action);
    }

    /** {@link #builder(Symbol, Interval, Action)} with a symbol such as {@code "BTC/USDT"}. */
    public static Builder builder(String symbol, Interval interval, Action action) {
        return builder(Symbol.parse(symbol), interval, action);
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

    /** The symbol decided on. */
    public Symbol symbol() {
        return symbol;
    }

    /** The candle interval the decision was made on. */
    public Interval interval() {
        return interval;
    }

    /** BUY, SELL or HOLD. */
    public Action action() {
        return action;
    }

    /** How confident the generator is, {@code 0..1}. */
    public double confidence() {
        return confidence;
    }

    /** The entry reference price (the last close when decided). */
    public BigDecimal entry() {
        return entry;
    }

    /** A BUY's protective stop loss, below {@link #entry()}; empty for SELL and HOLD. */
    public Optional<BigDecimal> stopLoss() {
        return stopLoss;
    }

    /** A BUY's take profit, above {@link #entry()}; empty for SELL and HOLD. */
    public Optional<BigDecimal> takeProfit() {
        return takeProfit;
    }

    /** Why, in the generator's words (for an abstention, why it abstained). */
    public String reasoning() {
        return reasoning;
    }

    /** Who decided: {@code rules} or {@code llm:<provider>/<model>}. */
    public String generator() {
        return generator;
    }

    /** Whether this HOLD is a refusal to guess rather than a decision. */
    public boolean abstained() {
        return abstained;
    }

    /** When the decision was made. */
    public Instant decidedAt() {
        return decidedAt;
    }

    /** The open time of the last closed candle the decision saw. */
    public Instant candleTime() {
        return candleTime;
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof TradeSignal x
                        && symbol.equals(x.symbol)
                        && interval == x.interval
                        && action == x.action
                        && Double.compare(confidence, x.confidence) == 0
                        && entry.equals(x.entry)
                        && stopLoss.equals(x.stopLoss)
                        && takeProfit.equals(x.takeProfit)
                        && reasoning.equals(x.reasoning)
                        && generator.equals(x.generator)
                        && abstained == x.abstained
                        && decidedAt.equals(x.decidedAt)
                        && candleTime.equals(x.candleTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
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

    /** The record-style form {@code TradeSignal[symbol=…, interval=…, …]}, every field in order. */
    @Override
    public String toString() {
        return "TradeSignal[symbol=" + symbol + ", interval=" + interval + ", action=" + action + ", confidence="
                + confidence + ", entry=" + entry + ", stopLoss=" + stopLoss + ", takeProfit=" + takeProfit
                + ", reasoning=" + reasoning + ", generator=" + generator + ", abstained=" + abstained + ", decidedAt="
                + decidedAt + ", candleTime=" + candleTime + "]";
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

        /** See {@link TradeSignal#symbol()}. */
        public Builder symbol(Symbol v) {
            symbol = v;
            return this;
        }

        /** {@link #symbol(Symbol)} with a symbol such as {@code "BTC/USDT"}. */
        public Builder symbol(String v) {
            return symbol(Symbol.parse(v));
        }

        /** See {@link TradeSignal#interval()}. */
        public Builder interval(Interval v) {
            interval = v;
            return this;
        }

        /** See {@link TradeSignal#action()}. */
        public Builder action(Action v) {
            action = v;
            return this;
        }

        /** See {@link TradeSignal#confidence()}. */
        public Builder confidence(double v) {
            confidence = v;
            return this;
        }

        /** See {@link TradeSignal#entry()}. */
        public Builder entry(BigDecimal v) {
            entry = v;
            return this;
        }

        /** See {@link TradeSignal#stopLoss()}. */
        public Builder stopLoss(BigDecimal v) {
            stopLoss = Optional.ofNullable(v);
            return this;
        }

        /** See {@link TradeSignal#stopLoss()}. */
        public Builder stopLoss(Optional<BigDecimal> v) {
            stopLoss = Objects.requireNonNull(v, "stopLoss");
            return this;
        }

        /** See {@link TradeSignal#takeProfit()}. */
        public Builder takeProfit(BigDecimal v) {
            takeProfit = Optional.ofNullable(v);
            return this;
        }

        /** See {@link TradeSignal#takeProfit()}. */
        public Builder takeProfit(Optional<BigDecimal> v) {
            takeProfit = Objects.requireNonNull(v, "takeProfit");
            return this;
        }

        /** See {@link TradeSignal#reasoning()}. */
        public Builder reasoning(String v) {
            reasoning = v;
            return this;
        }

        /** See {@link TradeSignal#generator()}. */
        public Builder generator(String v) {
            generator = v;
            return this;
        }

        /** See {@link TradeSignal#abstained()}. */
        public Builder abstained(boolean v) {
            abstained = v;
            return this;
        }

        /** See {@link TradeSignal#decidedAt()}. */
        public Builder decidedAt(Instant v) {
            decidedAt = v;
            return this;
        }

        /** See {@link TradeSignal#candleTime()}. */
        public Builder candleTime(Instant v) {
            candleTime = v;
            return this;
        }

        /** The signal; throws {@link IllegalArgumentException} naming what is inconsistent. */
        public TradeSignal build() {
            return new TradeSignal(this);
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
