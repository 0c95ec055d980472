package io.cryptogo.market.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.market.CandleListener;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A stream whose WebSocket handshake never gets an answer gives up on that attempt and tries again. */
class BinanceStreamHandshakeTimeoutTest {
    @Test
    void aHandshakeThatNeverAnswersIsAbandonedAndRetried() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        List<Socket> held = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accept the TCP connection, never answer the upgrade
                        accepted.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            BinanceMarketData binance = BinanceMarketData.builder()
                    .baseUrl(URI.create("http://127.0.0.1:9"))
                    .streamUrl(URI.create("ws://127.0.0.1:" + silent.getLocalPort()))
                    .connectTimeout(Duration.ofMillis(300))
                    .requestTimeout(Duration.ofMillis(500))
                    .streamReconnectDelay(Duration.ofMillis(20))
                    .build();
            try (binance;
                    StreamHandle h = binance.stream("BTC/USDT", Interval.M1, new CandleListener() {
                        @Override
                        public void onCandle(Candle candle) {}

                        @Override
                        public void onError(Throwable error, boolean fatal) {
                            errors.add(error);
                        }
                    })) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (accepted.get() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(accepted.get()).as("connection attempts").isGreaterThanOrEqualTo(2);
                assertThat(errors).isNotEmpty();
                assertThat(h.isOpen()).isTrue();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
