package io.cryptogo.ai.provider;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/** An HTTP error from a model provider that keeps what langchain4j's own drops: the {@code Retry-After}. */
public final class ProviderHttpException extends HttpException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Duration> retryAfter;

    public ProviderHttpException(int statusCode, String body, Optional<Duration> retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    /** The wait the provider asked for, when it said. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
