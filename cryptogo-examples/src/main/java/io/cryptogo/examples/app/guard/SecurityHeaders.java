package io.cryptogo.examples.app.guard;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Adds the browser security headers to every response, pages, API, assets and errors alike: a strict
 * Content-Security-Policy (scripts and styles from this origin only, no inline script, no framing), {@code
 * X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and {@code Referrer-Policy: no-referrer}.
 */
public final class SecurityHeaders extends Handler.Wrapper {
    /** A wrapper that adds the headers; set its handler before starting. */
    public SecurityHeaders() {}

    /** The policy: everything from this origin; no inline script, no eval, no plugins, no framing. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    static void addTo(HttpFields.Mutable h) {
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        addTo(response.getHeaders());
        if ("*".equals(request.getHttpURI().getPath())) {
            // OPTIONS * asks about the server as a whole: there is nothing to say beyond the error shape
            response.setStatus(400);
            response.getHeaders().put("Content-Type", "application/json");
            response.write(
                    true,
                    java.nio.ByteBuffer.wrap(JsonErrorHandler.json(
                                    400, "the request target * is not served; ask for a path such as /health")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
