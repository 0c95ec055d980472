package io.cryptogo.ai.desk;

import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The desk's risk check in code: it sees the trader's signal and the account and returns a {@link
 * RiskCheck}; a veto is final (no model can undo it). {@link DeskRiskRules} is the built-in rule set fed by
 * the configured limits; an application may instead wire its trading engine's risk manager here (the AI
 * module cannot depend on the trading module).
 */
@FunctionalInterface
public interface DeskRisk {

    /** The verdict on {@code proposed} (BUY or SELL; a HOLD never reaches the check). */
    RiskCheck check(TradeSignal proposed, Account account);

    /**
     * What the check needs to know of the account for one symbol.
     *
     * @param baseHeld the base quantity held (spot: a SELL can only close or reduce it)
     * @param equity the account's equity in the valuation currency ({@code RISK_CURRENCY})
     * @param tradesToday orders accepted today (UTC)
     */
    record Account(BigDecimal baseHeld, BigDecimal equity, int tradesToday) {
        public Account {
            Objects.requireNonNull(baseHeld, "baseHeld");
            Objects.requireNonNull(equity, "equity");
            if (baseHeld.signum() < 0 || equity.signum() < 0 || tradesToday < 0) {
                throw new IllegalArgumentException("baseHeld, equity and tradesToday must be >= 0");
            }
        }
    }

    /** Where the desk reads the account from; the sample app wires the trader's portfolio. */
    @FunctionalInterface
    interface AccountSource {
        Account account(Symbol symbol);

        /** Nothing held, the given equity, no trades today. */
        static AccountSource flat(BigDecimal equity) {
            Account a = new Account(BigDecimal.ZERO, equity, 0);
            return s -> a;
        }
    }
}
