package io.cryptogo.examples.app.live;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected client: its subscription and its bounded send queue. At most one send is in flight; {@link
 * #offer} never blocks. When the queue is full the oldest droppable message (an open-candle update or a
 * ticker) goes; when nothing is droppable (only closed candles and control messages are queued) the client
 * is too slow to follow and is disconnected with 1008, so it reconnects and reloads.
 */
public final class LiveClient {
    /** WebSocket close code for a client that cannot keep up. */
    public static final int TOO_SLOW = 1008;

    record Message(String text, boolean droppable, StreamKey key) {}

    private final String id;
    private final Outbox outbox;
    private final int capacity;
    private final Runnable onDead;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private boolean inFlight;
    private boolean dead;
    private volatile StreamKey key;

    LiveClient(String id, Outbox outbox, int capacity, Runnable onDead) {
        this.id = id;
        this.outbox = outbox;
        this.capacity = capacity;
        this.onDead = onDead;
    }

    public String id() {
        return id;
    }

    /** The current subscription, or null. */
    public StreamKey key() {
        return key;
    }

    /** Messages dropped so far because the client was behind. */
    public long dropped() {
        return dropped.get();
    }

    void key(StreamKey k) {
        synchronized (queue) {
            this.key = k;
            // updates of the previous subscription are of no use any more
            queue.removeIf(m -> m.key() != null && !m.key().equals(k));
        }
    }

    /** Queues a message; returns at once. {@code key} null for messages that belong to no stream. */
    void offer(String text, boolean droppable, StreamKey forKey) {
        boolean start;
        boolean tooSlow = false;
        synchronized (queue) {
            if (dead || (forKey != null && !forKey.equals(key))) {
                return;
            }
            if (queue.size() >= capacity) {
                if (!dropOldestDroppable()) {
                    if (droppable) {
                        dropped.incrementAndGet();
                        return;
                    }
                    tooSlow = true;
                    dead = true;
                    queue.clear();
                }
            }
            if (!tooSlow) {
                queue.addLast(new Message(text, droppable, forKey));
            }
            start = !tooSlow && !inFlight;
            if (start) {
                inFlight = true;
            }
        }
        if (tooSlow) {
            outbox.close(TOO_SLOW, "client too slow: send queue full");
            onDead.run();
        } else if (start) {
            drain();
        }
    }

    private boolean dropOldestDroppable() {
        for (Iterator<Message> it = queue.iterator(); it.hasNext(); ) {
            if (it.next().droppable()) {
                it.remove();
                dropped.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    /**
     * Sends queued messages one at a time. A send that completes synchronously continues the loop here instead
     * of recursing through the callback; an asynchronous completion calls {@code drain()} again.
     */
    private void drain() {
        while (true) {
            Message m;
            synchronized (queue) {
                m = dead ? null : queue.pollFirst();
                if (m == null) {
                    inFlight = false;
                    return;
                }
            }
            AtomicInteger state = new AtomicInteger(); // 0 sending, 1 completed inline, 2 returned first
            outbox.send(
                    m.text(),
                    () -> {
                        if (!state.compareAndSet(0, 1)) {
                            drain();
                        }
                    },
                    this::failed);
            if (state.compareAndSet(0, 2)) {
                return;
            }
        }
    }

    private void failed(Throwable error) {
        synchronized (queue) {
            if (dead) {
                return;
            }
            dead = true;
            queue.clear();
            inFlight = false;
        }
        onDead.run();
    }

    void markDead() {
        synchronized (queue) {
            dead = true;
            queue.clear();
        }
    }

    /** Messages waiting to be sent. */
    public int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    @Override
    public String toString() {
        return "LiveClient[" + id + " " + key + "]";
    }
}
