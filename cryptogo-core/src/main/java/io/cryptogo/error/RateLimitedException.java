package io.cryptogo.error;

import java.time.Duration;
import java.util.Objects;

/**
 * The exchange refused the call because of its rate limits (HTTP 429) or banned this IP for a while
 * (HTTP 418). Nothing may be sent before {@link #retryAfter()} has passed.
 */
public class RateLimitedException extends ExchangeUnavailableException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;
    private final boolean banned;

    public RateLimitedException(String message, Duration retryAfter, boolean banned) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        this.banned = banned;
    }

    /** How long to wait before the next request. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True for an IP ban (HTTP 418), false for an ordinary 429. */
    public boolean banned() {
        return banned;
    }
}
