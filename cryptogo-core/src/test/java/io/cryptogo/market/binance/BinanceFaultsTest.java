package io.cryptogo.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.FakeBinanceServer.Fault;
import io.cryptogo.testing.ManualClock;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted Binance faults against the rate limiter, the retries and the error translation. */
class BinanceFaultsTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    final ManualClock clock = ManualClock.at("2024-03-10T12:34:56.789Z");
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    FakeBinanceServer server;
    BinanceMarketData binance;

    @BeforeEach
    void start() {
        server = FakeBinanceServer.start(clock);
        binance = builder().build();
    }

    BinanceMarketData.Builder builder() {
        return BinanceMarketData.builder()
                .baseUrl(server.baseUrl())
                .clock(clock)
                .sleeper(sleeper)
                // generous, so that an ordinary loopback answer never times out on a loaded CI machine
                .requestTimeout(Duration.ofSeconds(30));
    }

    /** The timeout tests use a short one; the scripted delay outlasts it by far (cut short at close). */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    static final Duration HANG = Duration.ofSeconds(60);

    @AfterEach
    void stop() {
        binance.close();
        server.close();
    }

    @Test
    void a429IsHonouredByWaitingRetryAfterThenRetrying() {
        server.enqueue("/api/v3/klines", Fault.tooManyRequests(Duration.ofSeconds(3)));

        assertThat(binance.klines(BTC, Interval.H1, 10)).hasSize(10);

        assertThat(server.requests("/api/v3/klines")).hasSize(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
        assertThat(server.requests().get(1).time())
                .isAfterOrEqualTo(server.requests().get(0).time().plusSeconds(3));
    }

    @Test
    void a429LongerThanTheAllowedWaitFailsWithRetryAfterAndIsNotRepeated() {
        server.enqueue(Fault.tooManyRequests(Duration.ofSeconds(120)));

        assertThatThrownBy(() -> binance.ticker(BTC)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.banned()).isFalse();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
            assertThat(e.getCause()).isInstanceOf(BinanceApiException.class);
        });
        assertThat(server.requestCount()).isEqualTo(1);

        // and no request is sent before Retry-After has passed: the next call fails without sending
        assertThatThrownBy(() -> binance.ticker(BTC)).isInstanceOf(RateLimitedException.class);
        assertThat(server.requestCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(121));
        assertThat(binance.ticker(BTC).symbol()).isEqualTo(BTC);
    }

    @Test
    void theProbeNeverWaitsForARateLimitPause() {
        server.enqueue(Fault.tooManyRequests(Duration.ofSeconds(30)).header("X-MBX-USED-WEIGHT-1M", "6100"));
        binance.close();
        binance = builder().maxRetries(0).build();
        assertThatThrownBy(() -> binance.ticker(BTC)).isInstanceOf(RateLimitedException.class);

        assertThat(binance.probe()).hasValueSatisfying(r -> assertThat(r).contains("pause"));
        assertThat(sleeper.waits).isEmpty();
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void a418BanStopsEveryRequestUntilTheBanEnds() {
        Instant until = clock.instant().plusSeconds(300);
        server.enqueue(Fault.banned(Duration.ofSeconds(300), until));

        assertThatThrownBy(() -> binance.klines(BTC, Interval.H1, 10))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.banned()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(300));
                });
        int sent = server.requestCount();
        assertThat(sent).as("a ban is never retried").isEqualTo(1);

        clock.advance(Duration.ofSeconds(200));
        assertThatThrownBy(() -> binance.klines(BTC, Interval.H1, 10))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.banned()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(100));
                });
        assertThatThrownBy(() -> binance.ticker(BTC)).isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> binance.stats24h(BTC)).isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(binance::symbols).isInstanceOf(RateLimitedException.class);
        assertThat(binance.probe()).hasValueSatisfying(r -> assertThat(r).contains("banned"));
        assertThat(server.requestCount()).as("nothing sent during the ban").isEqualTo(sent);
        assertThat(sleeper.waits).as("and nobody waited for it").isEmpty();

        clock.advance(Duration.ofSeconds(101));
        assertThat(binance.klines(BTC, Interval.H1, 10)).hasSize(10);
        assertThat(server.requestCount()).isEqualTo(sent + 1);
    }

    @Test
    void theBanEndWrittenInThe418BodyWinsOverAShorterRetryAfter() {
        server.enqueue(Fault.banned(Duration.ofSeconds(10), clock.instant().plusSeconds(600)));

        assertThatThrownBy(() -> binance.ticker(BTC)).isInstanceOf(RateLimitedException.class);
        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> binance.ticker(BTC))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(570)));
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoffThenSucceed() {
        server.enqueue("/api/v3/klines", Fault.serverError(500));
        server.enqueue("/api/v3/klines", Fault.serverError(503));

        assertThat(binance.klines(BTC, Interval.M15, 20)).hasSize(20);

        assertThat(server.requests("/api/v3/klines")).hasSize(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheRetriesAsExchangeUnavailable() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(Fault.serverError(502));
        }

        assertThatThrownBy(() -> binance.stats24h(BTC))
                .isExactlyInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("HTTP 502")
                .satisfies(e -> assertThat(((ExchangeUnavailableException) e).retriable())
                        .isTrue())
                .cause()
                .isInstanceOfSatisfying(
                        BinanceApiException.class, c -> assertThat(c.status()).isEqualTo(502));
        assertThat(server.requestCount()).isEqualTo(4);
        assertThat(sleeper.waits)
                .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void aTimeoutIsRetried() {
        binance.close();
        binance = builder().requestTimeout(TIMEOUT).build();
        server.enqueue(Fault.delay(HANG));

        assertThat(binance.ticker(BTC).price().signum()).isPositive();

        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void persistentTimeoutsFailAsExchangeUnavailableWithTheTimeoutAsCause() {
        binance.close();
        binance = builder().requestTimeout(TIMEOUT).maxRetries(1).build();
        server.enqueue(Fault.delay(HANG));
        server.enqueue(Fault.delay(HANG));

        assertThatThrownBy(() -> binance.ticker(BTC))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("did not answer GET /api/v3/ticker/24hr within 2 s")
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void malformedJsonIsRetriedAsATransientFailure() {
        server.enqueue("/api/v3/klines", Fault.malformed());

        assertThat(binance.klines(BTC, Interval.H4, 7)).hasSize(7);
        assertThat(server.requests("/api/v3/klines")).hasSize(2);
    }

    @Test
    void persistentlyMalformedJsonFailsAsExchangeUnavailable() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(Fault.status(200, "<html>maintenance</html>"));
        }

        assertThatThrownBy(() -> binance.klines(BTC, Interval.H4, 7))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("unreadable answer")
                .hasCauseInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aUsedUpWeightBudgetWaitsForTheNextMinuteBeforeSending() {
        server.extraUsedWeight(5399); // other clients on this IP used almost all of the minute

        binance.klines(BTC, Interval.H1, 10);
        assertThat(sleeper.waits).isEmpty();
        binance.klines(BTC, Interval.H1, 10);

        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(3211)); // 12:34:56.789 -> 12:35:00
        assertThat(server.requests("/api/v3/klines").get(1).time()).isEqualTo(Instant.parse("2024-03-10T12:35:00Z"));
    }

    @Test
    void aFixedBudgetIsNeverExceededWithinAMinute() {
        binance.close();
        binance = builder().weightBudget(10).build();

        for (int i = 0; i < 6; i++) {
            binance.klines(BTC, Interval.M1, 1);
        }

        assertThat(server.requests()).hasSize(6);
        assertThat(server.requests().subList(0, 5))
                .allMatch(r -> r.time().isBefore(Instant.parse("2024-03-10T12:35:00Z")));
        assertThat(server.requests().get(5).time()).isEqualTo(Instant.parse("2024-03-10T12:35:00Z"));
        assertThat(binance.usedWeight()).isEqualTo(2);
    }

    @Test
    void aBudgetWaitLongerThanTheAllowedWaitFailsInsteadOfBlocking() {
        binance.close();
        binance = builder().weightBudget(2).maxWait(Duration.ofSeconds(1)).build();
        binance.klines(BTC, Interval.M1, 1);

        assertThatThrownBy(() -> binance.klines(BTC, Interval.M1, 1))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(3211)));
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void anUnreachableServerIsExchangeUnavailableAfterRetries() {
        var gone = server.baseUrl();
        server.close();
        binance.close();
        binance = BinanceMarketData.builder()
                .baseUrl(gone)
                .clock(clock)
                .sleeper(sleeper)
                .build();

        assertThatThrownBy(() -> binance.klines(BTC, Interval.H1, 1)).isInstanceOf(ExchangeUnavailableException.class);
        assertThat(sleeper.waits).hasSize(3);
    }
}
