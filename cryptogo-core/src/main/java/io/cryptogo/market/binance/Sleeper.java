package io.cryptogo.market.binance;

import java.time.Duration;

/** Waits; injected so tests can record waits and advance a manual clock instead of sleeping. */
@FunctionalInterface
interface Sleeper {
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
