package io.cryptogo.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.testing.LoopMarket;
import io.cryptogo.config.Config;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.testing.FakeMarket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecisionLoopTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:05Z");

    private final LoopMarket market = new LoopMarket(NOW);
    private final DecisionStore store = DecisionStore.inMemory();
    private final AtomicInteger calls = new AtomicInteger();
    private final SignalGenerator rules =
            RuleSignalGenerator.builder().store(store).build();
    private final SignalGenerator counting = new SignalGenerator() {
        @Override
        public String label() {
            return rules.label();
        }

        @Override
        public Decision decide(SignalInput input) {
            calls.incrementAndGet();
            return rules.decide(input);
        }
    };

    private DecisionLoop loop(Clock clock) {
        return DecisionLoop.builder(market, counting)
                .symbols(List.of(FakeMarket.BTC))
                .clock(clock)
                .build();
    }

    @Test
    void decidesOncePerClosedCandleOnThatCandleAndNeverOnTicks() throws Exception {
        BlockingQueue<Decision> seen = new LinkedBlockingQueue<>();
        try (DecisionLoop loop =
                loop(Clock.fixed(NOW, ZoneOffset.UTC)).onDecision(seen::add).start()) {
            assertThat(market.subscribed(FakeMarket.BTC, Interval.H1)).isTrue();
            Candle closed = market.lastClosed(Interval.H1);
            Candle live = Candle.of(
                    closed.symbol(),
                    closed.interval(),
                    closed.openTime(),
                    closed.closeTime(),
                    closed.open(),
                    closed.high(),
                    closed.low(),
                    closed.close(),
                    closed.volume(),
                    closed.quoteVolume(),
                    closed.trades(),
                    false);
            market.push(live);
            market.push(live);
            market.push(closed);

            Decision d = seen.poll(30, TimeUnit.SECONDS); // generous for loaded CI machines
            assertThat(d).isNotNull();
            assertThat(d.signal().candleTime()).isEqualTo(closed.openTime());
            assertThat(d.generator()).isEqualTo("rules");
            assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(calls).hasValue(1);
            assertThat(store.latest(FakeMarket.BTC)).isPresent();
        }
        assertThat(market.subscribed(FakeMarket.BTC, Interval.H1)).isFalse();
    }

    @Test
    void decidesOnlyTheSymbolsItOwnsAtEachClosedCandle() throws Exception {
        BlockingQueue<Decision> seen = new LinkedBlockingQueue<>();
        List<Symbol> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DecisionLoop loop = DecisionLoop.builder(market, counting)
                .symbols(List.of(FakeMarket.BTC, FakeMarket.ETH))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .owns(s -> {
                    asked.add(s);
                    return s.equals(FakeMarket.ETH);
                })
                .build()
                .onDecision(seen::add)
                .start()) {
            Candle btc = market.lastClosed(Interval.H1);
            market.push(btc);
            market.push(LoopMarket.candle(FakeMarket.ETH, Interval.H1, btc.openTime(), true));

            // one thread takes the candles in order: the ETH decision comes after BTC's candle was passed over
            Decision d = seen.poll(30, TimeUnit.SECONDS);
            assertThat(d).isNotNull();
            assertThat(d.signal().symbol()).isEqualTo(FakeMarket.ETH);
            assertThat(asked).containsExactly(FakeMarket.BTC, FakeMarket.ETH);
            assertThat(calls).hasValue(1);
            assertThat(store.latest(FakeMarket.BTC)).isEmpty();
            // on demand ignores ownership
            assertThat(loop.analyze(FakeMarket.BTC).signal().symbol()).isEqualTo(FakeMarket.BTC);
        }
    }

    @Test
    void anOwnershipThatFailsSkipsTheCandle() throws Exception {
        BlockingQueue<Decision> seen = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicBoolean fail = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (DecisionLoop owned = DecisionLoop.builder(market, counting)
                .symbols(List.of(FakeMarket.BTC))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .owns(s -> {
                    if (fail.getAndSet(false)) {
                        throw new IllegalStateException("database down");
                    }
                    return true;
                })
                .build()
                .onDecision(seen::add)
                .start()) {
            Candle closed = market.lastClosed(Interval.H1);
            market.push(closed); // skipped: the ownership threw
            market.push(closed); // decided: it answers again
            Decision d = seen.poll(30, TimeUnit.SECONDS);
            assertThat(d).isNotNull();
            assertThat(calls).hasValue(1);
            assertThat(fail).isFalse();
        }
    }

    @Test
    void aStaleCandleIsSkippedWithoutADecision() throws Exception {
        BlockingQueue<Decision> seen = new LinkedBlockingQueue<>();
        Clock late = Clock.fixed(NOW.plus(Duration.ofHours(5)), ZoneOffset.UTC);
        try (DecisionLoop loop = loop(late).onDecision(seen::add).start()) {
            market.push(market.lastClosed(Interval.H1));
            assertThat(seen.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(calls).hasValue(0);
            assertThatThrownBy(() -> loop.analyze(FakeMarket.BTC))
                    .isInstanceOf(ExchangeUnavailableException.class)
                    .hasMessageContaining("stale");
        }
    }

    @Test
    void analyzeOnDemandDecidesOnTheLastClosedCandleAndTellsTheListeners() {
        AtomicInteger heard = new AtomicInteger();
        try (DecisionLoop loop = loop(Clock.fixed(NOW, ZoneOffset.UTC))) {
            loop.onDecision(d -> {
                throw new IllegalStateException("a broken listener");
            });
            loop.onDecision(d -> heard.incrementAndGet());
            Decision d = loop.analyze(FakeMarket.BTC);

            assertThat(d.signal().candleTime())
                    .isEqualTo(market.lastClosed(Interval.H1).openTime());
            assertThat(d.signal().symbol()).isEqualTo(FakeMarket.BTC);
            assertThat(heard).hasValue(1);
            assertThat(d.snapshot()).contains("\"symbol\"");
        }
    }

    @Test
    void readsItsSettings() {
        DecisionLoop l = DecisionLoop.fromConfig(
                Config.of(Map.of("AI_SYMBOLS", "BTC/USDT, ETH/USDT", "AI_INTERVAL", "15m")), market, rules);
        assertThat(l.symbols()).extracting(Object::toString).containsExactly("BTC/USDT", "ETH/USDT");
        assertThat(l.interval()).isEqualTo(Interval.M15);
        assertThat(DecisionLoop.fromConfig(Config.of(Map.of("DEFAULT_SYMBOL", "ETH/USDT")), market, rules)
                        .symbols())
                .extracting(Object::toString)
                .containsExactly("ETH/USDT");
        assertThatThrownBy(() -> DecisionLoop.fromConfig(Config.of(Map.of("AI_INTERVAL", "2h")), market, rules))
                .hasMessageContaining("AI_INTERVAL");
        assertThatThrownBy(
                        () -> DecisionLoop.fromConfig(Config.of(Map.of("AI_SYMBOLS", "BTC/USDT,NOPE")), market, rules))
                .isInstanceOf(io.cryptogo.config.ConfigException.class)
                .hasMessageContaining("AI_SYMBOLS")
                .hasMessageContaining("BTC/USDT");
    }
}
