package io.cryptogo.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.provider.ChatModels;
import io.cryptogo.ai.testing.LoopMarket;
import io.cryptogo.ai.testing.LoopbackLlm;
import io.cryptogo.ai.testing.LoopbackLlm.Wire;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal.Action;
import io.cryptogo.testing.FakeMarket;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A decision at T sees only what had closed by T: the same decision rerun on a market whose every candle
 * after T differs sends the model a byte-identical prompt (through the loop and the loopback LLM).
 */
@Timeout(60)
class DecisionLoopClosedCandlesTest {
    /** Now: the 09:00 hour is the last closed one; the 10:00 hour and the 08:00-12:00 4h candle are open. */
    private static final Instant NOW = Instant.parse("2025-03-01T10:30:05Z");
    /** The decision time: the 09:00 hour closed at 10:00. */
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    private static final String HOLD = "{\"action\":\"HOLD\",\"confidence\":0.5,\"entry\":100000,"
            + "\"stop_loss\":null,\"take_profit\":null,\"reasoning\":\"mixed\"}";

    /** The loop tests' market, and one whose every candle closing after T is different. */
    private static FakeMarket market(boolean changedAfterT) {
        FakeMarket m = new FakeMarket(Clock.fixed(NOW, ZoneOffset.UTC), (symbol, interval, open, closed) -> {
            Candle c = LoopMarket.candle(symbol, interval, open, closed);
            if (!changedAfterT || !open.plus(interval.duration()).isAfter(T)) {
                return c;
            }
            BigDecimal k = new BigDecimal("1.05");
            return Candle.of(
                    symbol,
                    interval,
                    open,
                    c.open().multiply(k),
                    c.high().multiply(k).add(BigDecimal.TEN),
                    c.low().multiply(k),
                    c.close().multiply(k).add(BigDecimal.ONE),
                    c.volume().multiply(BigDecimal.TWO),
                    c.quoteVolume().multiply(BigDecimal.TWO),
                    c.trades() + 1,
                    closed);
        });
        m.history(600);
        return m;
    }

    private static Decision decideAtNow(FakeMarket market) throws Exception {
        try (LoopbackLlm llm = new LoopbackLlm(Wire.OPENAI).thenAnswer(HOLD)) {
            ChatModels.Configured m =
                    ChatModels.fromConfig(llm.config(Map.of())).orElseThrow();
            LlmSignalGenerator g = LlmSignalGenerator.builder(m.model(), m.provider(), m.modelName())
                    .store(DecisionStore.inMemory())
                    .build();
            try (DecisionLoop loop = DecisionLoop.builder(market, g)
                    .symbols(List.of(FakeMarket.BTC))
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .holdings(s -> Holding.of("0.01", "99000"))
                    .build()) {
                Decision d = loop.analyze(FakeMarket.BTC);
                assertThat(llm.requests()).hasSize(1);
                return d;
            }
        }
    }

    @Test
    void changingEveryCandleAfterTheDecisionTimeLeavesThePromptByteIdentical() throws Exception {
        FakeMarket original = market(false);
        FakeMarket changed = market(true);
        // the change is real: a live view (open candles kept) at T sees it
        assertThat(liveSnapshot(changed).toJson())
                .isNotEqualTo(liveSnapshot(original).toJson());

        Decision a = decideAtNow(original);
        Decision b = decideAtNow(changed);

        assertThat(a.signal().action()).isEqualTo(Action.HOLD);
        assertThat(a.signal().candleTime()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
        assertThat(b.prompt()).isEqualTo(a.prompt());
        assertThat(b.promptHash()).isEqualTo(a.promptHash());
        assertThat(b.snapshot()).isEqualTo(a.snapshot());
        String prompt = a.prompt().orElseThrow();
        assertThat(prompt)
                .contains("BTC/USDT, decision time " + T + "; the last 1-hour candle closed at " + T
                        + " (closed candles only).")
                .contains("Position held: long 0.01 BTC (average entry 99000)")
                .doesNotContain("still open");
        assertThat(a.marketSource()).contains(SourceInfo.Kind.SIMULATED);
    }

    private static MarketSnapshot liveSnapshot(FakeMarket m) {
        return MarketSnapshot.builder(m)
                .symbol(Symbol.parse("BTC/USDT"))
                .intradayInterval(Interval.H1)
                .contextInterval(Interval.H4)
                .clock(Clock.fixed(T, ZoneOffset.UTC))
                .includeOpenCandle(true)
                .build();
    }

    @Test
    void theOpenCandleOptionIsTheLiveViewAndSaysSo() {
        MarketSnapshot live = liveSnapshot(market(false));
        assertThat(live.includesOpenCandle()).isTrue();
        assertThat(live.contextCandleOpen()).isTrue();
        assertThat(live.toText(Locale.ENGLISH)).contains("(open candles included)");
        MarketSnapshot closed = MarketSnapshot.builder(market(false))
                .symbol("BTC/USDT")
                .intradayInterval(Interval.H1)
                .contextInterval(Interval.H4)
                .clock(Clock.fixed(T, ZoneOffset.UTC))
                .build();
        assertThat(closed.contextCandleTime()).isEqualTo(Instant.parse("2025-03-01T04:00:00Z"));
        assertThat(closed.contextCandleOpen()).isFalse();
        assertThat(Duration.between(closed.lastCloseTime(), T)).isEqualTo(Duration.ofMillis(1));
    }
}
