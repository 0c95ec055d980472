package io.cryptogo.market;

/** A live subscription; {@link #close()} stops it. Closing twice is harmless. */
public interface StreamHandle extends AutoCloseable {
    @Override
    void close();

    /** Whether the subscription is still delivering (or reconnecting). */
    boolean isOpen();
}
