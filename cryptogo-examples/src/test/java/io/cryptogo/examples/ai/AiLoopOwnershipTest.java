package io.cryptogo.examples.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptogo.ai.DecisionLoop;
import io.cryptogo.ai.RuleSignalGenerator;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.SignalInput;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.journal.jdbc.JdbcDecisionStore;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.ManualClock;
import io.cryptogo.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances' decision loops on one market and one PostgreSQL schema (each with its own pool, as two
 * processes would have): each closed candle of each symbol is decided and journaled once, and when the owner
 * goes away the other decides the next candle.
 */
@Timeout(120)
class AiLoopOwnershipTest {
    static final List<Symbol> SYMBOLS = List.of(FakeMarket.BTC, FakeMarket.ETH);
    /** The 09:00 hour closed at 10:00. */
    static final Instant T0 = Instant.parse("2025-03-01T10:00:05Z");

    final ManualClock clock = new ManualClock(T0);
    final FakeMarket market = new FakeMarket(clock).history(600);
    TestDatabases.Handle pg;
    final List<Instance> instances = new ArrayList<>();

    /** One app instance's loop: its own pool on the shared schema, its ownership, its generator calls. */
    final class Instance implements AutoCloseable {
        final Database db;
        final AiLoopOwnership ownership;
        final DecisionLoop loop;
        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final boolean ownPool;

        Instance(Database db, boolean ownPool, boolean trades) {
            this.db = db;
            this.ownPool = ownPool;
            DecisionStore journal = new JdbcDecisionStore(db);
            SignalGenerator rules = RuleSignalGenerator.builder().store(journal).build();
            SignalGenerator counting = new SignalGenerator() {
                @Override
                public String label() {
                    return rules.label();
                }

                @Override
                public Decision decide(SignalInput in) {
                    calls.incrementAndGet();
                    return rules.decide(in);
                }
            };
            this.ownership = AiLoopOwnership.forDatabase(() -> db, trades, Duration.ofMillis(200));
            this.loop = DecisionLoop.builder(market, counting)
                    .symbols(SYMBOLS)
                    .clock(clock)
                    .owns(s -> {
                        boolean mine = ownership.owns(s);
                        asked.incrementAndGet(); // after the answer: a later decision follows on the same thread
                        return mine;
                    })
                    .build();
            ownership.start(SYMBOLS, Interval.H1);
            loop.start();
        }

        @Override
        public void close() {
            loop.close();
            ownership.close();
            if (ownPool) {
                db.close();
            }
        }
    }

