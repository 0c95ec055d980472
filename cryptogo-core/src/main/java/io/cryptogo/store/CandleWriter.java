package io.cryptogo.store;

import io.cryptogo.config.ConfigException;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-behind buffer in front of a {@link CandleStore} that survives database outages: candles are
 * queued (bounded; {@link #submit} blocks while the buffer is full, so nothing is dropped), written in
 * batches by one thread in submission order, and a failed batch is retried with exponential backoff until
 * it succeeds. Updates of a key still waiting in the buffer collapse into one (a closed candle is never
 * replaced by an open one), and the store's upsert makes a retried batch harmless: nothing is duplicated.
 *
 * <pre>{@code
 * try (CandleWriter w = CandleWriter.builder(store).capacity(100_000).build()) {
 *     w.submitAll(market.klines(query));
 *     w.flush(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class CandleWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CandleWriter.class);

    private final CandleStore store;
    private final int capacity;
    private final int batchSize;
    private final Duration minBackoff;
    private final Duration maxBackoff;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final LinkedHashMap<Key, Candle> pending = new LinkedHashMap<>();
    private boolean writing;
    private int inFlight;
    private boolean closed;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Throwable lastError;
    private final Thread thread;

    private CandleWriter(Builder b) {
        this.store = b.store;
        this.capacity = b.capacity;
        this.batchSize = b.batchSize;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.thread =
                Thread.ofPlatform().name("cryptogo-candle-writer").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** A writer over {@code store} with the defaults (capacity 200 000, batches of 5 000, backoff 100 ms..5 s). */
    public static Builder builder(CandleStore store) {
        return new Builder(store);
    }

    private record Key(Symbol symbol, Interval interval, Instant openTime) {
        static Key of(Candle c) {
            return new Key(c.symbol(), c.interval(), c.openTime());
        }
    }

    /** The market source of the store the candles go to. */
    public io.cryptogo.market.SourceInfo.Kind source() {
        return store.source();
    }

    /** Queues one candle; blocks while the buffer is full. */
    public void submit(Candle candle) {
        submitAll(List.of(candle));
    }

    /**
     * Queues candles in order; blocks while the buffer is full.
     *
     * @throws CryptoGoException when the writer is closed or the waiting thread is interrupted
     */
    public void submitAll(Collection<Candle> candles) {
        Objects.requireNonNull(candles, "candles");
        lock.lock();
        try {
            for (Candle c : candles) {
                while (pending.size() >= capacity && !closed) {
                    notFull.await();
                }
                if (closed) {
                    throw new CryptoGoException("candle writer is closed; " + c.symbol() + " " + c.interval() + " "
                            + c.openTime() + " was not queued");
                }
                pending.merge(Key.of(c), c, (old, neu) -> old.closed() && !neu.closed() ? old : neu);
                notEmpty.signal();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CryptoGoException("interrupted while waiting for room in the candle writer", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every candle submitted so far (and since) has been written.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!pending.isEmpty() || writing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Candles not yet written: waiting in the buffer or in the batch being written. */
    public int pending() {
        lock.lock();
        try {
            return pending.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Candles written so far. */
    public long written() {
        return written.get();
    }

    /** Failed write attempts so far (each retried). */
    public long failures() {
        return failures.get();
    }

    /** Whether the last attempt failed and the writer is waiting to retry. */
    public boolean retrying() {
        return lastError != null;
    }

    private void run() {
        List<Candle> batch = new ArrayList<>(batchSize);
        while (true) {
            lock.lock();
            try {
                while (pending.isEmpty() && !closed) {
                    idle.signalAll();
                    notEmpty.await();
                }
                if (pending.isEmpty()) {
                    idle.signalAll();
                    return;
                }
                batch.clear();
                Iterator<Map.Entry<Key, Candle>> it = pending.entrySet().iterator();
                while (it.hasNext() && batch.size() < batchSize) {
                    batch.add(it.next().getValue());
                    it.remove();
                }
                writing = true;
                inFlight = batch.size();
                notFull.signalAll();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            writeWithRetry(batch);
            lock.lock();
            try {
                writing = false;
                inFlight = 0;
                if (pending.isEmpty()) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeWithRetry(List<Candle> batch) {
        long backoff = minBackoff.toMillis();
        while (true) {
            try {
                store.upsertAll(batch);
                written.addAndGet(batch.size());
                if (lastError != null) {
                    log.info("candle writes resumed after {} failed attempts", failures.get());
                    lastError = null;
                }
                return;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                boolean retriable = e instanceof CryptoGoException ce && ce.retriable();
                if (retriable) {
                    log.warn(
                            "writing {} candles failed ({}); retrying in {} ms, {} more waiting",
                            batch.size(),
                            e.getMessage(),
                            backoff,
                            pending.size());
                } else {
                    log.error("writing {} candles failed; retrying in {} ms", batch.size(), backoff, e);
                }
                lastError = e;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    log.error("candle writer interrupted with {} candles unwritten", batch.size());
                    return;
                }
                backoff = Math.min(maxBackoff.toMillis(), backoff * 2);
            }
        }
    }

    /**
     * Stops accepting candles, waits up to {@code timeout} for the buffer to drain, then stops the thread.
     *
     * @return whether everything was written
     */
    public boolean close(Duration timeout) {
        boolean drained = flush(timeout);
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        if (!drained) {
            thread.interrupt();
            log.error("candle writer closed with {} candles unwritten", pending());
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    /** {@link #close(Duration)} with 30 seconds to drain. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Builds a {@link CandleWriter}; validated at {@link #build()}. */
    public static final class Builder {
        private final CandleStore store;
        private int capacity = 200_000;
        private int batchSize = 5_000;
        private Duration minBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);

        private Builder(CandleStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Most candles held in memory before {@code submit} blocks (default 200 000). */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** Most candles per write (default 5 000). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** First and longest wait between retries of a failed write (default 100 ms and 5 s). */
        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = Objects.requireNonNull(min, "min");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        public CandleWriter build() {
            if (capacity < 1) {
                throw new ConfigException("capacity", "writer capacity must be at least 1, got " + capacity);
            }
            if (batchSize < 1) {
                throw new ConfigException("batchSize", "writer batch size must be at least 1, got " + batchSize);
            }
            if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
                throw new ConfigException(
                        "backoff", "backoff needs 0 < min <= max, got " + minBackoff + ".." + maxBackoff);
            }
            return new CandleWriter(this);
        }
    }
}
