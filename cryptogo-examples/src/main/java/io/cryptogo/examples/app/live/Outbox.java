package io.cryptogo.examples.app.live;

import java.util.function.Consumer;

/**
 * Where a client's messages go: one asynchronous send at a time. The WebSocket adapter wraps Jetty's {@code
 * Session.sendText(text, callback)}; tests use in-memory outboxes.
 */
public interface Outbox {
    /** Sends {@code text}; exactly one of {@code sent} or {@code failed} runs later (or right away). */
    void send(String text, Runnable sent, Consumer<Throwable> failed);

    /** Closes the connection (after a failure or when the client cannot keep up). */
    void close(int code, String reason);
}
