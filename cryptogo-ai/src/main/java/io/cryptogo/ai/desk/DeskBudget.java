package io.cryptogo.ai.desk;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The desk's spending limits in money and tokens, per decision and per UTC day, and the day's running
 * total (read back from the agent-call journal after a restart). Before every model call the desk asks
 * {@link #refusal}: when the call's estimate (prompt characters ÷ 4 in, the answer cap out, at the model's
 * price) would cross a limit, the desk stops and falls back (single LLM, then rules).
 */
public final class DeskBudget {
    /** No limits. */
    public static final Limits UNLIMITED =
            new Limits(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** The four limits; empty means none. */
    public record Limits(
            Optional<BigDecimal> costPerDecision,
            Optional<BigDecimal> costPerDay,
            Optional<Long> tokensPerDecision,
            Optional<Long> tokensPerDay) {
        public Limits {
            Objects.requireNonNull(costPerDecision, "costPerDecision");
            Objects.requireNonNull(costPerDay, "costPerDay");
            Objects.requireNonNull(tokensPerDecision, "tokensPerDecision");
            Objects.requireNonNull(tokensPerDay, "tokensPerDay");
        }

        /**
         * {@code DESK_MAX_COST_PER_DECISION}, {@code DESK_MAX_COST_PER_DAY} (USD), {@code
         * DESK_MAX_TOKENS_PER_DECISION}, {@code DESK_MAX_TOKENS_PER_DAY}; unset means no limit.
         */
        public static Limits fromConfig(Config c) {
            return new Limits(
                    money(c, "DESK_MAX_COST_PER_DECISION"),
                    money(c, "DESK_MAX_COST_PER_DAY"),
                    c.get("DESK_MAX_TOKENS_PER_DECISION")
                            .map(v -> c.longValue("DESK_MAX_TOKENS_PER_DECISION", 0, 1, Long.MAX_VALUE)),
                    c.get("DESK_MAX_TOKENS_PER_DAY")
                            .map(v -> c.longValue("DESK_MAX_TOKENS_PER_DAY", 0, 1, Long.MAX_VALUE)));
        }

        private static Optional<BigDecimal> money(Config c, String name) {
            if (c.get(name).isEmpty()) {
                return Optional.empty();
            }
            BigDecimal v = c.decimal(name, BigDecimal.ZERO, BigDecimal.ZERO, null);
            if (v.signum() < 0) {
                throw new ConfigException(name, name + " must be >= 0 (USD), got " + v);
            }
            return Optional.of(v);
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final AgentCallStore store;
    private LocalDate day;
    private AgentCallStore.Spend today = AgentCallStore.Spend.ZERO;

    DeskBudget(Limits limits, Clock clock, AgentCallStore store) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
    }

    public Limits limits() {
        return limits;
    }

    /** Today's (UTC) spend so far. */
    public synchronized AgentCallStore.Spend today() {
        LocalDate d = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!d.equals(day)) {
            day = d;
            Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            today = store.spentSince(start);
        }
        return today;
    }

    /** Adds a call's spend to the day. */
    synchronized void spend(long tokens, BigDecimal cost) {
        today();
        today = today.plus(tokens, cost);
    }

    /** Why a call of this estimate may not be made, given what the decision has spent; empty if it may. */
    synchronized Optional<String> refusal(AgentCallStore.Spend decision, long estTokens, BigDecimal estCost) {
        if (limits.costPerDecision().isPresent()
                && decision.costUsd()
                                .add(estCost)
                                .compareTo(limits.costPerDecision().get())
                        > 0) {
            return Optional.of("DESK_MAX_COST_PER_DECISION="
                    + plain(limits.costPerDecision().get()) + " USD: spent " + plain(decision.costUsd())
                    + ", the next call would cost about " + plain(estCost));
        }
        if (limits.tokensPerDecision().isPresent()
                && decision.tokens() + estTokens > limits.tokensPerDecision().get()) {
            return Optional.of(
                    "DESK_MAX_TOKENS_PER_DECISION=" + limits.tokensPerDecision().get() + ": spent " + decision.tokens()
                            + ", the next call needs about " + estTokens);
        }
        return dayRefusal(estTokens, estCost);
    }

    /** Why a call of this estimate would cross the day's limits; empty if it would not. */
    synchronized Optional<String> dayRefusal(long estTokens, BigDecimal estCost) {
        AgentCallStore.Spend t = today();
        if (limits.costPerDay().isPresent()
                && t.costUsd().add(estCost).compareTo(limits.costPerDay().get()) > 0) {
            return Optional.of("DESK_MAX_COST_PER_DAY="
                    + plain(limits.costPerDay().get()) + " USD: spent " + plain(t.costUsd()) + " today");
        }
        if (limits.tokensPerDay().isPresent()
                && t.tokens() + estTokens > limits.tokensPerDay().get()) {
            return Optional.of(
                    "DESK_MAX_TOKENS_PER_DAY=" + limits.tokensPerDay().get() + ": spent " + t.tokens() + " today");
        }
        return Optional.empty();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