    @BeforeEach
    void setUp() {
        pg = TestDatabases.postgres("ai-loop-ownership");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Instance i : instances) {
            i.close();
        }
        pg.close();
    }

    Instance instance(boolean trades) {
        boolean first = instances.isEmpty();
        Database db = first
                ? pg.database()
                : Database.builder()
                        .url(TestDatabases.PG_URL)
                        .schema(pg.database().schema())
                        .poolSize(3)
                        .build();
        Instance i = new Instance(db, !first, trades);
        instances.add(i);
        return i;
    }

    /** Closes every symbol's candle opening at {@code open} on the market all loops stream from. */
    void close(Instant open) {
        for (Symbol s : SYMBOLS) {
            market.emit(market.klines(s, Interval.H1, 2).stream()
                    .filter(c -> c.openTime().equals(open))
                    .findFirst()
                    .orElseThrow());
        }
    }

    /** The journaled decisions of {@code symbol} on the candle opening at {@code open}. */
    long journaled(Symbol symbol, Instant open) {
        return new JdbcDecisionStore(pg.database())
                .find(DecisionQuery.latest(100).symbol(symbol).from(open).to(open))
                .size();
    }

    /** Waits for a decision of every symbol on the candle opening at {@code open}, then checks there is one. */
    void awaitDecidedOnce(Instant open) {
        await().atMost(Duration.ofSeconds(60)).until(() -> SYMBOLS.stream().allMatch(s -> journaled(s, open) >= 1));
        for (Symbol s : SYMBOLS) {
            assertThat(journaled(s, open)).as("decisions of %s on %s", s, open).isEqualTo(1);
        }
    }

    /**
     * Each of {@code alive} has asked whether it owns the symbol of {@code candles} closed candles per symbol (so
     * none is still about to decide one of them).
     */
    void awaitAsked(int candles, Instance... alive) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> java.util.Arrays.stream(alive).allMatch(i -> i.asked.get() >= candles * SYMBOLS.size()));
    }

    @Test
    void twoInstancesSplitTheSymbolsDecideEachCandleOnceAndTheSurvivorTakesOver() {
        Instance a = instance(false);
        Instance b = instance(false);
        // settled: one symbol each, none twice
        await().atMost(Duration.ofSeconds(30))
                .until(() -> a.ownership.owned().size() == 1
                        && b.ownership.owned().size() == 1
                        && !a.ownership.owned().equals(b.ownership.owned()));

        Instant h9 = Instant.parse("2025-03-01T09:00:00Z");
        close(h9);
        awaitDecidedOnce(h9);
        // a marker: the next candle, decided once too, after both loops had asked about the first
        clock.set(Instant.parse("2025-03-01T11:00:05Z"));
        Instant h10 = Instant.parse("2025-03-01T10:00:00Z");
        close(h10);
        awaitAsked(2, a, b);
        awaitDecidedOnce(h10);
        assertThat(journaled(FakeMarket.BTC, h9)).isEqualTo(1);
        assertThat(journaled(FakeMarket.ETH, h9)).isEqualTo(1);
        // one model call per candle and symbol in the whole cluster
        assertThat(a.calls.get()).isEqualTo(2);
        assertThat(b.calls.get()).isEqualTo(2);

        // the owner of BTC goes away: the other decides the next candle of both symbols
        Instance owner = a.ownership.owned().contains(FakeMarket.BTC) ? a : b;
        Instance other = owner == a ? b : a;
        owner.close();
        instances.remove(owner);
        clock.set(Instant.parse("2025-03-01T12:00:05Z"));
        Instant h11 = Instant.parse("2025-03-01T11:00:00Z");
        close(h11);
        awaitDecidedOnce(h11);
        assertThat(other.calls.get()).isEqualTo(4);
        assertThat(other.ownership.owned()).isEqualTo(Set.copyOf(SYMBOLS));
    }

    @Test
    void theTradingInstanceDecidesEverySymbolWhileAliveAndTheOthersTakeOverWhenItIsGone() {
        Instance idle = instance(false);
        Instance trader = instance(true);
        // the instance without trading stands down for the trading one, whose decisions reach its trader
        await().atMost(Duration.ofSeconds(30))
                .until(() -> trader.ownership.owned().equals(Set.copyOf(SYMBOLS))
                        && idle.ownership.owned().isEmpty());

        Instant h9 = Instant.parse("2025-03-01T09:00:00Z");
        close(h9);
        awaitDecidedOnce(h9);
        clock.set(Instant.parse("2025-03-01T11:00:05Z"));
        Instant h10 = Instant.parse("2025-03-01T10:00:00Z");
        close(h10);
        awaitAsked(2, idle, trader);
        awaitDecidedOnce(h10);
        assertThat(journaled(FakeMarket.BTC, h9)).isEqualTo(1);
        assertThat(journaled(FakeMarket.ETH, h9)).isEqualTo(1);
        assertThat(trader.calls.get()).isEqualTo(4);
        assertThat(idle.calls.get()).isZero();

        // the trader goes away: the other keeps the journal going (its decisions are not traded)
        trader.close();
        instances.remove(trader);
        clock.set(Instant.parse("2025-03-01T12:00:05Z"));
        Instant h11 = Instant.parse("2025-03-01T11:00:00Z");
        close(h11);
        awaitDecidedOnce(h11);
        awaitAsked(3, idle);
        assertThat(idle.calls.get()).isEqualTo(2);

        // a trading instance is back: it decides again, the other stands down
        Instance back = instance(true);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> back.ownership.owned().equals(Set.copyOf(SYMBOLS))
                        && idle.ownership.owned().isEmpty());
        clock.set(Instant.parse("2025-03-01T13:00:05Z"));
        Instant h12 = Instant.parse("2025-03-01T12:00:00Z");
        close(h12);
        awaitAsked(1, back);
        awaitAsked(4, idle); // h9, h10, h11 and h12
        awaitDecidedOnce(h12);
        assertThat(back.calls.get()).isEqualTo(2);
        assertThat(idle.calls.get()).isEqualTo(2);
    }

    @Test
    void onH2TheOneInstanceOwnsEverySymbol() throws Exception {
        try (TestDatabases.Handle h2 = TestDatabases.h2("ai-loop-h2");
                AiLoopOwnership o = AiLoopOwnership.forDatabase(h2::database, false, Duration.ofSeconds(10))) {
            assertThat(o.owns(FakeMarket.BTC)).isFalse(); // not started: nothing to decide
            o.start(SYMBOLS, Interval.H1);
            assertThat(o.owns(FakeMarket.BTC)).isTrue();
            assertThat(o.owned()).isEqualTo(Set.copyOf(SYMBOLS));
            o.close();
            assertThat(o.owns(FakeMarket.BTC)).isFalse();
        }
    }
}
