package io.cryptogo.examples.app.guard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a malformed request line or header, a bad escape in a path, a URI or header too
 * long, conflicting {@code Content-Length}/{@code Transfer-Encoding}, a body over the size limit) in the
 * app's JSON error shape, {@code {"error":"…","detail":"…"}}, with the security headers, never an HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
    /** A handler that answers every error as JSON. */
    public JsonErrorHandler() {}

    /** Every method gets the JSON body, not only GET, POST and HEAD (Jetty's default). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        // a request this server cannot speak (HTTP/9.9, an unknown method) is the client's mistake: 4xx, never 5xx
        if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            code = 400;
            message = "HTTP version not supported; use HTTP/1.1";
        } else if (code == HttpStatus.NOT_IMPLEMENTED_501) {
            code = 405;
            message = "this HTTP method is not supported here; the API uses GET, POST and DELETE";
        }
        response.setStatus(code);
        HttpFields.Mutable h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, "application/json");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        SecurityHeaders.addTo(h);
        response.write(true, ByteBuffer.wrap(json(code, message).getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
        SecurityHeaders.addTo(fields);
        return BufferUtil.toBuffer(json(status, reason), StandardCharsets.UTF_8);
    }

    static String json(int code, String message) {
        String error = switch (code) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 411 -> "length_required";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "header_too_large";
            case 501 -> "not_implemented";
            case 505 -> "http_version_not_supported";
            default -> code >= 500 ? "server_error" : "request_error";
        };
        String reason = HttpStatus.getMessage(code);
        String detail =
                message == null || message.isBlank() || message.equals(reason) ? reason : reason + ": " + message;
        return "{\"error\":\"" + error + "\",\"detail\":\"" + escape(cut(detail)) + "\"}";
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
