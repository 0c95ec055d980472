package io.cryptogo.backtest;

import java.time.Instant;
import java.util.Objects;

/** A strategy's non-HOLD decision after the bar opening at {@code time}, as it printed. */
public record DecisionRecord(int index, Instant time, String intent) {
    public DecisionRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(intent, "intent");
    }
}
