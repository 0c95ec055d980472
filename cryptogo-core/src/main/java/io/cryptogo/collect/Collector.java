package io.cryptogo.collect;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.store.AccountStore;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.CandleWriter;
import io.cryptogo.store.Gap;
import io.cryptogo.store.SymbolStore;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcAccountStore;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.store.jdbc.JdbcSymbolStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the candle store complete: for each configured {@link Series} it backfills from the last stored
 * candle (or {@link CollectorSettings#historyBars()} back) with paged REST requests, fills every gap it
 * finds in that window, then keeps up every {@link CollectorSettings#period()} (5 minutes) and from the
 * live stream's closed candles. Writes go through a {@link CandleWriter}, so a database outage only
 * delays them; upserts make every re-fetch harmless, so a crash or {@code kill -9} at any point is
 * recovered by the next run without duplicates or holes.
 *
 * <p>Several instances on one PostgreSQL split the series: each series is owned through its own advisory
 * lock ({@link io.cryptogo.store.jdbc.PgAdvisoryOwnership}), each instance takes its share, and every {@link
 * CollectorSettings#leaderCheck()} the others take over the series of an instance that went away. The owner
 * of the first series also writes the account's balances every {@link CollectorSettings#accountSyncPeriod()}
 * (one minute) from a {@link BalanceSource}.
 *
 * <pre>{@code
 * Collector c = Collector.builder(market, database)
 *         .settings(CollectorSettings.fromConfig(config))
 *         .balances(BalanceSource.empty())
 *         .build()
 *         .start();
 * ...
 * c.close();
 * }</pre>
 */
public final class Collector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Collector.class);
    private static final int FETCH_ATTEMPTS = 4;

    private final MarketDataSource market;
    private final CandleStore store;
    private final Optional<SymbolStore> symbolStore;
    private final Optional<AccountStore> accountStore;
    private final BalanceSource balanceSource;
    private final SeriesOwnership ownership;
    private final CollectorSettings settings;
    private final Clock clock;
    private final CandleWriter writer;
    private final BackfillProgress.Listener progress;
    private final Duration progressEvery;
    private final Duration retryBackoff;

    private final ReentrantLock syncLock = new ReentrantLock();
    private final Map<Series, StreamHandle> streams = new ConcurrentHashMap<>();
    private volatile Set<Series> owned = Set.of();
    private volatile boolean stopping;
    private volatile boolean symbolsSynced;
    private ScheduledExecutorService control;
    private ScheduledExecutorService collect;

    private Collector(Builder b) {
        this.market = b.market;
        this.store = b.store;
        this.symbolStore = Optional.ofNullable(b.symbolStore);
        this.accountStore = Optional.ofNullable(b.accountStore);
        this.balanceSource = b.balances;
        this.ownership = b.ownership;
        this.settings = b.settings;
        this.clock = b.clock;
        this.writer = b.writer != null ? b.writer : CandleWriter.builder(store).build();
        this.progress = b.progress;
        this.progressEvery = b.progressEvery;
        this.retryBackoff = b.retryBackoff;
    }

    /** A collector over {@code db}: JDBC stores, series split by advisory locks on PostgreSQL. */
    public static Builder builder(MarketDataSource market, Database db) {
        Objects.requireNonNull(db, "db");
        Builder b = new Builder(market, new JdbcCandleStore(db, market.source().kind()));
        b.symbolStore = new JdbcSymbolStore(db);
        b.accountStore = new JdbcAccountStore(db);
        b.ownership = SeriesOwnership.forDatabase(db);
        return b;
    }

    /**
     * A single-instance collector over any {@link CandleStore} (no symbol or account tables). The store must
     * hold the market's source ({@code store.source() == market.source().kind()}), checked at {@code build()}.
     */
    public static Builder builder(MarketDataSource market, CandleStore store) {
        return new Builder(market, store);
    }

    public CollectorSettings settings() {
        return settings;
    }

    /** The write-behind buffer candles go through (its {@code flush} waits for the database). */
    public CandleWriter writer() {
        return writer;
    }

    /** Whether this instance collects {@code series} now. */
    public boolean owns(Series series) {
        return owned.contains(series);
    }

    /** The series this instance collects now. */
    public Set<Series> owned() {
        return owned;
    }

    /** Whether this instance collects at least one series. */
    public boolean isLeader() {
        return !owned.isEmpty();
    }

    private boolean syncsAccount() {
        return !stopping && owned.contains(settings.series().get(0));
    }

    /**
     * Starts the schedules: leadership checks, catching up every period, account sync every minute, and the
     * live streams while leading. Does nothing when {@code COLLECT_ENABLED=false}.
     */
    public synchronized Collector start() {
        if (!settings.enabled()) {
            log.info("collector disabled (COLLECT_ENABLED=false)");
            return this;
        }
        if (control != null) {
            return this;
        }
        control = Executors.newSingleThreadScheduledExecutor(daemon("cryptogo-collector-control"));
        collect = Executors.newSingleThreadScheduledExecutor(daemon("cryptogo-collector"));
        control.scheduleWithFixedDelay(
                this::leaderTick, 0, settings.leaderCheck().toMillis(), TimeUnit.MILLISECONDS);
        control.scheduleWithFixedDelay(
                this::accountTick,
                settings.accountSyncPeriod().toMillis(),
                settings.accountSyncPeriod().toMillis(),
                TimeUnit.MILLISECONDS);
        collect.scheduleWithFixedDelay(
                this::collectTick,
                settings.period().toMillis(),
                settings.period().toMillis(),
                TimeUnit.MILLISECONDS);
        log.info(
                "collector started: {} series {}, history {} bars, every {}, stream {}",
                settings.series().size(),
                settings.series(),
                settings.historyBars(),
                settings.period(),
                settings.stream());
        return this;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> Thread.ofPlatform().name(name).daemon(true).unstarted(r);
    }

    private void leaderTick() {
        try {
            Set<Series> was = owned;
            Set<Series> now = stopping ? Set.of() : ownership.claim(settings.series());
            owned = now;
            Set<Series> lost = new HashSet<>(was);
            lost.removeAll(now);
            boolean gained = !was.containsAll(now);
            if (!lost.isEmpty()) {
                log.info("collector no longer collects {}: another instance does", lost);
                closeStreams(lost);
            }
            if (gained) {
                log.info("collector collects {}", now);
                if (was.isEmpty()) {
                    symbolsSynced = false;
                }
                openStreams();
                collect.execute(this::collectTick);
                if (syncsAccount() && !was.contains(settings.series().get(0))) {
                    control.execute(this::accountTick);
                }
            } else if (!now.isEmpty() && settings.stream()) {
                // a stream that gave up is reopened
                openStreams();
            }
        } catch (RuntimeException e) {
            log.warn("series ownership check failed: {}", e.getMessage());
        }
    }

    private void collectTick() {
        if (owned.isEmpty() || stopping) {
            return;
        }
        try {
            syncAll(s -> owned.contains(s) && !stopping);
        } catch (RuntimeException e) {
            log.warn("collection cycle failed: {}", e.getMessage());
        }
    }

    private void accountTick() {
        if (!syncsAccount()) {
            return;
        }
        try {
            syncAccount();
        } catch (RuntimeException e) {
            log.warn("account sync failed ({}); next try in {}", e.getMessage(), settings.accountSyncPeriod());
        }
    }

    private void openStreams() {
        if (!settings.stream()) {
            return;
        }
        for (Series s : settings.series()) {
            if (!owned.contains(s)) {
                continue;
            }
            StreamHandle h = streams.get(s);
            if (h != null && h.isOpen()) {
                continue;
            }
            try {
                streams.put(s, market.stream(s.symbol(), s.interval(), candle -> {
                    if (candle.closed() && owned.contains(s) && !stopping) {
                        try {
                            writer.submit(candle);
                        } catch (CryptoGoException e) {
                            // stopping: the next run's gap filling fetches it again
                            log.debug("stream candle not queued: {}", e.getMessage());
                        }
                    }
                }));
            } catch (RuntimeException e) {
                log.warn("cannot open the {} stream ({}); the schedule keeps it complete", s, e.getMessage());
            }
        }
    }

    private void closeStreams(Set<Series> which) {
        for (Series s : which) {
            StreamHandle h = streams.remove(s);
            if (h == null) {
                continue;
            }
            try {
                h.close();
            } catch (RuntimeException e) {
                log.debug("closing a stream failed", e);
            }
        }
    }

    /** Writes the balance source's balances into {@code accounts}/{@code balances}. */
    public void syncAccount() {
        if (accountStore.isEmpty()) {
            return;
        }
        List<io.cryptogo.model.Balance> b = balanceSource.balances();
        accountStore.get().replaceBalances(balanceSource.accountId(), balanceSource.venue(), b);
        log.debug("account {} synced: {} balances", balanceSource.accountId(), b.size());
    }

    /**
     * One catch-up cycle for every series, in this thread (whether or not this instance leads: the caller
     * decides). Returns bars fetched per series; a series that fails is logged and skipped until the next
     * cycle.
     */
    public Map<Series, Long> syncAll() {
        return syncAll(s -> !stopping);
    }

    private Map<Series, Long> syncAll(java.util.function.Predicate<Series> keepGoing) {
        Map<Series, Long> fetched = new LinkedHashMap<>();
        syncLock.lock();
        try {
            syncSymbolsOnce();
            for (Series s : settings.series()) {
                if (!keepGoing.test(s)) {
                    continue;
                }
                try {
                    fetched.put(s, sync(s, () -> keepGoing.test(s)));
                } catch (InvalidRequestException e) {
                    log.error("collecting {} is impossible: {}", s, e.getMessage());
                } catch (CryptoGoException e) {
                    log.warn("collecting {} failed ({}); next try in {}", s, e.getMessage(), settings.period());
                }
            }
        } finally {
            syncLock.unlock();
        }
        return fetched;
    }

    private void syncSymbolsOnce() {
        if (symbolsSynced || symbolStore.isEmpty()) {
            return;
        }
        try {
            int n = symbolStore.get().upsertAll(market.symbols());
            symbolsSynced = true;
            log.info("{} symbols stored", n);
        } catch (CryptoGoException e) {
            log.warn("storing symbols failed: {}", e.getMessage());
        }
    }

    /**
     * Catches one series up: fills every bucket without a closed candle from the last stored candle (or the
     * history depth, whichever is older) to the last closed bucket, then refreshes the open candle.
     *
     * @return bars fetched
     */
    public long sync(Series series) {
        return sync(series, () -> !stopping);
    }

    private long sync(Series s, BooleanSupplier keepGoing) {
        Interval iv = s.interval();
        long step = iv.millis();
        long current = iv.alignMillis(clock.millis());
        long lastClosed = current - step;
        long from = current - settings.historyBars() * step;
        Optional<Candle> last = store.latestClosed(s.symbol(), iv);
        if (last.isPresent()) {
            from = Math.min(from, last.get().openTime().toEpochMilli() + step);
        }
        long n = 0;
        if (from <= lastClosed) {
            n = backfill(s, Instant.ofEpochMilli(from), Instant.ofEpochMilli(lastClosed), progress, keepGoing);
        }
        if (keepGoing.getAsBoolean()) {
            List<Candle> tip = fetch(KlineQuery.latest(s.symbol(), iv, 2), keepGoing);
            writer.submitAll(tip);
            n += tip.size();
        }
        return n;
    }

    /**
     * Fetches every bucket in {@code [from, to]} that has no closed candle in the store, page by page,
     * reporting progress to {@code listener} (and a log line every 5 seconds for long backfills).
     *
     * @return bars fetched
     */
    public long backfill(Series series, Instant from, Instant to, BackfillProgress.Listener listener) {
        return backfill(series, from, to, listener, () -> !stopping);
    }

    private long backfill(
            Series s, Instant from, Instant to, BackfillProgress.Listener listener, BooleanSupplier keepGoing) {
        Interval iv = s.interval();
        long step = iv.millis();
        List<Gap> gaps = store.gaps(s.symbol(), iv, from, to);
        long total = 0;
        for (Gap g : gaps) {
            total += g.bars(iv);
        }
        if (total == 0) {
            return 0;
        }
        boolean loud = total > settings.pageSize();
        if (loud) {
            log.info("backfill {}: {} bars missing in {} gaps between {} and {}", s, total, gaps.size(), from, to);
        }
        long started = System.nanoTime();
        long lastLog = started;
        long covered = 0;
        long fetched = 0;
        for (Gap g : gaps) {
            long cursor = g.from().toEpochMilli();
            long end = g.to().toEpochMilli();
            while (cursor <= end && keepGoing.getAsBoolean()) {
                int n = (int) Math.min(settings.pageSize(), (end - cursor) / step + 1);
                List<Candle> page = fetch(
                        new KlineQuery(
                                s.symbol(),
                                iv,
                                Optional.of(Instant.ofEpochMilli(cursor)),
                                Optional.of(Instant.ofEpochMilli(end)),
                                n),
                        keepGoing);
                List<Candle> keep = new ArrayList<>(page.size());
                for (Candle c : page) {
                    long t = c.openTime().toEpochMilli();
                    if (t >= cursor && t <= end) {
                        keep.add(c);
                    }
                }
                if (keep.isEmpty()) {
                    // the exchange has nothing from here to the end of the gap (before listing, an outage)
                    covered += (end - cursor) / step + 1;
                    break;
                }
                writer.submitAll(keep);
                fetched += keep.size();
                long next = keep.get(keep.size() - 1).openTime().toEpochMilli() + step;
                covered += (next - cursor) / step;
                cursor = next;
                double secs = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
                double rate = covered / secs;
                Duration eta = Duration.ofMillis((long) (Math.max(0, total - covered) / Math.max(rate, 1e-9) * 1000));
                BackfillProgress p = new BackfillProgress(s, covered, total, rate, eta);
                listener.onProgress(p);
                if (loud && System.nanoTime() - lastLog >= progressEvery.toNanos()) {
                    lastLog = System.nanoTime();
                    log.info(
                            "backfill {}: {}/{} bars ({}%), {} bars/s, ETA {}",
                            s, covered, total, Math.round(p.fraction() * 100), Math.round(rate), eta.withNanos(0));
                }
            }
        }
        if (loud) {
            log.info(
                    "backfill {}: {} bars fetched in {} s",
                    s,
                    fetched,
                    Math.round((System.nanoTime() - started) / 1e9));
        }
        return fetched;
    }

    /** One REST call, waiting out rate limits and retrying brief exchange trouble a few times. */
    private List<Candle> fetch(KlineQuery q, BooleanSupplier keepGoing) {
        long backoff = retryBackoff.toMillis();
        int attempt = 0;
        while (true) {
            try {
                return market.klines(q);
            } catch (RateLimitedException e) {
                long wait = Math.max(e.retryAfter().toMillis(), retryBackoff.toMillis());
                log.warn("rate limited while collecting {} {}; waiting {} ms", q.symbol(), q.interval(), wait);
                pause(wait, keepGoing);
            } catch (ExchangeUnavailableException e) {
                if (++attempt >= FETCH_ATTEMPTS) {
                    throw e;
                }
                log.warn(
                        "fetching {} {} failed ({}); retry {} of {} in {} ms",
                        q.symbol(),
                        q.interval(),
                        e.getMessage(),
                        attempt,
                        FETCH_ATTEMPTS - 1,
                        backoff);
                pause(backoff, keepGoing);
                backoff *= 2;
            }
        }
    }

    private static void pause(long millis, BooleanSupplier keepGoing) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CryptoGoException("collector interrupted", e);
        }
        if (!keepGoing.getAsBoolean()) {
            throw new CryptoGoException("collector stopped");
        }
    }

    /**
     * Stops collecting: streams closed, schedules stopped, buffered candles written (waiting up to 30 s for
     * the database), leadership released so another instance takes over.
     */
    @Override
    public void close() {
        stopping = true;
        closeStreams(Set.copyOf(streams.keySet()));
        ScheduledExecutorService c1;
        ScheduledExecutorService c2;
        synchronized (this) {
            c1 = control;
            c2 = collect;
        }
        if (c2 != null) {
            c2.shutdownNow();
        }
        if (c1 != null) {
            c1.shutdownNow();
        }
        try {
            if (c2 != null && !c2.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("collector thread did not stop within 10 s");
            }
            if (c1 != null) {
                c1.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        ownership.close();
        owned = Set.of();
        log.info("collector stopped");
    }

    /** Builds a {@link Collector}. */
    public static final class Builder {
        private final MarketDataSource market;
        private final CandleStore store;
        private SymbolStore symbolStore;
        private AccountStore accountStore;
        private BalanceSource balances = BalanceSource.empty();
        private SeriesOwnership ownership = SeriesOwnership.all();
        private CollectorSettings settings = CollectorSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private CandleWriter writer;
        private BackfillProgress.Listener progress = BackfillProgress.Listener.NONE;
        private Duration progressEvery = Duration.ofSeconds(5);
        private Duration retryBackoff = Duration.ofSeconds(1);

        private Builder(MarketDataSource market, CandleStore store) {
            this.market = Objects.requireNonNull(market, "market");
            this.store = Objects.requireNonNull(store, "store");
        }

        public Builder settings(CollectorSettings v) {
            settings = Objects.requireNonNull(v, "settings");
            return this;
        }

        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** Balances for the account sync (default: an empty paper account). */
        public Builder balances(BalanceSource v) {
            balances = Objects.requireNonNull(v, "balances");
            return this;
        }

        public Builder accountStore(AccountStore v) {
            accountStore = Objects.requireNonNull(v, "accountStore");
            return this;
        }

        public Builder symbolStore(SymbolStore v) {
            symbolStore = Objects.requireNonNull(v, "symbolStore");
            return this;
        }

        /** How series are split between instances (default: this one owns every series). */
        public Builder ownership(SeriesOwnership v) {
            ownership = Objects.requireNonNull(v, "ownership");
            return this;
        }

        /** The write buffer (default: {@link CandleWriter}'s defaults over the store); closed with the collector. */
        public Builder writer(CandleWriter v) {
            writer = Objects.requireNonNull(v, "writer");
            return this;
        }

        /** Called after each backfill page (the CLI draws its progress bar from it). */
        public Builder progress(BackfillProgress.Listener v) {
            progress = Objects.requireNonNull(v, "progress");
            return this;
        }

        /** How often a long backfill logs its progress line (default 5 s). */
        public Builder progressLogEvery(Duration v) {
            progressEvery = Objects.requireNonNull(v, "progressEvery");
            return this;
        }

        /** First wait before retrying a failed REST call, doubled each time (default 1 s). */
        public Builder retryBackoff(Duration v) {
            retryBackoff = Objects.requireNonNull(v, "retryBackoff");
            return this;
        }

        /**
         * The collector.
         *
         * @throws io.cryptogo.error.CryptoGoException when the store (or the writer's store) keeps another market
         *     source's candles than the market serves: a collector never files simulated candles as real ones
         */
        public Collector build() {
            SourceInfo.Kind kind = market.source().kind();
            StoreBackedMarketData.requireSameSource(kind, store.source(), "the collector's candle store");
            if (writer != null) {
                StoreBackedMarketData.requireSameSource(kind, writer.source(), "the collector's candle writer");
            }
            return new Collector(this);
        }
    }
}
