package io.cryptogo.time;

import java.time.Duration;

/**
 * Waits for a duration: the one waiting port of every module (Binance's retries and weight limiter, the LLM
 * generator's retries). Injected beside a {@link java.time.Clock} so that tests record the waits and move a
 * manual clock instead of sleeping.
 *
 * <pre>{@code
 * List<Duration> waits = new ArrayList<>();
 * Sleeper recording = waits::add;          // a test's sleeper
 * Sleeper.SYSTEM.sleep(Duration.ofMillis(200));
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
    /** {@link Thread#sleep(Duration)}; a zero or negative duration returns at once. */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
