package io.cryptogo.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One round trip: from the first buy of a flat position to the sell that made it flat again. Prices are
 * quantity-weighted averages of the fills; {@code pnl} is net of every fee of the trip.
 *
 * @param exit why it closed: {@code signal}, {@code stop-loss} or {@code take-profit}
 */
public record Trade(
        Instant entryTime,
        Instant exitTime,
        double entryPrice,
        double exitPrice,
        double quantity,
        double pnl,
        double fees,
        String exit) {
    public Trade {
        Objects.requireNonNull(entryTime, "entryTime");
        Objects.requireNonNull(exitTime, "exitTime");
        Objects.requireNonNull(exit, "exit");
    }

    /** Net PnL ÷ entry cost (quantity × entry price). */
    public double returnPct() {
        return pnl / (quantity * entryPrice);
    }

    public Duration duration() {
        return Duration.between(entryTime, exitTime);
    }

    public boolean win() {
        return pnl > 0;
    }
}
