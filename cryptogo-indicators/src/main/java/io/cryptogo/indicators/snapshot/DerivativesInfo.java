package io.cryptogo.indicators.snapshot;

import io.cryptogo.error.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Derivatives context of a snapshot: open interest (latest, and its mean over a stated window) and the
 * funding rate (with the interval it applies to). Either part may be missing when the source could not
 * give it; at least one is present (a snapshot without either has no {@code DerivativesInfo}).
 *
 * <pre>{@code
 * DerivativesInfo d = DerivativesInfo.of(29869.61, 29844.27, Duration.ofMinutes(5), 30, 1.25e-5, Duration.ofHours(8));
 * }</pre>
 */
public record DerivativesInfo(Optional<OpenInterestStats> openInterest, Optional<Funding> funding) {
    public DerivativesInfo {
        Objects.requireNonNull(openInterest, "openInterest");
        Objects.requireNonNull(funding, "funding");
        if (openInterest.isEmpty() && funding.isEmpty()) {
            throw new InvalidRequestException(
                    "derivatives", "DerivativesInfo needs open interest or funding; use Optional.empty() for none");
        }
    }

    /** Both parts. */
    public static DerivativesInfo of(
            double openInterest,
            double openInterestMean,
            Duration period,
            int points,
            double fundingRate,
            Duration fundingInterval) {
        return new DerivativesInfo(
                Optional.of(new OpenInterestStats(openInterest, openInterestMean, period, points, Optional.empty())),
                Optional.of(new Funding(fundingRate, fundingInterval, Optional.empty())));
    }

    /**
     * Open interest in base-asset contracts: the latest value and the mean of the last {@code points}
     * history points, one per {@code period} (the window is {@code points × period}); with no history
     * points the mean is NaN and {@code points} is 0. {@code current} marks a value that is the source's
     * current one, read after the snapshot's time because no history reached back to it.
     */
    public record OpenInterestStats(
            double latest, double mean, Duration period, int points, Optional<Instant> time, boolean current) {
        /** Values as of the snapshot's time (not marked current). */
        public OpenInterestStats(double latest, double mean, Duration period, int points, Optional<Instant> time) {
            this(latest, mean, period, points, time, false);
        }

        public OpenInterestStats {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(time, "time");
            if (!Double.isFinite(latest) || latest < 0) {
                throw new InvalidRequestException(
                        "openInterest", "open interest must be finite and >= 0, got " + latest);
            }
            if (points == 0 ? !Double.isNaN(mean) : !Double.isFinite(mean) || mean < 0) {
                throw new InvalidRequestException(
                        "openInterestMean",
                        "mean must be finite and >= 0 (NaN exactly when there are no history points), got " + mean
                                + " over " + points + " points");
            }
            if (period.isNegative() || period.isZero() || points < 0) {
                throw new InvalidRequestException(
                        "openInterestWindow", "need a positive period and points >= 0, got " + points + " × " + period);
            }
        }

        /** {@code points × period}. */
        public Duration window() {
            return period.multipliedBy(points);
        }
    }

    /**
     * The last funding rate (a fraction, {@code 1.25e-5} = 0.00125 %) and its funding interval. {@code current}
     * marks the source's current rate read after the snapshot's time (there is no funding history to read
     * it as of that time).
     */
    public record Funding(double rate, Duration interval, Optional<Instant> nextFundingTime, boolean current) {
        /** A rate as of the snapshot's time (not marked current). */
        public Funding(double rate, Duration interval, Optional<Instant> nextFundingTime) {
            this(rate, interval, nextFundingTime, false);
        }

        public Funding {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(nextFundingTime, "nextFundingTime");
            if (!Double.isFinite(rate)) {
                throw new InvalidRequestException("fundingRate", "funding rate must be finite, got " + rate);
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new InvalidRequestException(
                        "fundingInterval", "funding interval must be positive, got " + interval);
            }
        }
    }
}
