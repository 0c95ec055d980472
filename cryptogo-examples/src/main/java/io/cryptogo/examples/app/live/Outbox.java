package io.cryptogo.examples.app.live;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where a client's messages go: one asynchronous send (or batch) at a time. The WebSocket adapter writes
 * pre-encoded frames through Jetty's core session, a batch in one socket write; tests use in-memory outboxes.
 */
public interface Outbox {
    /** Sends {@code text}; exactly one of {@code sent} or {@code failed} runs later (or right away). */
    void send(String text, Runnable sent, Consumer<Throwable> failed);

    /**
     * Sends the messages in order; {@code sent} runs once after the last, or {@code failed} (at least once) on
     * an error. The default sends them one after the other through {@link #send(String, Runnable, Consumer)}.
     */
    default void sendAll(List<Payload> batch, Runnable sent, Consumer<Throwable> failed) {
        sendFrom(batch, 0, sent, failed);
    }

    private void sendFrom(List<Payload> batch, int i, Runnable sent, Consumer<Throwable> failed) {
        if (i == batch.size()) {
            sent.run();
            return;
        }
        send(batch.get(i).text(), () -> sendFrom(batch, i + 1, sent, failed), failed);
    }

    /** Closes the connection (after a failure or when the client cannot keep up). */
    void close(int code, String reason);
}
