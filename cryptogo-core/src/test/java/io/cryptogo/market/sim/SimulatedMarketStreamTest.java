package io.cryptogo.market.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.market.CandleListener;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class SimulatedMarketStreamTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");

    /** Collects what a stream delivers. */
    static class Recorder implements CandleListener {
        final List<Candle> candles = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onCandle(Candle candle) {
            candles.add(candle);
        }

        @Override
        public void onError(Throwable error, boolean fatal) {
            errors.add(error);
        }

        List<Candle> closed() {
            return candles.stream().filter(Candle::closed).toList();
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        // generous: returns as soon as the condition holds, but a loaded CI machine may need a while
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(2);
        }
    }

    static long streamThreads(SimulatedMarket m) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(m.threadName()) && t.isAlive())
                .count();
    }

    @Test
    void eachClosedCandleIsDeliveredOnceInOrderBeforeTheNewOpenOne() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:00:30Z");
        // a tick interval of a minute: the first tick runs at once, the rest are driven by hand
        try (SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofSeconds(60))
                .build()) {
            Recorder r = new Recorder();
            SimulatedMarket.Subscription s = (SimulatedMarket.Subscription) m.stream(BTC, Interval.M1, r);
            await(() -> r.candles.size() == 1);
            assertThat(r.candles.get(0).closed()).isFalse();
            assertThat(r.candles.get(0).openTime()).isEqualTo(Instant.parse("2025-06-11T10:00:00Z"));

            clock.advance(Duration.ofSeconds(1));
            s.poll();
            assertThat(r.candles).hasSize(2);
            assertThat(r.candles.get(1).closed()).isFalse();

            clock.set(Instant.parse("2025-06-11T10:03:05Z"));
            s.poll();
            List<Candle> expected = m.klines(new KlineQuery(
                    BTC,
                    Interval.M1,
                    Optional.of(Instant.parse("2025-06-11T10:00:00Z")),
                    Optional.of(Instant.parse("2025-06-11T10:02:00Z")),
                    10));
            assertThat(r.candles.subList(2, 5)).isEqualTo(expected);
            assertThat(r.candles.get(5).closed()).isFalse();
            assertThat(r.candles.get(5).openTime()).isEqualTo(Instant.parse("2025-06-11T10:03:00Z"));
            assertThat(r.candles.get(5)).isEqualTo(m.klines(BTC, Interval.M1, 1).get(0));

            clock.advance(Duration.ofSeconds(20));
            s.poll();
            s.poll();
            assertThat(r.closed()).hasSize(3);
            assertThat(r.candles).hasSize(8);
            assertThat(r.errors).isEmpty();
        }
    }

    @Test
    void aClockThatJumpsBackwardsNeverRedeliversAClosedCandle() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:05:30Z");
        try (SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofSeconds(60))
                .build()) {
            Recorder r = new Recorder();
            SimulatedMarket.Subscription s = (SimulatedMarket.Subscription) m.stream(BTC, Interval.M1, r);
            await(() -> r.candles.size() == 1);
            clock.set(Instant.parse("2025-06-11T10:07:10Z"));
            s.poll();
            assertThat(r.closed())
                    .extracting(Candle::openTime)
                    .containsExactly(Instant.parse("2025-06-11T10:05:00Z"), Instant.parse("2025-06-11T10:06:00Z"));
            int before = r.candles.size();
            clock.set(Instant.parse("2025-06-11T10:03:00Z"));
            s.poll();
            assertThat(r.candles).hasSize(before);
            clock.set(Instant.parse("2025-06-11T10:08:01Z"));
            s.poll();
            assertThat(r.closed())
                    .extracting(Candle::openTime)
                    .containsExactly(
                            Instant.parse("2025-06-11T10:05:00Z"),
                            Instant.parse("2025-06-11T10:06:00Z"),
                            Instant.parse("2025-06-11T10:07:00Z"));
        }
    }

    @Test
    void theOpenCandleIsPushedEveryTickOnTheScheduler() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:00:30Z");
        try (SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofMillis(10))
                .build()) {
            Recorder r = new Recorder();
            StreamHandle h = m.stream(BTC, Interval.H1, r);
            await(() -> r.candles.size() >= 5);
            h.close();
            assertThat(r.candles).allMatch(c -> !c.closed() && c.interval() == Interval.H1);
            assertThat(r.candles.get(0).openTime()).isEqualTo(Instant.parse("2025-06-11T10:00:00Z"));
        }
    }

    @Test
    void whileTheClockRunsEveryClosedCandleArrivesExactlyOnceAndInOrder() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:00:00Z");
        try (SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofMillis(10))
                .build()) {
            Recorder r = new Recorder();
            StreamHandle h = m.stream(BTC, Interval.M5, r);
            await(() -> !r.candles.isEmpty());
            // about 3 simulated hours in jumps of 13..97 seconds, racing the scheduler
            for (int i = 0; i < 200; i++) {
                clock.advance(Duration.ofSeconds(13 + (i * 37) % 85));
                if (i % 4 == 0) {
                    Thread.sleep(1);
                }
            }
            Instant end = clock.instant();
            await(() -> !r.candles.isEmpty()
                    && r.candles.get(r.candles.size() - 1).openTime().equals(Interval.M5.align(end)));
            h.close();
            List<Candle> closed = r.closed();
            List<Candle> expected = m.klines(new KlineQuery(
                    BTC,
                    Interval.M5,
                    Optional.of(Instant.parse("2025-06-11T10:00:00Z")),
                    Optional.of(Interval.M5.align(end).minus(Duration.ofMinutes(5))),
                    1000));
            assertThat(closed).isEqualTo(expected);
            // open updates of a bucket come after its predecessor closed and before it closes
            Instant lastClosed = Instant.MIN;
            for (Candle c : r.candles) {
                if (c.closed()) {
                    assertThat(c.openTime()).isAfter(lastClosed);
                    lastClosed = c.openTime();
                } else {
                    assertThat(c.openTime()).isAfter(lastClosed);
                }
            }
            assertThat(r.errors).isEmpty();
        }
    }

    @Test
    void streamsShareOneDaemonThreadThatEndsWithTheLastStream() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:00:30Z");
        SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofMillis(10))
                .build();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder c = new Recorder();
        StreamHandle ha = m.stream(BTC, Interval.M1, a);
        StreamHandle hb = m.stream("ETH/USDT", Interval.H1, b);
        StreamHandle hc = m.stream("DOGE/USDT", Interval.D1, c);
        await(() -> !a.candles.isEmpty() && !b.candles.isEmpty() && !c.candles.isEmpty());
        assertThat(streamThreads(m)).isEqualTo(1);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals(m.threadName()))
                        .allMatch(Thread::isDaemon))
                .isTrue();
        assertThat(m.activeStreams()).isEqualTo(3);
        ha.close();
        hb.close();
        assertThat(streamThreads(m)).isEqualTo(1);
        hc.close();
        await(() -> streamThreads(m) == 0);
        // a new stream starts a new thread
        StreamHandle again = m.stream(BTC, Interval.M1, a);
        await(() -> streamThreads(m) == 1);
        m.close();
        assertThat(again.isOpen()).isFalse();
        await(() -> streamThreads(m) == 0);
    }

    @Test
    void closingTheHandleStopsDeliveriesAndClosingTwiceIsHarmless() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:00:30Z");
        try (SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofMillis(10))
                .build()) {
            Recorder r = new Recorder();
            StreamHandle h = m.stream(BTC, Interval.M1, r);
            await(() -> r.candles.size() >= 2);
            assertThat(h.isOpen()).isTrue();
            h.close();
            h.close();
            assertThat(h.isOpen()).isFalse();
            int count = r.candles.size();
            Thread.sleep(60);
            assertThat(r.candles).hasSize(count);
            assertThat(m.activeStreams()).isZero();
        }
    }

    @Test
    void aListenerMayCloseItsOwnStreamFromTheCallback() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:00:30Z");
        try (SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofMillis(10))
                .build()) {
            AtomicInteger calls = new AtomicInteger();
            StreamHandle[] handle = new StreamHandle[1];
            java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);
            handle[0] = m.stream(BTC, Interval.M1, c -> {
                try {
                    subscribed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (calls.incrementAndGet() == 3) {
                    handle[0].close();
                }
            });
            subscribed.countDown();
            await(() -> !handle[0].isOpen());
            Thread.sleep(50);
            assertThat(calls.get()).isEqualTo(3);
            await(() -> streamThreads(m) == 0);
        }
    }

    @Test
    void aFailingListenerIsToldAndTheStreamGoesOn() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:00:30Z");
        try (SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofMillis(10))
                .build()) {
            AtomicInteger calls = new AtomicInteger();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            StreamHandle h = m.stream(BTC, Interval.M1, new CandleListener() {
                @Override
                public void onCandle(Candle candle) {
                    if (calls.incrementAndGet() % 2 == 1) {
                        throw new IllegalStateException("listener bug");
                    }
                }

                @Override
                public void onError(Throwable error, boolean fatal) {
                    assertThat(fatal).isFalse();
                    errors.add(error);
                }
            });
            await(() -> calls.get() >= 6);
            h.close();
            assertThat(errors).isNotEmpty().allMatch(e -> e.getMessage().equals("listener bug"));
        }
    }

    @Test
    void aListenerThatThrowsOnAClosedCandleDoesNotGetItTwice() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:00:30Z");
        try (SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofSeconds(60))
                .build()) {
            Recorder r = new Recorder() {
                @Override
                public void onCandle(Candle candle) {
                    super.onCandle(candle);
                    if (candle.closed() && candle.openTime().equals(Instant.parse("2025-06-11T10:01:00Z"))) {
                        throw new IllegalStateException("listener bug");
                    }
                }
            };
            SimulatedMarket.Subscription s = (SimulatedMarket.Subscription) m.stream(BTC, Interval.M1, r);
            await(() -> r.candles.size() == 1);
            clock.set(Instant.parse("2025-06-11T10:04:10Z"));
            s.run(); // as the scheduler would: delivers 10:00, 10:01 (throws), then stops this tick
            assertThat(r.errors).hasSize(1);
            s.run(); // the rest, 10:02 and 10:03, then the open 10:04
            s.run();
            assertThat(r.closed())
                    .extracting(Candle::openTime)
                    .containsExactly(
                            Instant.parse("2025-06-11T10:00:00Z"),
                            Instant.parse("2025-06-11T10:01:00Z"),
                            Instant.parse("2025-06-11T10:02:00Z"),
                            Instant.parse("2025-06-11T10:03:00Z"));
            assertThat(r.candles.get(r.candles.size() - 1).closed()).isFalse();
        }
    }

    @Test
    void aClosedMarketClosesItsStreamsAndRefusesNewOnesButStillAnswersQueries() throws InterruptedException {
        MutableClock clock = MutableClock.at("2025-06-11T10:00:30Z");
        SimulatedMarket m = SimulatedMarket.builder()
                .clock(clock)
                .tickInterval(Duration.ofMillis(10))
                .build();
        Recorder r = new Recorder();
        List<StreamHandle> handles = new ArrayList<>();
        handles.add(m.stream(BTC, Interval.M1, r));
        handles.add(m.stream(BTC, Interval.M5, r));
        await(() -> r.candles.size() >= 2);
        m.close();
        m.close();
        assertThat(handles).noneMatch(StreamHandle::isOpen);
        await(() -> streamThreads(m) == 0);
        assertThatThrownBy(() -> m.stream(BTC, Interval.M1, r))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(m.klines(BTC, Interval.M1, 3)).hasSize(3);
    }
}
