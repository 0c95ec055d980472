package io.cryptogo.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderFaultTest {

    @Test
    void a429KeepsItsRetryAfterThroughLangchainsWrapping() {
        var http = new ProviderHttpException(429, "{\"error\":\"slow down\"}", Optional.of(Duration.ofSeconds(7)));
        ProviderFault f = ProviderFault.classify(new RateLimitException(http));
        assertThat(f.kind()).isEqualTo(ProviderFault.Kind.RATE_LIMITED);
        assertThat(f.retriable()).isTrue();
        assertThat(f.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(f.status()).hasValue(429);
        assertThat(f.message()).contains("HTTP 429").contains("7000 ms").contains("slow down");
    }

    @Test
    void timeoutsAndServerErrorsAreTold() {
        assertThat(ProviderFault.classify(new TimeoutException(new java.net.http.HttpTimeoutException("x")))
                        .kind())
                .isEqualTo(ProviderFault.Kind.TIMEOUT);
        assertThat(ProviderFault.classify(new ProviderHttpException(503, "", Optional.empty()))
                        .kind())
                .isEqualTo(ProviderFault.Kind.SERVER_ERROR);
        assertThat(ProviderFault.classify(new ProviderHttpException(401, "", Optional.empty()))
                        .retriable())
                .isFalse();
    }

    @Test
    void keysEchoedByTheProviderAreMasked() {
        ProviderFault f = ProviderFault.classify(
                new ProviderHttpException(401, "Incorrect API key provided: sk-proj-abcdef123456", Optional.empty()));
        assertThat(f.message()).doesNotContain("abcdef123456").contains("sk-****");
    }

    @Test
    void retryAfterIsReadInSecondsMillisecondsOrAsADate() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(ProviderHttpClient.retryAfter(Map.of("Retry-After", List.of("12")), clock))
                .contains(Duration.ofSeconds(12));
        assertThat(ProviderHttpClient.retryAfter(Map.of("retry-after-ms", List.of("1500")), clock))
                .contains(Duration.ofMillis(1500));
        assertThat(ProviderHttpClient.retryAfter(
                        Map.of("retry-after", List.of("Wed, 01 Jan 2025 00:01:00 GMT")), clock))
                .contains(Duration.ofMinutes(1));
        assertThat(ProviderHttpClient.retryAfter(Map.of(), clock)).isEmpty();
    }
}
