package io.cryptogo.examples.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.examples.app.testing.Eventually;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three instances against the real Redis (127.0.0.1:6379, a unique key prefix): one upstream per stream,
 * every subscriber of every instance gets the same closed candles in order, and when the holder dies
 * another takes over within 10 s, filling the gap's closed candles from REST, with no duplicate or hole.
 */
@Timeout(90)
class RedisSharedMarketTest {
    static final String REDIS = "redis://127.0.0.1:6379";
    static final long T0 = Instant.parse("2026-11-30T08:00:00Z").toEpochMilli();
    static final long MIN = 60_000;

    final ManualClock clock = new ManualClock(Instant.ofEpochMilli(T0 + 30_000));
    final String prefix = "cryptogo-test:" + UUID.randomUUID() + ":";
    final List<FakeMarket> exchanges = new ArrayList<>();
    final List<RedisSharedMarket> instances = new ArrayList<>();
    final List<List<Candle>> received = new ArrayList<>();
    final List<StreamHandle> handles = new ArrayList<>();

    RedisSharedMarket instance(int i) {
        FakeMarket exchange = new FakeMarket(clock);
        exchanges.add(exchange);
        RedisSharedMarket m = RedisSharedMarket.builder(exchange, REDIS)
                .instanceId("app" + i)
                .prefix(prefix)
                .lease(Duration.ofMillis(1500), Duration.ofMillis(200))
                .clock(clock)
                .build();
        instances.add(m);
        List<Candle> got = new CopyOnWriteArrayList<>();
        received.add(got);
        handles.add(m.stream(FakeMarket.BTC, Interval.M1, got::add));
        return m;
    }

    @AfterEach
    void stop() {
        instances.forEach(RedisSharedMarket::close);
        // the last-closed keys outlive the instances: remove this run's keys from the shared Redis
        io.lettuce.core.RedisClient redis = io.lettuce.core.RedisClient.create(REDIS);
        try (var c = redis.connect()) {
            List<String> keys = c.sync().keys(prefix + "*");
            if (!keys.isEmpty()) {
                c.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            redis.shutdown();
        }
    }

    int holderIndex() {
        int h = -1;
        for (int i = 0; i < exchanges.size(); i++) {
            if (exchanges.get(i).streamsOpen() > 0) {
                assertThat(h).as("a second upstream on instance " + i).isEqualTo(-1);
                h = i;
            }
        }
        return h;
    }

    static List<Long> closedTimes(List<Candle> got) {
        return got.stream()
                .filter(Candle::closed)
                .map(c -> c.openTime().toEpochMilli())
                .toList();
    }

    static List<Long> minutes(long from, long toInclusive) {
        List<Long> out = new ArrayList<>();
        for (long t = from; t <= toInclusive; t += MIN) {
            out.add(t);
        }
        return out;
    }

    /** The holder's exchange closes the candle of {@code openTime} (the clock moves into the next minute). */
    void close(int holder, long openTime) {
        clock.set(Instant.ofEpochMilli(openTime + MIN + 1_000));
        exchanges.get(holder).emit(FakeMarket.candle(FakeMarket.BTC, Interval.M1, openTime, true));
    }

    @Test
    void oneUpstreamServesEveryInstanceAndAnotherTakesOverWhenTheHolderDies() {
        for (int i = 0; i < 3; i++) {
            instance(i);
        }
        Eventually.holds(Duration.ofSeconds(10), "an instance holds the upstream", () -> holderIndex() >= 0);
        int holder = holderIndex();

        // an open-candle update and five closed candles reach every subscriber of every instance, in order
        exchanges.get(holder).emit(FakeMarket.candle(FakeMarket.BTC, Interval.M1, T0, false));
        for (int k = 0; k < 5; k++) {
            close(holder, T0 + k * MIN);
        }
        List<Long> firstFive = minutes(T0, T0 + 4 * MIN);
        Eventually.holds(
                Duration.ofSeconds(10),
                "condition",
                () -> received.stream().allMatch(r -> closedTimes(r).equals(firstFive)));
        assertThat(received).allSatisfy(r -> assertThat(r.get(0).closed()).isFalse());
        // many lease checks have passed meanwhile: still one upstream was ever opened in the cluster
        assertThat(exchanges.stream().mapToInt(FakeMarket::streamsOpened).sum()).isEqualTo(1);
        assertThat(holderIndex()).isEqualTo(holder);

        // the holder dies without a word (no lease release); three minutes close while nobody streams
        instances.get(holder).crash();
        long died = System.nanoTime();
        clock.set(Instant.ofEpochMilli(T0 + 8 * MIN + 1_000)); // minutes 5, 6, 7 closed during the gap
        Eventually.holds(Duration.ofSeconds(10), "condition", () -> {
            int h = holderIndexAmongLive(holder);
            return h >= 0;
        });
        assertThat(Duration.ofNanos(System.nanoTime() - died)).isLessThan(Duration.ofSeconds(10));
        int next = holderIndexAmongLive(holder);
        assertThat(next).isNotEqualTo(holder);

        // the new holder filled 5..7 from REST; minute 8 then closes live
        close(next, T0 + 8 * MIN);
        List<Long> all = minutes(T0, T0 + 8 * MIN);
        for (int i = 0; i < 3; i++) {
            if (i == holder) {
                continue;
            }
            List<Candle> r = received.get(i);
            Eventually.holds(
                    Duration.ofSeconds(10), "condition", () -> closedTimes(r).equals(all));
        }
        assertThat(instances.get(next).restFills()).isPositive();
        // the surviving instances saw exactly the same closed candles, values included
        int a = holder == 0 ? 1 : 0;
        int b = 3 - holder - a;
        assertThat(received.get(a).stream().filter(Candle::closed).toList())
                .isEqualTo(received.get(b).stream().filter(Candle::closed).toList())
                .isEqualTo(all.stream()
                        .map(t -> FakeMarket.candle(FakeMarket.BTC, Interval.M1, t, true))
                        .toList());
    }

    int holderIndexAmongLive(int dead) {
        int h = -1;
        for (int i = 0; i < exchanges.size(); i++) {
            if (i != dead && exchanges.get(i).streamsOpen() > 0) {
                assertThat(h).as("a second upstream").isEqualTo(-1);
                h = i;
            }
        }
        return h;
    }

    @Test
    void theLastSubscriberLeavingReleasesTheLeaseAndAnotherInstanceTakesOverAtOnce() {
        instance(0);
        Eventually.holds(
                Duration.ofSeconds(10), "condition", () -> exchanges.get(0).streamsOpen() == 1);
        instance(1);
        handles.get(0).close();
        Eventually.holds(
                Duration.ofSeconds(3), "condition", () -> exchanges.get(1).streamsOpen() == 1);
        assertThat(exchanges.get(0).streamsOpen()).isZero();
        exchanges.get(1).emit(FakeMarket.candle(FakeMarket.BTC, Interval.M1, T0, true));
        Eventually.holds(
                Duration.ofSeconds(5),
                "condition",
                () -> closedTimes(received.get(1)).equals(List.of(T0)));
        assertThat(received.get(0)).isEmpty();
    }
}
