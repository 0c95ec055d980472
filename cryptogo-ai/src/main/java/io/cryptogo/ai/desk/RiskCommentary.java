package io.cryptogo.ai.desk;

import java.util.Objects;
import java.util.Optional;

/**
 * The LLM risk commentary on the trader's signal. It may only lower the confidence ({@code confidence} below
 * the trader's) or turn a trade into a HOLD ({@link Verdict#HOLD}); a higher confidence is ignored.
 */
public record RiskCommentary(Verdict verdict, Optional<Double> confidence, String comment) {
    /** What the commentary asks for. */
    public enum Verdict {
        APPROVE,
        REDUCE,
        HOLD
    }

    public RiskCommentary {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(comment, "comment");
        confidence.ifPresent(c -> {
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence must be within 0..1, got " + c);
            }
        });
    }
}
