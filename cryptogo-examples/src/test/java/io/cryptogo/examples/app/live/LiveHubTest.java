package io.cryptogo.examples.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LiveHubTest {
    static final Instant NOW = Instant.parse("2025-01-15T12:34:56Z");
    static final StreamKey BTC_1M = new StreamKey(AppMarket.BTC, Interval.M1);
    static final StreamKey BTC_5M = new StreamKey(AppMarket.BTC, Interval.M5);

    /** Completes every send at once, keeping the texts. */
    static final class Instant_ implements Outbox {
        final List<String> texts = new CopyOnWriteArrayList<>();
        volatile int closedWith;

        @Override
        public void send(String text, Runnable sent, Consumer<Throwable> failed) {
            texts.add(text);
            sent.run();
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        long count(String fragment) {
            return texts.stream().filter(t -> t.contains(fragment)).count();
        }
    }

    /** Never completes a send: a client that stopped reading. */
    static final class Stalled implements Outbox {
        final List<String> texts = new ArrayList<>();
        volatile int closedWith;

        @Override
        public synchronized void send(String text, Runnable sent, Consumer<Throwable> failed) {
            texts.add(text);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }
    }

    final AppMarket market = new AppMarket(NOW);
    final LiveHub hub = new LiveHub(market, Json.mapper(), 16, () -> 1000L);

    Candle update(String price) {
        return market.openCandle(AppMarket.BTC, Interval.M1, price);
    }

    @Test
    void twoClientsOnOneStreamShareOneUpstreamThatClosesWithTheLast() {
        LiveClient a = hub.connect("a", new Instant_());
        LiveClient b = hub.connect("b", new Instant_());
        hub.subscribe(a, BTC_1M);
        hub.subscribe(b, BTC_1M);
        assertThat(market.streamsOpened()).isEqualTo(1);
        assertThat(hub.subscribers(BTC_1M)).isEqualTo(2);

        hub.unsubscribe(a);
        assertThat(market.streamsOpen()).isEqualTo(1);
        hub.disconnect(b);
        assertThat(market.streamsOpen()).isZero();
        assertThat(hub.upstreamCount()).isZero();
    }

    @Test
    void everySubscriberGetsEachUpdateAndTheTicker() {
        Instant_ oa = new Instant_();
        Instant_ ob = new Instant_();
        hub.subscribe(hub.connect("a", oa), BTC_1M);
        hub.subscribe(hub.connect("b", ob), BTC_1M);
        market.emit(update("97001.50"));
        for (Instant_ o : List.of(oa, ob)) {
            assertThat(o.texts.get(0)).contains("\"type\":\"subscribed\"", "\"interval\":\"1m\"");
            assertThat(o.count("\"type\":\"candle\"")).isEqualTo(1);
            assertThat(o.texts).anySatisfy(t -> assertThat(t).contains("\"type\":\"ticker\"", "\"price\":97001.50"));
            assertThat(o.texts).anySatisfy(t -> assertThat(t).contains("\"close\":97001.50", "\"closed\":false"));
        }
    }

    @Test
    void switchingMovesTheClientToTheNewStreamAndReleasesTheOldOne() {
        Instant_ o = new Instant_();
        LiveClient c = hub.connect("a", o);
        hub.subscribe(c, BTC_1M);
        hub.subscribe(c, BTC_5M);
        assertThat(market.streamsOpened()).isEqualTo(2);
        assertThat(market.streamsOpen()).isEqualTo(1);
        assertThat(c.key()).isEqualTo(BTC_5M);

        market.emit(update("97100")); // on the old stream: nobody listens
        market.emit(market.openCandle(AppMarket.BTC, Interval.M5, "97200"));
        assertThat(o.count("\"type\":\"candle\"")).isEqualTo(1);
        assertThat(o.texts).anySatisfy(t -> assertThat(t).contains("\"interval\":\"5m\"", "97200"));
    }

    @Test
    void aStalledClientNeitherBlocksTheStreamNorDelaysAnother() {
        Stalled stalled = new Stalled();
        Instant_ fast = new Instant_();
        LiveClient slow = hub.connect("slow", stalled);
        hub.subscribe(slow, BTC_1M);
        hub.subscribe(hub.connect("fast", fast), BTC_1M);

        for (int i = 0; i < 1000; i++) {
            market.emit(update(Integer.toString(97000 + i)));
        }

        assertThat(fast.count("\"type\":\"candle\"")).isEqualTo(1000);
        assertThat(slow.queued()).isLessThanOrEqualTo(16);
        assertThat(slow.dropped()).isGreaterThanOrEqualTo(1000 - 16); // updates beyond the bounded queue
        assertThat(stalled.closedWith).isZero(); // open-candle updates are droppable: it stays connected
        assertThat(hub.clientCount()).isEqualTo(2);
    }

    @Test
    void fanOutThreadsCoalesceOpenUpdatesButDeliverEveryClosedCandleInOrderAndTheLatestUpdate() {
        LiveHub threaded = new LiveHub(market, Json.mapper(), 16, () -> 1000L, 2);
        try {
            List<Instant_> outs = List.of(new Instant_(), new Instant_(), new Instant_());
            for (int i = 0; i < outs.size(); i++) {
                threaded.subscribe(threaded.connect("c" + i, outs.get(i)), BTC_1M);
            }
            Instant t = Interval.M1.align(NOW).minusSeconds(60 * 100);
            for (int i = 0; i < 20_000; i++) {
                market.emit(update(Integer.toString(90_000 + i)));
                if (i % 1000 == 999) {
                    market.emit(AppMarket.candle(AppMarket.BTC, Interval.M1, t.plusSeconds(60L * (i / 1000)), true));
                }
            }
            market.emit(update("99999.99"));
            for (Instant_ o : outs) {
                io.cryptogo.examples.app.testing.Eventually.holds(
                        java.time.Duration.ofSeconds(30),
                        "the latest update reached every client",
                        () -> o.count("\"close\":99999.99") == 1);
                List<String> closed = o.texts.stream()
                        .filter(x -> x.contains("\"closed\":true"))
                        .toList();
                assertThat(closed).hasSize(20);
                for (int k = 0; k < 20; k++) {
                    assertThat(closed.get(k))
                            .contains("\"openTime\":" + t.plusSeconds(60L * k).toEpochMilli());
                }
            }
        } finally {
            threaded.close();
        }
    }

    @Test
    void aClientTooSlowForClosedCandlesIsDisconnectedAndCleanedUp() {
        Stalled stalled = new Stalled();
        LiveClient slow = hub.connect("slow", stalled);
        hub.subscribe(slow, BTC_1M);
        Instant t = Interval.M1.align(NOW).minusSeconds(60 * 100);
        for (int i = 0; i < 40; i++) {
            market.emit(AppMarket.candle(AppMarket.BTC, Interval.M1, t.plusSeconds(60L * i), true));
        }
        assertThat(stalled.closedWith).isEqualTo(LiveClient.TOO_SLOW);
        assertThat(hub.clientCount()).isZero();
        assertThat(market.streamsOpen()).isZero();
    }

    @Test
    void aFailedSendForgetsTheClient() {
        Outbox failing = new Outbox() {
            @Override
            public void send(String text, Runnable sent, Consumer<Throwable> failed) {
                failed.accept(new java.io.IOException("broken pipe"));
            }

            @Override
            public void close(int code, String reason) {}
        };
        LiveClient c = hub.connect("gone", failing);
        hub.subscribe(c, BTC_1M);
        assertThat(hub.clientCount()).isZero();
        assertThat(market.streamsOpen()).isZero();
    }

    @Test
    void aFatalUpstreamErrorIsReportedAndTheStreamReopensOnTheNextSubscribe() {
        Instant_ o = new Instant_();
        LiveClient c = hub.connect("a", o);
        hub.subscribe(c, BTC_1M);
        market.emitError(AppMarket.BTC, Interval.M1, new RuntimeException("gave up after 5 reconnects"), true);
        assertThat(o.texts).anySatisfy(t -> assertThat(t).contains("\"type\":\"error\"", "gave up", "\"fatal\":true"));
        assertThat(hub.upstreamCount()).isZero();
        hub.subscribe(c, BTC_1M);
        assertThat(market.streamsOpened()).isEqualTo(2);
        assertThat(hub.upstreamCount()).isEqualTo(1);
    }

    @Test
    void aRefusedStreamAnswersAnErrorAndOpensNothing() {
        Instant_ o = new Instant_();
        LiveClient c = hub.connect("a", o);
        market.failWith(new io.cryptogo.error.ExchangeUnavailableException("stream endpoint down"));
        hub.subscribe(c, BTC_1M);
        assertThat(o.texts)
                .singleElement()
                .satisfies(t -> assertThat(t).contains("\"error\":\"exchange_unavailable\"", "stream endpoint down"));
        assertThat(hub.upstreamCount()).isZero();
        assertThat(c.key()).isNull();
    }
}
