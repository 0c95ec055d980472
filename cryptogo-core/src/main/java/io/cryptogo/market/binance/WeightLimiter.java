package io.cryptogo.market.binance;

import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one IP's requests under Binance's request-weight limit, shared by every call of one adapter.
 *
 * <ul>
 *   <li>Weight: Binance counts weight per UTC minute and reports the count in {@code X-MBX-USED-WEIGHT-1M}.
 *       Before a request of weight w is sent, {@code used + w} must fit the budget, else the caller waits for
 *       the next minute. {@code used} is the larger of the local count and the last header seen.
 *   <li>429: nothing is sent until {@code Retry-After} has passed (callers wait, or fail when the wait is
 *       longer than {@code maxWait}).
 *   <li>418: the IP is banned: every call fails at once with {@code banned = true} until the ban ends, and
 *       nothing is sent.
 * </ul>
 */
final class WeightLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(WeightLimiter.class);
    private static final long MINUTE = 60_000;

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration maxWait;
    private final int fixedBudget; // 0 = percent of the exchange limit
    private final int budgetPercent;

    private int exchangeLimit;
    private long windowMinute = Long.MIN_VALUE;
    private int used;
    private Instant pausedUntil = Instant.EPOCH;
    private Instant bannedUntil = Instant.EPOCH;

    WeightLimiter(Clock clock, Sleeper sleeper, Duration maxWait, int fixedBudget, int budgetPercent, int limit) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxWait = maxWait;
        this.fixedBudget = fixedBudget;
        this.budgetPercent = budgetPercent;
        this.exchangeLimit = limit;
    }

    /** The weight this adapter allows itself per minute. */
    synchronized int budget() {
        return fixedBudget > 0 ? fixedBudget : Math.max(1, exchangeLimit * budgetPercent / 100);
    }

    /** The REQUEST_WEIGHT per-minute limit from exchangeInfo's {@code rateLimits}. */
    synchronized void exchangeLimit(int limit) {
        if (limit > 0 && limit != exchangeLimit) {
            LOG.debug("Binance request weight limit {} per minute", limit);
            exchangeLimit = limit;
        }
    }

    /** The weight counted in the current minute (for tests and diagnostics). */
    synchronized int used() {
        roll(clock.millis());
        return used;
    }

    /** Until when the IP is banned ({@link Instant#EPOCH} when it is not). */
    synchronized Instant bannedUntil() {
        return bannedUntil;
    }

    /**
     * Blocks until a request of {@code weight} may be sent, then counts it.
     *
     * @throws RateLimitedException during a ban (at once), or when the wait would exceed {@code maxWait}
     */
    void acquire(int weight) {
        acquire(weight, maxWait);
    }

    /** As {@link #acquire(int)}, waiting at most {@code allowedWait} ({@code ZERO}: never wait). */
    void acquire(int weight, Duration allowedWait) {
        while (true) {
            Duration wait;
            boolean pause;
            synchronized (this) {
                Instant now = clock.instant();
                if (now.isBefore(bannedUntil)) {
                    Duration left = Duration.between(now, bannedUntil);
                    throw new RateLimitedException(
                            "Binance has banned this IP until " + bannedUntil + " (" + BinanceErrors.human(left)
                                    + " left); nothing is sent until then",
                            left,
                            true);
                }
                if (now.isBefore(pausedUntil)) {
                    wait = Duration.between(now, pausedUntil);
                    pause = true;
                } else {
                    long ms = now.toEpochMilli();
                    roll(ms);
                    if (used + weight <= budget() || used == 0) {
                        used += weight;
                        return;
                    }
                    wait = Duration.ofMillis((windowMinute + 1) * MINUTE - ms);
                    pause = false;
                }
            }
            if (wait.compareTo(allowedWait) > 0) {
                throw new RateLimitedException(
                        (pause ? "Binance asked to pause requests" : "the Binance request-weight budget is used up")
                                + " for " + BinanceErrors.human(wait) + ", longer than the allowed wait "
                                + BinanceErrors.human(allowedWait),
                        wait,
                        false);
            }
            LOG.warn(
                    pause
                            ? "Binance asked to pause: waiting {} before the next request"
                            : "Binance weight budget reached: waiting {} for the next minute",
                    BinanceErrors.human(wait));
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeUnavailableException("interrupted while waiting for the Binance rate limit", e);
            }
        }
    }

    /** Records what a response says about the limits. */
    synchronized void onResponse(int status, OptionalInt usedWeight, Duration retryAfter, long bannedUntilMs) {
        Instant now = clock.instant();
        roll(now.toEpochMilli());
        if (usedWeight.isPresent()) {
            used = Math.max(used, usedWeight.getAsInt());
        }
        if (status == 429) {
            Instant until = now.plus(retryAfter);
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        } else if (status == 418) {
            Instant until = bannedUntilMs > 0 ? Instant.ofEpochMilli(bannedUntilMs) : now.plus(retryAfter);
            if (until.isBefore(now.plus(retryAfter))) {
                until = now.plus(retryAfter);
            }
            if (until.isAfter(bannedUntil)) {
                bannedUntil = until;
            }
            LOG.warn("Binance banned this IP until {}; all requests stop until then", bannedUntil);
        }
    }

    /** The remaining wait Binance asked for, as of now. */
    synchronized Duration banLeft() {
        Instant now = clock.instant();
        return now.isBefore(bannedUntil) ? Duration.between(now, bannedUntil) : Duration.ZERO;
    }

    private void roll(long nowMs) {
        long minute = Math.floorDiv(nowMs, MINUTE);
        if (minute != windowMinute) {
            windowMinute = minute;
            used = 0;
        }
    }
}
