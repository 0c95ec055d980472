package io.cryptogo.examples.app;

import com.fasterxml.jackson.core.JacksonException;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.error.SignalParseException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the CryptoGo exception tree to HTTP answers in one place, all with an {@link ApiError} body and never
 * a stack trace:
 *
 * <table>
 * <caption>What each failure answers</caption>
 *   <tr><th>exception</th><th>status</th><th>error</th></tr>
 *   <tr><td>InvalidRequestException</td><td>400</td><td>invalid_request (+ field)</td></tr>
 *   <tr><td>RiskRejectedException</td><td>422</td><td>risk_rejected (+ rule, limit, value)</td></tr>
 *   <tr><td>RateLimitedException</td><td>503</td><td>rate_limited (+ Retry-After)</td></tr>
 *   <tr><td>ExchangeUnavailableException</td><td>502</td><td>exchange_unavailable</td></tr>
 *   <tr><td>SignalParseException</td><td>502</td><td>signal_unreadable</td></tr>
 *   <tr><td>malformed JSON body</td><td>400</td><td>invalid_request (field body)</td></tr>
 *   <tr><td>Javalin's HttpResponseException</td><td>its status</td><td>its message</td></tr>
 *   <tr><td>anything else</td><td>500</td><td>internal_error (an id to find it in the log)</td></tr>
 * </table>
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    static void install(RoutesConfig routes) {
        routes.exception(
                io.cryptogo.examples.app.guard.RequestGuard.Forbidden.class,
                (e, ctx) -> ctx.status(403).json(e.body()));
        routes.exception(
                io.cryptogo.examples.app.guard.RequestGuard.TooLarge.class,
                (e, ctx) -> ctx.status(413).json(e.body()));
        routes.exception(
                io.cryptogo.examples.app.guard.RequestGuard.UnsupportedType.class,
                (e, ctx) -> ctx.status(415).json(e.body()));
        routes.exception(io.cryptogo.examples.app.guard.RequestGuard.TooManyRequests.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            ctx.status(429).json(e.body());
        });
        routes.exception(InvalidRequestException.class, (e, ctx) -> invalid(ctx, e));
        routes.exception(RiskRejectedException.class, (e, ctx) -> {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("error", "risk_rejected");
            body.put("detail", e.getMessage());
            body.put("rule", e.rule());
            body.put("limit", e.limit());
            body.put("value", e.value());
            ctx.status(422).json(body);
        });
        routes.exception(RateLimitedException.class, (e, ctx) -> {
            long secs = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(secs));
            ctx.status(503).json(new ApiError("rate_limited", e.getMessage(), null, secs));
        });
        routes.exception(
                ExchangeUnavailableException.class,
                (e, ctx) -> answer(ctx, 502, "exchange_unavailable", e.getMessage()));
        routes.exception(SignalParseException.class, (e, ctx) -> answer(ctx, 502, "signal_unreadable", e.getMessage()));
        routes.exception(ConfigException.class, (e, ctx) -> internal(ctx, e));
        routes.exception(CryptoGoException.class, (e, ctx) -> {
            // subclasses added later that are not mapped above: retriable ones are upstream trouble
            if (e.retriable()) {
                answer(ctx, 502, "exchange_unavailable", e.getMessage());
            } else {
                internal(ctx, e);
            }
        });
        routes.exception(
                JacksonException.class,
                (e, ctx) -> invalid(
                        ctx,
                        new InvalidRequestException(
                                "body",
                                "the request body is not valid JSON for this endpoint: " + e.getOriginalMessage())));
        routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), slug(e), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            // Jetty refused the request mid-read (a chunked body over the size limit, a broken chunk): its 4xx
            int status = jettyStatus(e);
            if (status >= 400 && status < 500) {
                answer(ctx, status, slug(status), "the request could not be read: " + jettyReason(e));
            } else {
                internal(ctx, e);
            }
        });
        routes.error(404, ctx -> {
            // an exception handler may already have written a JSON body; keep it
            if (!String.valueOf(ctx.res().getContentType()).contains("json")) {
                ctx.json(ApiError.of("not_found", "no route for " + ctx.method() + " " + ctx.path()));
            }
        });
        routes.error(
                405,
                ctx -> ctx.json(ApiError.of("method_not_allowed", ctx.method() + " is not allowed on " + ctx.path())));
    }

    /** Writes a 400 for {@code e}: the detail names the parameter and the accepted values. */
    public static void invalid(Context ctx, InvalidRequestException e) {
        ctx.status(400).json(new ApiError("invalid_request", e.getMessage(), e.field(), null));
    }

    private static void answer(Context ctx, int status, String error, String detail) {
        ctx.status(status).json(ApiError.of(error, detail == null ? error : detail));
    }

    private static void internal(Context ctx, Exception e) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("internal error {} on {} {}", id, ctx.method(), ctx.path(), e);
        answer(ctx, 500, "internal_error", "unexpected server error; the server log has it under id " + id);
    }

    private static int jettyStatus(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException h) {
                return h.getCode();
            }
        }
        return 500;
    }

    private static String jettyReason(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException h) {
                return String.valueOf(h.getReason());
            }
        }
        return "";
    }

    private static String slug(HttpResponseException e) {
        return slug(e.getStatus());
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "server_error" : "request_error";
        };
    }
}
