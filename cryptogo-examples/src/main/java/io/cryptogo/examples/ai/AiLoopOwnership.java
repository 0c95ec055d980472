package io.cryptogo.examples.ai;

import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.PgAdvisoryOwnership;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which symbols this instance's AI decision loop decides ({@code DecisionLoop.Builder#owns}), so that N app
 * instances on one PostgreSQL take each (symbol, interval) decision once instead of N times.
 *
 * <ul>
 *   <li>On PostgreSQL each (symbol, interval) is owned through its own advisory lock (label {@code ai-loop},
 *       key {@code BTC/USDT:1h}; {@link PgAdvisoryOwnership}): the instances split the symbols between them.
 *   <li>An instance with trading on ({@code TRADING_ENABLED=true}) always competes, and announces itself as a
 *       member of {@code ai-loop-traders}. An instance without trading competes only while no trading instance
 *       is alive on the database; while one is, it owns nothing and stays out of the count. So in a cluster
 *       where {@code app1} trades, {@code app1} takes every decision and hands it to its own trader; when it
 *       dies, the others take over (the decisions are journaled, not traded) until it is back.
 *   <li>Ownership is checked again every {@code AI_LOOP_CHECK} (10 s) and at each closed candle, so when an
 *       owner dies (its session ends, its locks with it) another instance takes its symbols at its next check
 *       or candle, whichever comes first; a closed owner releases its locks at once.
 *   <li>On H2 (one embedded instance) the instance owns every symbol.
 * </ul>
 *
 * <pre>{@code
 * AiLoopOwnership own = AiLoopOwnership.forDatabase(() -> db, trades, Duration.ofSeconds(10));
 * DecisionLoop loop = DecisionLoop.builder(market, generator).owns(own::owns).build();
 * own.start(loop.symbols(), loop.interval());
 * }</pre>
 */
public final class AiLoopOwnership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AiLoopOwnership.class);
    /** The advisory-lock label of the decisions (one lock per symbol and interval). */
    public static final String NAME = "ai-loop";
    /** The membership trading instances hold, so that the others stand down. */
    public static final String TRADERS = "ai-loop-traders";

    private final Supplier<Database> database;
    private final boolean trades;
    private final Duration check;
    private Database db;
    private boolean shared;
    private List<Symbol> symbols = List.of();
    private Interval interval;
    private PgAdvisoryOwnership<Symbol> locks;
    private PgAdvisoryOwnership<Symbol> presence;
    private ScheduledExecutorService ticker;
    private Set<Symbol> owned = Set.of();
    private boolean closed;

    private AiLoopOwnership(Supplier<Database> database, boolean trades, Duration check) {
        this.database = Objects.requireNonNull(database, "database");
        this.trades = trades;
        this.check = Objects.requireNonNull(check, "check");
    }

    /**
     * The loop's ownership on {@code db}: advisory locks on PostgreSQL, everything on H2. The database is
     * asked for at {@link #start} (an app whose loop is off never opens it for this).
     *
     * @param trades whether this instance trades (its decisions reach a trader)
     * @param check how often the ownership is checked besides each closed candle
     */
    public static AiLoopOwnership forDatabase(Supplier<Database> db, boolean trades, Duration check) {
        if (check.isNegative() || check.isZero()) {
            throw new io.cryptogo.config.ConfigException("AI_LOOP_CHECK", "AI_LOOP_CHECK must be positive");
        }
        return new AiLoopOwnership(db, trades, check);
    }

    /** Starts claiming {@code symbols} of {@code interval}: at once, then every check period. */
    public synchronized AiLoopOwnership start(List<Symbol> symbols, Interval interval) {
        this.symbols = List.copyOf(symbols);
        this.interval = Objects.requireNonNull(interval, "interval");
        if (db == null && !closed) {
            db = database.get();
            shared = db.kind() == Database.Kind.POSTGRESQL;
        }
        if (shared && ticker == null && !closed) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cryptogo-ai-ownership");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::refresh, 0, check.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Whether this instance decides {@code symbol} now (checked against the database on PostgreSQL). */
    public boolean owns(Symbol symbol) {
        return refresh().contains(symbol);
    }

    /** The symbols owned after the last check. */
    public synchronized Set<Symbol> owned() {
        return owned;
    }

    /** Claims this instance's share now; never throws (a database outage owns nothing until it answers). */
    synchronized Set<Symbol> refresh() {
        if (closed || db == null) {
            return Set.of();
        }
        if (!shared) {
            owned = Set.copyOf(symbols);
            return owned;
        }
        Set<Symbol> before = owned;
        try {
            if (trades) {
                if (presence == null) {
                    presence = new PgAdvisoryOwnership<>(db, TRADERS, Symbol::toString);
                }
                presence.claim(List.of()); // membership only: the others see a trader
            } else if (PgAdvisoryOwnership.members(db, TRADERS) > 0) {
                // a trading instance decides, so its decisions reach its trader: stand down, out of the count
                releaseLocks();
                owned = Set.of();
                if (!before.isEmpty()) {
                    log.info("AI loop: a trading instance is alive, it decides {}", before);
                }
                return owned;
            }
            if (locks == null) {
                Interval i = interval;
                locks = new PgAdvisoryOwnership<>(db, NAME, s -> s + ":" + i.code());
            }
            owned = locks.claim(symbols);
        } catch (RuntimeException e) {
            log.warn("AI loop: cannot check the ownership of {}: {}; deciding none", symbols, e.getMessage());
            releaseLocks();
            owned = Set.of();
        }
        if (!owned.equals(before)) {
            log.info(
                    "AI loop: this instance decides {} of {} ({})", owned, symbols, trades ? "trading" : "not trading");
        }
        return owned;
    }

    private void releaseLocks() {
        if (locks != null) {
            locks.close();
            locks = null;
        }
    }

    /** Stops checking and gives every symbol up at once (the others take them at their next check). */
    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        releaseLocks();
        if (presence != null) {
            presence.close();
            presence = null;
        }
        owned = Set.of();
    }

    @Override
    public String toString() {
        return "AiLoopOwnership[" + (shared ? "postgresql" : "single") + (trades ? ", trading" : "") + " owned="
                + owned() + "]";
    }
}
