package io.cryptogo.ai;

import io.cryptogo.model.TradeSignal;
import io.cryptogo.model.TradeSignal.Action;
import java.util.Optional;

/**
 * Spot semantics, applied to every generator's signal in one place: SELL closes or reduces the long that is
 * held, so a SELL without a holding becomes a HOLD whose reasoning starts with {@value #NO_POSITION}.
 */
final class Spot {
    /** The reason recorded when a SELL finds nothing to sell. */
    static final String NO_POSITION = "no position to sell";

    private Spot() {}

    /** {@code s} unchanged, or the HOLD a SELL without a holding stands for. */
    static TradeSignal apply(TradeSignal s, Holding holding) {
        if (s.action() != Action.SELL || holding.open()) {
            return s;
        }
        return s.toBuilder()
                .action(Action.HOLD)
                .stopLoss(Optional.empty())
                .takeProfit(Optional.empty())
                .reasoning(NO_POSITION + " (spot: SELL closes or reduces a long, and none is held; the " + s.generator()
                        + " said SELL: " + s.reasoning() + ")")
                .build();
    }
}
