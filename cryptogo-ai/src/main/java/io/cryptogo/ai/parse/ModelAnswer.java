package io.cryptogo.ai.parse;

import io.cryptogo.model.TradeSignal.Action;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model said, read but not yet checked: the confidence may be 7 and the stop on the wrong side.
 * {@link SignalValidator} decides whether it may become a {@link io.cryptogo.model.TradeSignal}.
 */
public record ModelAnswer(
        Action action,
        double confidence,
        Optional<BigDecimal> entry,
        Optional<BigDecimal> stopLoss,
        Optional<BigDecimal> takeProfit,
        String reasoning) {

    public ModelAnswer {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(stopLoss, "stopLoss");
        Objects.requireNonNull(takeProfit, "takeProfit");
        Objects.requireNonNull(reasoning, "reasoning");
    }
}
