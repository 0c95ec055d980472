package io.cryptogo.market.binance;

import io.cryptogo.testing.ManualClock;
import io.cryptogo.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each wait and moves the manual clock by it instead of sleeping. */
final class RecordingSleeper implements Sleeper {
    private final ManualClock clock;
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration d) {
        waits.add(d);
        clock.advance(d);
    }

    Duration total() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
