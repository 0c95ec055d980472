package io.cryptogo.examples.app.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One outgoing text message, serialised once and encoded to UTF-8 once however many clients receive it; each
 * send takes its own read-only view of the bytes ({@link #bytes()}).
 *
 * <pre>{@code
 * Payload p = Payload.of("{\"type\":\"pong\"}");
 * ByteBuffer view = p.bytes();   // a fresh view per send
 * }</pre>
 */
public final class Payload {
    private final String text;
    private final ByteBuffer utf8;

    private Payload(String text) {
        this.text = text;
        this.utf8 = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    public static Payload of(String text) {
        return new Payload(text);
    }

    /** The message text. */
    public String text() {
        return text;
    }

    /** A fresh read-only view of the UTF-8 bytes (its own position and limit), for one send. */
    public ByteBuffer bytes() {
        return utf8.duplicate();
    }

    @Override
    public String toString() {
        return text;
    }
}
