package io.cryptogo.examples.app.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected client: its subscription and its bounded send queue. At most one send is in flight: a batch of
 * everything queued (up to {@value #MAX_BATCH} messages), written in one socket write; {@link #offer} never
 * blocks. A new open-candle update or ticker replaces the one of its type still queued (coalesced to the latest,
 * moved to the tail). When the queue is full the oldest droppable message (an open-candle update or a ticker) goes; when
 * nothing is droppable (only closed candles and control messages are queued) the client is too slow to
 * follow and is disconnected with 1008, so it reconnects and reloads.
 */
public final class LiveClient {
    /** WebSocket close code for a client that cannot keep up. */
    public static final int TOO_SLOW = 1008;

    /** The close reason sent with {@link #TOO_SLOW}. */
    public static final String TOO_SLOW_REASON = "client too slow: send queue full of closed candles";

    static final int MAX_BATCH = 32;

    /** Length of {@code {"type":"candle"}} and {@code {"type":"ticker"}}: what tells two droppables apart. */
    private static final int TYPE_PREFIX = 16;

    record Message(Payload payload, boolean droppable, StreamKey key) {}

    private final String id;
    private final Outbox outbox;
    private final int capacity;
    private final Runnable onDead;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private boolean inFlight;
    private boolean dead;
    private volatile StreamKey key;

    private final int shard;

    LiveClient(String id, Outbox outbox, int capacity, Runnable onDead, int shard) {
        this.shard = shard;
        this.id = id;
        this.outbox = outbox;
        this.capacity = capacity;
        this.onDead = onDead;
    }

    public String id() {
        return id;
    }

    /** The fan-out shard that serves this client. */
    int shard() {
        return shard;
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
        offer(Payload.of(text), droppable, forKey);
    }

    /** Queues a pre-encoded message (shared by every client of a stream); returns at once. */
    void offer(Payload payload, boolean droppable, StreamKey forKey) {
        offer(payload, droppable, null, forKey);
    }

    /**
     * Queues an update and its ticker ({@code ticker} may be null), then starts one send for both: they leave
     * in one socket write when the client is keeping up. Returns at once.
     */
    void offer(Payload payload, boolean droppable, Payload ticker, StreamKey forKey) {
        boolean start;
        boolean tooSlow;
        synchronized (queue) {
            if (dead || (forKey != null && forKey != key && !forKey.equals(key))) {
                return;
            }
            tooSlow = !queue(payload, droppable, forKey) || (ticker != null && !queue(ticker, true, forKey));
            if (tooSlow) {
                dead = true;
                queue.clear();
            }
            start = !tooSlow && !inFlight;
            if (start) {
                inFlight = true;
            }
        }
        if (tooSlow) {
            outbox.close(TOO_SLOW, TOO_SLOW_REASON);
            onDead.run();
        } else if (start) {
            drain();
        }
    }

    /** Adds one message under the queue's lock; false when the client is too slow (a full queue, no droppable). */
    private boolean queue(Payload payload, boolean droppable, StreamKey forKey) {
        if (droppable && coalesce(payload)) {
            return true;
        }
        if (queue.size() >= capacity && !dropOldestDroppable()) {
            if (droppable) {
                dropped.incrementAndGet();
                return true;
            }
            return false;
        }
        queue.addLast(new Message(payload, droppable, forKey));
        return true;
    }

    /**
     * Coalesces to the latest: a droppable message of the same type (open-candle update or ticker) still
     * queued is dropped and the new one appended at the tail (after any closed candle queued meanwhile).
     * Returns whether the new message was queued here.
     */
    private boolean coalesce(Payload payload) {
        String text = payload.text();
        for (Iterator<Message> it = queue.descendingIterator(); it.hasNext(); ) {
            Message m = it.next();
            if (m.droppable() && m.payload().text().regionMatches(0, text, 0, TYPE_PREFIX)) {
                it.remove();
                dropped.incrementAndGet();
                queue.addLast(new Message(payload, true, m.key()));
                return true;
            }
        }
        return false;
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
     * Sends what is queued, a batch at a time. A batch that completes synchronously continues the loop here
     * instead of recursing through the callback; an asynchronous completion calls {@code drain()} again.
     */
    private void drain() {
        while (true) {
            List<Payload> batch;
            synchronized (queue) {
                if (dead || queue.isEmpty()) {
                    inFlight = false;
                    return;
                }
                batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.pollFirst().payload());
                }
            }
            AtomicInteger state = new AtomicInteger(); // 0 sending, 1 completed inline, 2 returned first
            outbox.sendAll(
                    batch,
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
