package io.cryptogo.indicators.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.indicators.TestCandles;
import io.cryptogo.market.DerivativesData;
import io.cryptogo.model.FundingRate;
import io.cryptogo.model.Interval;
import io.cryptogo.model.OpenInterest;
import io.cryptogo.model.Symbol;
import io.cryptogo.testing.FakeMarket;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarketSnapshotBuilderTest {
    private static final Symbol BTC = TestCandles.BTC;
    private static final Clock CLOCK = Clock.fixed(Lines.AS_OF, ZoneOffset.UTC);

    private static FakeMarket market(Optional<DerivativesData> d) {
        return new FakeMarket(CLOCK)
                .serve(Interval.M1, Lines.intraday(BTC, Interval.M1, 800, 100_000, 1))
                .serve(Interval.H4, Lines.context(BTC, Interval.H4, 800, 90_000, 10, 8.04))
                .derivatives(d);
    }

    /** Open interest 100 + i over history, 150 now; funding 1e-4 per 8h; or failing, when asked. */
    static final class FakeDerivatives implements DerivativesData {
        final boolean failOpenInterest;
        final boolean failFunding;
        final List<String> calls = new ArrayList<>();

        FakeDerivatives(boolean failOpenInterest, boolean failFunding) {
            this.failOpenInterest = failOpenInterest;
            this.failFunding = failFunding;
        }

        @Override
        public OpenInterest openInterest(Symbol symbol) {
            calls.add("openInterest " + symbol);
            if (failOpenInterest) {
                throw new ExchangeUnavailableException("futures endpoint down");
            }
            return new OpenInterest(symbol, new BigDecimal("150"), Lines.AS_OF);
        }

        @Override
        public List<OpenInterest> openInterestHistory(Symbol symbol, Duration period, int limit) {
            calls.add("history " + symbol + " " + period + " " + limit);
            List<OpenInterest> out = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                out.add(new OpenInterest(
                        symbol, BigDecimal.valueOf(100 + i), Lines.AS_OF.minus(period.multipliedBy(limit - i))));
            }
            return out;
        }

        @Override
        public FundingRate fundingRate(Symbol symbol) {
            calls.add("funding " + symbol);
            if (failFunding) {
                throw new ExchangeUnavailableException("futures endpoint down");
            }
            return new FundingRate(
                    symbol,
                    new BigDecimal("0.0001"),
                    Duration.ofHours(8),
                    Lines.AS_OF.plusSeconds(3600),
                    new BigDecimal("100399"),
                    Lines.AS_OF);
        }
    }

    @Test
    void buildFetchesSeveralHundredBarsOfEachIntervalAndTheDerivatives() {
        FakeDerivatives d = new FakeDerivatives(false, false);
        FakeMarket m = market(Optional.of(d));
        MarketSnapshot s =
                MarketSnapshot.builder(m).symbol("BTC/USDT").clock(CLOCK).build();

        assertThat(m.queries()).hasSize(2);
        assertThat(m.queries()).allSatisfy(q -> assertThat(q.limit()).isEqualTo(500));
        assertThat(m.queries()).extracting(q -> q.interval()).containsExactly(Interval.M1, Interval.H4);
        assertThat(d.calls).containsExactly("openInterest BTC/USDT", "history BTC/USDT PT5M 30", "funding BTC/USDT");
        assertThat(s.asOf()).isEqualTo(Lines.AS_OF);
        assertThat(s.intradayInterval()).isEqualTo(Interval.M1);
        assertThat(s.contextInterval()).isEqualTo(Interval.H4);
        assertThat(s.seriesLength()).isEqualTo(10);
        // closed candles only: the open 13:00 minute is left out
        assertThat(s.price()).isEqualTo(100_798.0);
        assertThat(s.source()).contains(m.source().kind());
        assertThat(m.queries()).allSatisfy(q -> assertThat(q.end()).contains(Lines.AS_OF));
        var oi = s.derivatives().orElseThrow().openInterest().orElseThrow();
        assertThat(oi.latest()).isEqualTo(150.0);
        assertThat(oi.mean()).isEqualTo(114.5); // mean of 100..129
        assertThat(oi.window()).isEqualTo(Duration.ofMinutes(150));
        assertThat(s.toText(Locale.SIMPLIFIED_CHINESE))
                .contains("- Open Interest: 150 (均值: 114.5, 窗口: 30 × 5m)\n- Funding Rate: 0.0001 (每8小时)\n");
        // the snapshot equals one built from the same candles without I/O
        MarketSnapshot replay = MarketSnapshot.fromCandles(
                BTC,
                m.served(Interval.M1).subList(300, 800),
                m.served(Interval.H4).subList(300, 800),
                s.derivatives(),
                10,
                Lines.AS_OF,
                Optional.of(m.source().kind()),
                false);
        assertThat(replay.toJson()).isEqualTo(s.toJson());
    }

    @Test
    void settingsChangeWhatIsFetched() {
        FakeDerivatives d = new FakeDerivatives(false, false);
        FakeMarket m = new FakeMarket(CLOCK)
                .serve(Interval.M5, Lines.intraday(BTC, Interval.M5, 800, 100_000, 1))
                .serve(Interval.H1, Lines.context(BTC, Interval.H1, 800, 90_000, 10, 8.04))
                .derivatives(Optional.of(d));
        MarketSnapshot s = MarketSnapshot.builder(m)
                .symbol(BTC)
                .intradayInterval(Interval.M5)
                .contextInterval(Interval.H1)
                .seriesLength(20)
                .historyBars(300)
                .openInterestWindow(Duration.ofHours(1), 24)
                .clock(CLOCK)
                .build();
        assertThat(m.queries()).allSatisfy(q -> assertThat(q.limit()).isEqualTo(300));
        assertThat(d.calls).contains("history BTC/USDT PT1H 24");
        assertThat(s.intradayEma20()).hasSize(20);
        assertThat(s.toText(Locale.SIMPLIFIED_CHINESE)).contains("最近20根5分钟K线").contains("1小时级别背景");
    }

    @Test
    void openInterestIsReadAsOfTheSnapshotTimeAndFundingWithoutHistoryIsMarkedCurrent() {
        // the decision is an hour old: the current open interest (150, read now) must not show
        FakeDerivatives d = new FakeDerivatives(false, false);
        Clock hourAgo = Clock.fixed(Lines.AS_OF.minus(Duration.ofHours(1)), ZoneOffset.UTC);
        MarketSnapshot s = MarketSnapshot.builder(market(Optional.of(d)))
                .symbol("BTC/USDT")
                .clock(hourAgo)
                .build();
        // 30 points plus the 12 five-minute points of lag (and one): 43; history i at AS_OF - (43 - i) × 5m
        assertThat(d.calls).contains("history BTC/USDT PT5M 43");
        var oi = s.derivatives().orElseThrow().openInterest().orElseThrow();
        assertThat(oi.latest()).isEqualTo(131.0); // i = 31 at AS_OF - 12 × 5m = T: the last point at or before T
        assertThat(oi.time()).contains(Lines.AS_OF.minus(Duration.ofHours(1)));
        assertThat(oi.points()).isEqualTo(30);
        assertThat(oi.mean()).isEqualTo(116.5); // mean of 102..131
        assertThat(oi.current()).isFalse();
        var funding = s.derivatives().orElseThrow().funding().orElseThrow();
        assertThat(funding.current()).isTrue();
        assertThat(s.toText(Locale.ENGLISH))
                .contains("- Open Interest: 131 (mean: 116.5 over 30 × 5m)\n")
                .contains("- Funding Rate: 0.0001 (per 8h) (current value: the source keeps no history)\n");
    }

    @Test
    void aSourceWithoutDerivativesGivesASnapshotThatSaysSo() {
        MarketSnapshot s = MarketSnapshot.builder(market(Optional.empty()))
                .symbol("BTC/USDT")
                .clock(CLOCK)
                .build();
        assertThat(s.derivatives()).isEmpty();
        assertThat(s.toText(Locale.ENGLISH)).contains("- Open Interest: unavailable");
    }

    @Test
    void aFailingFuturesEndpointLeavesOnlyThatPartOut() {
        MarketSnapshot s = MarketSnapshot.builder(market(Optional.of(new FakeDerivatives(true, false))))
                .symbol("BTC/USDT")
                .clock(CLOCK)
                .build();
        assertThat(s.derivatives().orElseThrow().openInterest()).isEmpty();
        assertThat(s.toText(Locale.SIMPLIFIED_CHINESE))
                .contains("- Open Interest: 不可用 (数据源未提供)\n- Funding Rate: 0.0001 (每8小时)\n");

        MarketSnapshot none = MarketSnapshot.builder(market(Optional.of(new FakeDerivatives(true, true))))
                .symbol("BTC/USDT")
                .clock(CLOCK)
                .build();
        assertThat(none.derivatives()).isEmpty();
    }

    @Test
    void buildValidatesItsSettingsBeforeAnyFetch() {
        FakeMarket m = market(Optional.empty());
        assertThatThrownBy(() -> MarketSnapshot.builder(m).build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("symbol");
        assertThatThrownBy(() -> MarketSnapshot.builder(m)
                        .symbol("BTC/USDT")
                        .historyBars(100)
                        .build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("historyBars must be between 300 and 5000");
        assertThatThrownBy(() -> MarketSnapshot.builder(m)
                        .symbol("BTC/USDT")
                        .seriesLength(0)
                        .build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("seriesLength");
        assertThatThrownBy(() -> MarketSnapshot.builder(m)
                        .symbol("BTC/USDT")
                        .openInterestWindow(Duration.ZERO, 30)
                        .build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("openInterestWindow");
        assertThat(m.queries()).isEmpty();
    }
}
