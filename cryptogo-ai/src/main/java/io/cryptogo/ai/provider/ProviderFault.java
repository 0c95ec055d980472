package io.cryptogo.ai.provider;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What went wrong when calling a model, in terms a decision loop can act on: whether a retry may help
 * ({@link #retriable()}) and after how long ({@link #retryAfter()}). {@link #message()} is safe to store
 * and log: API keys that a provider echoes are masked and bodies are cut short.
 */
public record ProviderFault(Kind kind, OptionalInt status, Optional<Duration> retryAfter, String message) {
    private static final Pattern KEYS = Pattern.compile("(sk-(?:ant-)?)[A-Za-z0-9_\\-*]{4,}");
    private static final int MAX_BODY = 300;

    /** The kinds of provider failure. */
    public enum Kind {
        /** No answer within the timeout. */
        TIMEOUT,
        /** HTTP 429: too many requests or tokens; wait {@link #retryAfter()}. */
        RATE_LIMITED,
        /** HTTP 5xx, or 529 (Anthropic overloaded). */
        SERVER_ERROR,
        /** The model declined (content filter, refusal). */
        REFUSED,
        /** The call succeeded but the answer held no text. */
        EMPTY_ANSWER,
        /** HTTP 401/403: the key is missing or wrong. */
        AUTHENTICATION,
        /** HTTP 400/404: the request or the model name is wrong. */
        BAD_REQUEST,
        /** The server could not be reached. */
        NETWORK,
        /** Anything else. */
        OTHER
    }

    public ProviderFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(message, "message");
    }

    /** Whether repeating the same call later may succeed. */
    public boolean retriable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR;
    }

    /** A fault that is not an exception: an empty answer, a refusal. */
    public static ProviderFault of(Kind kind, String message) {
        return new ProviderFault(kind, OptionalInt.empty(), Optional.empty(), mask(message));
    }

    /** Classifies whatever a langchain4j chat model threw (the HTTP status is looked up along the causes). */
    public static ProviderFault classify(Throwable t) {
        ProviderHttpException http = find(t, ProviderHttpException.class);
        int status = http != null ? http.statusCode() : statusOf(t);
        Optional<Duration> retryAfter = http != null ? http.retryAfter() : Optional.empty();
        String body = http != null ? cut(http.getMessage()) : cut(rootMessage(t));
        Kind kind;
        if (find(t, TimeoutException.class) != null || find(t, HttpTimeoutException.class) != null) {
            kind = Kind.TIMEOUT;
        } else if (status == 429 || find(t, RateLimitException.class) != null) {
            kind = Kind.RATE_LIMITED;
        } else if (status >= 500 || find(t, dev.langchain4j.exception.InternalServerException.class) != null) {
            kind = Kind.SERVER_ERROR;
        } else if (find(t, ContentFilteredException.class) != null) {
            kind = Kind.REFUSED;
        } else if (status == 401 || status == 403 || find(t, AuthenticationException.class) != null) {
            kind = Kind.AUTHENTICATION;
        } else if (status == 400
                || status == 404
                || status == 422
                || find(t, InvalidRequestException.class) != null
                || find(t, ModelNotFoundException.class) != null) {
            kind = Kind.BAD_REQUEST;
        } else if (find(t, java.io.IOException.class) != null) {
            kind = Kind.NETWORK;
        } else {
            kind = Kind.OTHER;
        }
        String what = switch (kind) {
            case TIMEOUT -> "the model did not answer in time";
            case RATE_LIMITED -> "rate limited by the provider";
            case SERVER_ERROR -> "the provider failed";
            case REFUSED -> "the model refused to answer";
            case EMPTY_ANSWER -> "the answer was empty";
            case AUTHENTICATION -> "the provider rejected the API key";
            case BAD_REQUEST -> "the provider rejected the request";
            case NETWORK -> "the provider could not be reached";
            case OTHER -> "calling the model failed";
        };
        StringBuilder m = new StringBuilder(what);
        if (status > 0) {
            m.append(" (HTTP ").append(status).append(')');
        }
        retryAfter.ifPresent(
                d -> m.append(", retry after ").append(d.toMillis()).append(" ms"));
        if (!body.isBlank()) {
            m.append(": ").append(body);
        }
        return new ProviderFault(
                kind, status > 0 ? OptionalInt.of(status) : OptionalInt.empty(), retryAfter, mask(m.toString()));
    }

    private static int statusOf(Throwable t) {
        HttpException h = find(t, HttpException.class);
        return h == null ? 0 : h.statusCode();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > MAX_BODY ? one.substring(0, MAX_BODY) + "…" : one;
    }

    static String mask(String s) {
        return KEYS.matcher(s).replaceAll("$1****");
    }
}
