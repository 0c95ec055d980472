package io.cryptogo.examples.app;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer: {@code {"error": "invalid_request", "detail": "unknown interval '2m';
 * accepted values: 1m, 5m, 15m, 1h, 4h, 1d", "field": "interval"}}. {@code field} is present for invalid
 * input, {@code retryAfterSeconds} for rate limits.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String detail, String field, Long retryAfterSeconds) {
    public static ApiError of(String error, String detail) {
        return new ApiError(error, detail, null, null);
    }
}
