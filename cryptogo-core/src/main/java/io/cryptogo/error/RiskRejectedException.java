package io.cryptogo.error;

import java.util.Objects;

/**
 * A risk rule refused an order. Carries the rule's name, its limit and the value that broke it, so a
 * person can see at once why.
 */
public class RiskRejectedException extends CryptoGoException {
    private static final long serialVersionUID = 1L;
    private final String rule;
    private final String limit;
    private final String value;

    public RiskRejectedException(String rule, String limit, String value, String message) {
        super(message);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.limit = limit;
        this.value = value;
    }

    public String rule() {
        return rule;
    }

    public String limit() {
        return limit;
    }

    public String value() {
        return value;
    }
}
