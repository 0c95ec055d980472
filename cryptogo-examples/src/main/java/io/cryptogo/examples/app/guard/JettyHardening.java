package io.cryptogo.examples.app.guard;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.handler.SizeLimitHandler;

/**
 * Jetty-level hardening of the app's server: {@link SecurityHeaders} on every response, a {@link
 * SizeLimitHandler} that stops any request body (chunked ones too) at {@link GuardSettings#MAX_API_BODY}
 * with 413, {@link JsonErrorHandler} for the errors Jetty answers itself, no {@code Server} header, and
 * headers of at most 8 KB (431 beyond; a longer request line is 414), and RFC 3986 URIs without ambiguous
 * segments or encoded separators (400 otherwise).
 */
public final class JettyHardening {
    /** Largest request line plus headers. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    private JettyHardening() {}

    public static void install(JavalinConfig cfg) {
        cfg.http.maxRequestSize = GuardSettings.MAX_API_BODY;
        cfg.jetty.modifyServer(server -> {
            SecurityHeaders headers = new SecurityHeaders();
            headers.setHandler(new SizeLimitHandler(GuardSettings.MAX_API_BODY, -1));
            server.setHandler(headers);
            server.setErrorHandler(new JsonErrorHandler());
        });
        cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
        cfg.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(MAX_HEADER_BYTES);
            // Javalin picks LEGACY; DEFAULT refuses ambiguous paths (%2F, %2e%2e, //) with 400
            http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.DEFAULT);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
    }
}
