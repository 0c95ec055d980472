package io.cryptogo.examples.app.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.model.Interval;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cached kline answers: ETag and 304, immutable fully closed ranges, gzip on demand, one build per answer. */
@Timeout(30)
class KlineCacheTest {
    static final Instant NOW = Instant.parse("2026-11-30T07:30:30Z");
    final AppMarket market = new AppMarket(NOW);
    final TestApp app = TestApp.start(market);

    @AfterEach
    void stop() {
        app.close();
    }

    String closedRange() {
        long end = Interval.M1.alignMillis(NOW.toEpochMilli()) - 60_000; // the last closed minute
        long start = end - 999 * 60_000L;
        return "/api/v1/market/klines?symbol=BTC/USDT&interval=1m&limit=1000&startTime=" + start + "&endTime=" + end;
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return app.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aFullyClosedRangeIsImmutableWithAnETagAndAConditionalRequestGets304() throws Exception {
        HttpResponse<byte[]> first = get(closedRange());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(first.body())).hasSize(1000);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"");
        assertThat(first.headers().firstValue("Cache-Control")).contains(KlineCache.IMMUTABLE);

        HttpResponse<byte[]> again = get(closedRange(), "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(etag);

        HttpResponse<byte[]> other = get(closedRange(), "If-None-Match", "W/\"someotherversion\"");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(first.body());
    }

    @Test
    void aClosedRangeIsBuiltOnceAndServedFromBytesAfterwards() throws Exception {
        get(closedRange());
        int calls = market.klinesCalls();
        for (int i = 0; i < 5; i++) {
            assertThat(get(closedRange()).statusCode()).isEqualTo(200);
        }
        assertThat(market.klinesCalls()).isEqualTo(calls);
    }

    @Test
    void gzipIsSentWhenAskedAndDecompressesToTheSameJson() throws Exception {
        byte[] plain = get(closedRange()).body();
        HttpResponse<byte[]> gz = get(closedRange(), "Accept-Encoding", "gzip, deflate, br");
        assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gz.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(gz.body().length).isLessThan(plain.length / 3);
        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
        assertThat(new String(inflated, StandardCharsets.UTF_8)).isEqualTo(new String(plain, StandardCharsets.UTF_8));

        HttpResponse<byte[]> refused = get(closedRange(), "Accept-Encoding", "gzip;q=0, identity");
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.body()).isEqualTo(plain);
    }

    @Test
    void theLatestCandlesAreRevalidatedNotImmutableAndSmallAnswersAreNotCompressed() throws Exception {
        HttpResponse<byte[]> latest =
                get("/api/v1/market/klines?symbol=BTC/USDT&interval=1m&limit=2", "Accept-Encoding", "gzip");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.headers().firstValue("Cache-Control")).contains(KlineCache.REVALIDATE);
        assertThat(latest.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(Json.mapper().readTree(latest.body()).get(1).get("closed").asBoolean())
                .isFalse();
        String etag = latest.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/api/v1/market/klines?symbol=BTC/USDT&interval=1m&limit=2", "If-None-Match", etag)
                        .statusCode())
                .isEqualTo(304);
    }

    @Test
    void ifNoneMatchAndAcceptEncodingParsing() {
        assertThat(KlineCache.matches("W/\"a\", W/\"b\"", "W/\"b\"")).isTrue();
        assertThat(KlineCache.matches("\"b\"", "W/\"b\"")).isTrue();
        assertThat(KlineCache.matches("*", "W/\"b\"")).isTrue();
        assertThat(KlineCache.matches("W/\"c\"", "W/\"b\"")).isFalse();
        assertThat(KlineCache.acceptsGzip("br, gzip;q=0.5")).isTrue();
        assertThat(KlineCache.acceptsGzip("gzip;q=0.0")).isFalse();
        assertThat(KlineCache.acceptsGzip("identity")).isFalse();
    }

    @Test
    void whileOneRequestRebuildsTheLatestAnswerTheOthersGetThePreviousOneWithoutWaiting() throws Exception {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        KlineCache cache = new KlineCache(
                Json.mapper(),
                java.time.Duration.ofSeconds(1),
                1 << 20,
                java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC),
                nanos::get);
        java.util.concurrent.CountDownLatch rebuilding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean block = new java.util.concurrent.atomic.AtomicBoolean();
        io.cryptogo.market.KlineQuery q = io.cryptogo.market.KlineQuery.latest(AppMarket.BTC, Interval.M1, 50);
        try (TestApp t = TestApp.start(
                market,
                a -> a.routes()
                        .get(
                                "/k",
                                ctx -> cache.serve(ctx, q, () -> {
                                    if (block.get()) {
                                        rebuilding.countDown();
                                        try {
                                            release.await();
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        }
                                    }
                                    return market.klines(q);
                                })))) {
            java.util.function.Supplier<HttpResponse<byte[]>> get = () -> t.http()
                    .sendAsync(
                            HttpRequest.newBuilder(URI.create(t.url() + "/k")).build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .join();
            HttpResponse<byte[]> first = get.get();
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(cache.builds()).isEqualTo(1);

            nanos.addAndGet(1_500_000_000L); // past the TTL, under two TTLs
            block.set(true);
            var rebuild = java.util.concurrent.CompletableFuture.supplyAsync(get);
            assertThat(rebuilding.await(20, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();

            // the rebuild is stuck in the market; another request gets the previous answer at once
            HttpResponse<byte[]> meanwhile = get.get();
            assertThat(meanwhile.statusCode()).isEqualTo(200);
            assertThat(meanwhile.body()).isEqualTo(first.body());
            assertThat(cache.staleHits()).isEqualTo(1);
            assertThat(rebuild).isNotDone();

            release.countDown();
            assertThat(rebuild.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode())
                    .isEqualTo(200);
            assertThat(cache.builds()).isEqualTo(2);

            // two TTLs on, the old answer is too old to stand in: the next request builds
            block.set(false);
            nanos.addAndGet(2_500_000_000L);
            assertThat(get.get().statusCode()).isEqualTo(200);
            assertThat(cache.builds()).isEqualTo(3);
            assertThat(cache.staleHits()).isEqualTo(1);
        }
    }
}
