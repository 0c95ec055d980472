package io.cryptogo.ai.provider;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A langchain4j {@link HttpClient} on the JDK client that, unlike langchain4j's, keeps the response headers
 * of a failed call: a non-2xx answer becomes a {@link ProviderHttpException} with the {@code Retry-After}
 * (seconds or an HTTP date; {@code retry-after-ms} too), and a read timeout a langchain4j {@link
 * TimeoutException}. Streaming calls go to langchain4j's JDK client unchanged.
 */
final class ProviderHttpClient implements HttpClient {
    private final java.net.http.HttpClient client;
    private final Duration readTimeout;
    private final HttpClient streaming;
    private final Clock clock;

    private ProviderHttpClient(Builder b) {
        java.net.http.HttpClient.Builder jb =
                java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1);
        if (b.connectTimeout != null) {
            jb.connectTimeout(b.connectTimeout);
        }
        this.client = jb.build();
        this.readTimeout = b.readTimeout;
        this.clock = b.clock;
        this.streaming = new JdkHttpClientBuilder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .build();
    }

    static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder rb = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((k, vs) -> vs.forEach(v -> rb.header(k, v)));
        rb.method(
                request.method().name(),
                request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        if (readTimeout != null) {
            rb.timeout(readTimeout);
        }
        HttpResponse<String> resp;
        try {
            resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("calling the model provider failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the model provider", e);
        }
        Map<String, List<String>> headers = resp.headers().map();
        if (resp.statusCode() < 200 || resp.statusCode() > 299) {
            throw new ProviderHttpException(resp.statusCode(), resp.body(), retryAfter(headers, clock));
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(resp.statusCode())
                .headers(headers)
                .body(resp.body())
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        streaming.execute(request, parser, listener);
    }

    /** {@code retry-after-ms}, else {@code Retry-After} in seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(Map<String, List<String>> headers, Clock clock) {
        Optional<String> ms = header(headers, "retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.get()))));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        Optional<String> ra = header(headers, "retry-after");
        if (ra.isEmpty()) {
            return Optional.empty();
        }
        String v = ra.get().strip();
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().equalsIgnoreCase(name)
                    && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** langchain4j sets the timeouts; {@link #build()} makes the client. */
    static final class Builder implements HttpClientBuilder {
        private final Clock clock;
        private Duration connectTimeout;
        private Duration readTimeout;

        private Builder(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttpClient(this);
        }
    }
}
