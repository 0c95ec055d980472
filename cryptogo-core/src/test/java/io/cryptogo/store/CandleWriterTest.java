package io.cryptogo.store;

import static io.cryptogo.testing.FakeMarket.BTC;
import static io.cryptogo.testing.FakeMarket.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.ConfigException;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class CandleWriterTest {
    static final long T0 = 1_700_000_000_000L / 86_400_000 * 86_400_000;

    /** Records every write; fails the first {@code failures} attempts as a lost database would. */
    static final class FlakyStore implements CandleStore {
        final List<Candle> written = new ArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        /** Calls that reached the store, counted before the gate. */
        final AtomicInteger calls = new AtomicInteger();

        volatile int failures;
        volatile CountDownLatch gate;

        @Override
        public io.cryptogo.market.SourceInfo.Kind source() {
            return io.cryptogo.market.SourceInfo.Kind.SIMULATED;
        }

        @Override
        public synchronized int upsertAll(Collection<Candle> candles) {
            calls.incrementAndGet();
            if (gate != null) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (attempts.incrementAndGet() <= failures) {
                throw new StoreUnavailableException("database unavailable (test)", null);
            }
            written.addAll(candles);
            return candles.size();
        }

        @Override
        public List<Candle> range(Symbol s, Interval i, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public List<Candle> latest(Symbol s, Interval i, int limit) {
            return List.of();
        }

        @Override
        public Optional<Candle> latestClosed(Symbol s, Interval i) {
            return Optional.empty();
        }

        @Override
        public long count(Symbol s, Interval i) {
            return 0;
        }

        @Override
        public long count(Symbol s, Interval i, Instant from, Instant to) {
            return 0;
        }

        @Override
        public List<Gap> gaps(Symbol s, Interval i, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public int delete(Symbol s, Interval i, Instant from, Instant to) {
            return 0;
        }
    }

    /** Waits for a condition the writer's thread brings about; generous for loaded CI machines. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aFailedWriteIsRetriedUntilItSucceedsAndNothingIsLostOrRepeated() {
        FlakyStore store = new FlakyStore();
        store.failures = 5;
        List<Candle> rows = series(BTC, Interval.M1, T0, 1000);
        try (CandleWriter w = CandleWriter.builder(store)
                .batchSize(100)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .build()) {
            w.submitAll(rows);
            assertThat(w.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(w.failures()).isEqualTo(5);
            assertThat(w.written()).isEqualTo(1000);
            assertThat(w.retrying()).isFalse();
        }
        assertThat(store.written).containsExactlyElementsOf(rows);
    }

    @Test
    void submitBlocksWhileTheBufferIsFullInsteadOfDropping() throws Exception {
        FlakyStore store = new FlakyStore();
        store.gate = new CountDownLatch(1);
        List<Candle> rows = series(BTC, Interval.M1, T0, 50);
        try (CandleWriter w =
                CandleWriter.builder(store).capacity(10).batchSize(5).build()) {
            Thread producer = Thread.ofPlatform().start(() -> w.submitAll(rows));
            await(() -> w.pending() == 15, "a full buffer plus the batch in flight");
            producer.join(300);
            assertThat(producer.isAlive()).as("producer waits for room").isTrue();
            assertThat(w.pending()).as("a full buffer plus the batch in flight").isEqualTo(15);
            store.gate.countDown();
            producer.join(30_000);
            assertThat(producer.isAlive()).isFalse();
            assertThat(w.flush(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(store.written).containsExactlyElementsOf(rows);
    }

    @Test
    void updatesOfAWaitingCandleCollapseAndClosedWins() throws Exception {
        FlakyStore store = new FlakyStore();
        store.gate = new CountDownLatch(1);
        Candle closed = series(BTC, Interval.M1, T0 + 60_000, 1).get(0);
        Candle open = Candle.of(
                closed.symbol(),
                closed.interval(),
                closed.openTime(),
                closed.closeTime(),
                closed.open(),
                closed.high(),
                closed.low(),
                closed.close(),
                closed.volume(),
                closed.quoteVolume(),
                closed.trades(),
                false);
        try (CandleWriter w = CandleWriter.builder(store).build()) {
            w.submit(series(BTC, Interval.M1, T0, 1).get(0)); // held at the gate
            await(() -> store.calls.get() == 1, "the first candle is in flight");
            w.submit(open);
            w.submit(closed);
            w.submit(open);
            store.gate.countDown();
            assertThat(w.flush(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(store.written).hasSize(2).last().isEqualTo(closed);
    }

    @Test
    void aClosedWriterRefusesNewCandlesLoudly() {
        CandleWriter w = CandleWriter.builder(new FlakyStore()).build();
        assertThat(w.close(Duration.ofSeconds(30))).isTrue();
        assertThatThrownBy(() -> w.submit(series(BTC, Interval.M1, T0, 1).get(0)))
                .isInstanceOf(CryptoGoException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void badSettingsFailAtBuild() {
        assertThatThrownBy(
                        () -> CandleWriter.builder(new FlakyStore()).capacity(0).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> CandleWriter.builder(new FlakyStore())
                        .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backoff");
    }
}
