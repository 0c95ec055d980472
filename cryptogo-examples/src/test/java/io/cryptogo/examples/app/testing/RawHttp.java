package io.cryptogo.examples.app.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends raw bytes to a server and reads the answer until the server closes or {@code limit} bytes arrived:
 * for requests no HTTP client library would send (bad escapes, conflicting lengths, a forged Host header).
 *
 * <pre>{@code
 * RawHttp.Answer a = RawHttp.send(port, "GET /api/v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
 * }</pre>
 */
public final class RawHttp {
    private RawHttp() {}

    /** What came back: the status (0 when nothing did), the headers (lower-case names) and the body. */
    public record Answer(int status, Map<String, String> headers, String body, int bytes, long millis) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static Answer send(int port, String request) {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), 2_000_000);
    }

    public static Answer send(int port, byte[] request, int limit) {
        long t0 = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before reading everything (413, 431)
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while (got.size() < limit && (n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new IllegalStateException("no end of answer within 10 s; got " + got.size() + " bytes");
            } catch (IOException e) {
                // connection reset after the answer
            }
            return parse(got.toByteArray(), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer parse(byte[] raw, long millis) {
        String head = new String(raw, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (!head.startsWith("HTTP/") || end < 0) {
            return new Answer(0, Map.of(), new String(raw, StandardCharsets.UTF_8), raw.length, millis);
        }
        String[] lines = head.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                headers.put(
                        lines[i].substring(0, c).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(c + 1).strip());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), raw.length, millis);
    }

    private static byte[] dechunk(byte[] s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String text = new String(s, StandardCharsets.ISO_8859_1); // one char per byte
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf("\r\n", i);
            if (nl < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(text.substring(i, nl).split(";")[0].strip(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = nl + 2;
            b.write(s, start, Math.min(s.length - start, size));
            i = start + size + 2;
        }
        return b.toByteArray();
    }
}
