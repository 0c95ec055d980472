package io.cryptogo.backtest;

import java.time.Instant;
import java.util.Objects;

/** Account value (cash plus the position at the bar's close) at one bar's open time, in the quote asset. */
public record EquityPoint(Instant time, double equity) {
    public EquityPoint {
        Objects.requireNonNull(time, "time");
    }
}
