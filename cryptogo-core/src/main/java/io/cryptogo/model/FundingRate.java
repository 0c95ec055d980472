package io.cryptogo.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The last funding rate of a perpetual future and the interval it applies to (8 hours on Binance; some
 * venues quote hourly), with the next funding time and the mark price.
 */
public record FundingRate(
        Symbol symbol,
        BigDecimal rate,
        Duration interval,
        Instant nextFundingTime,
        BigDecimal markPrice,
        Instant time) {
    public FundingRate {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(nextFundingTime, "nextFundingTime");
        Objects.requireNonNull(markPrice, "markPrice");
        Objects.requireNonNull(time, "time");
    }
}
