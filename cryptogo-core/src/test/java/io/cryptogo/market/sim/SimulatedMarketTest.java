package io.cryptogo.market.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final Symbol DOGE = Symbol.parse("DOGE/USDT");
    static final Instant NOW = Instant.parse("2025-06-11T13:37:42.250Z");

    static SimulatedMarket market(long seed, Instant now) {
        return SimulatedMarket.builder()
                .seed(seed)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
    }

    /** One market for the read-only tests, so each day is generated once per class. */
    static final SimulatedMarket SHARED = market(7, NOW);

    static SimulatedMarket market() {
        return SHARED;
    }

    // ------------------------------------------------------------ determinism

    @Test
    void theSameSeedGivesTheSameHistoryWhateverTheOrderOfQueries() {
        SimulatedMarket a = market(7, NOW);
        SimulatedMarket b = market(7, NOW);
        // b visits a day two years back first, a the recent minutes first
        List<Candle> bOld = b.klines(new KlineQuery(
                BTC, Interval.H1, Optional.of(Instant.parse("2023-05-01T00:00:00Z")), Optional.empty(), 48));
        List<Candle> aRecent = a.klines(BTC, Interval.M1, 3000);
        assertThat(b.klines(BTC, Interval.M1, 3000)).isEqualTo(aRecent);
        assertThat(a.klines(new KlineQuery(
                        BTC, Interval.H1, Optional.of(Instant.parse("2023-05-01T00:00:00Z")), Optional.empty(), 48)))
                .isEqualTo(bOld);
        for (SymbolInfo s : a.symbols()) {
            assertThat(a.klines(s.symbol(), Interval.D1, 30)).isEqualTo(b.klines(s.symbol(), Interval.D1, 30));
        }
    }

    @Test
    void differentSeedsGiveDifferentHistories() {
        List<Candle> a = market(7, NOW).klines(BTC, Interval.H1, 100);
        List<Candle> b = market(8, NOW).klines(BTC, Interval.H1, 100);
        assertThat(a).hasSize(100);
        assertThat(b).hasSize(100);
        long same = 0;
        for (int i = 0; i < 100; i++) {
            if (a.get(i).close().compareTo(b.get(i).close()) == 0) {
                same++;
            }
        }
        assertThat(same).isLessThan(5);
    }

    @Test
    void symbolsOfOneMarketFollowDifferentPaths() {
        SimulatedMarket m = market();
        double[] btc = returns(m.klines(BTC, Interval.H1, 500));
        double[] eth = returns(m.klines("ETH/USDT", Interval.H1, 500));
        assertThat(btc).isNotEqualTo(eth);
    }

    @Test
    void aClosedCandleDoesNotChangeAsTimeGoesOn() {
        Instant later = NOW.plus(Duration.ofDays(3)).plusSeconds(17);
        List<Candle> before = market(7, NOW)
                .klines(new KlineQuery(
                        BTC, Interval.M5, Optional.of(NOW.minus(Duration.ofHours(6))), Optional.of(NOW), 1000));
        List<Candle> after = market(7, later)
                .klines(new KlineQuery(
                        BTC, Interval.M5, Optional.of(NOW.minus(Duration.ofHours(6))), Optional.of(NOW), 1000));
        assertThat(before.get(before.size() - 1).closed()).isFalse();
        assertThat(after.subList(0, before.size() - 1)).isEqualTo(before.subList(0, before.size() - 1));
        assertThat(after.get(after.size() - 1).closed()).isTrue();
    }

    // ------------------------------------------------------------ aggregation and invariants

    @Test
    void everyIntervalIsExactlyTheAggregateOfItsOneMinuteCandlesOverSeveralDays() {
        SimulatedMarket m = market();
        Instant from = Instant.parse("2025-06-08T00:00:00Z");
        for (Symbol s : List.of(BTC, DOGE)) {
            List<Candle> minutes =
                    m.klines(new KlineQuery(s, Interval.M1, Optional.of(from), Optional.empty(), 100_000));
            assertThat(minutes.get(0).openTime()).isEqualTo(from);
            assertThat(minutes.get(minutes.size() - 1).openTime()).isEqualTo(Interval.M1.align(NOW));
            for (Interval iv : Interval.values()) {
                List<Candle> bars = m.klines(new KlineQuery(s, iv, Optional.of(from), Optional.empty(), 100_000));
                java.util.Map<Instant, Integer> index = new java.util.HashMap<>();
                for (int i = 0; i < minutes.size(); i++) {
                    index.put(minutes.get(i).openTime(), i);
                }
                int checked = 0;
                for (Candle bar : bars) {
                    int lo = index.get(bar.openTime());
                    int to = lo;
                    while (to < minutes.size() && minutes.get(to).openTime().isBefore(bar.nextOpenTime())) {
                        to++;
                    }
                    assertThat(aggregate(iv, minutes.subList(lo, to)))
                            .as("%s %s %s", s, iv, bar.openTime())
                            .isEqualTo(bar);
                    checked++;
                }
                long expected = (Interval.M1.align(NOW).toEpochMilli() - from.toEpochMilli()) / iv.millis() + 1;
                assertThat(checked).as("%s buckets", iv).isEqualTo((int) expected);
            }
        }
    }

    static Candle aggregate(Interval iv, List<Candle> minutes) {
        Candle first = minutes.get(0);
        Candle last = minutes.get(minutes.size() - 1);
        BigDecimal high = first.high();
        BigDecimal low = first.low();
        BigDecimal vol = BigDecimal.ZERO;
        BigDecimal quote = BigDecimal.ZERO;
        long trades = 0;
        for (Candle c : minutes) {
            high = high.max(c.high());
            low = low.min(c.low());
            vol = vol.add(c.volume());
            quote = quote.add(c.quoteVolume());
            trades += c.trades();
        }
        return Candle.of(
                first.symbol(),
                iv,
                iv.align(first.openTime()),
                first.open(),
                high,
                low,
                last.close(),
                vol,
                quote,
                trades,
                last.closed()
                        && !last.nextOpenTime()
                                .isBefore(iv.align(first.openTime()).plus(iv.duration())));
    }

    @Test
    void ohlcInvariantsHoldOverAYearOfHourlyCandles() {
        SimulatedMarket m = market();
        List<Candle> year = m.klines(BTC, Interval.H1, 24 * 366);
        assertThat(year).hasSize(24 * 366);
        Candle prev = null;
        for (Candle c : year) {
            assertThat(c.high()).isGreaterThanOrEqualTo(c.open().max(c.close()));
            assertThat(c.low()).isLessThanOrEqualTo(c.open().min(c.close()));
            assertThat(c.low()).isPositive();
            assertThat(c.volume()).isPositive();
            assertThat(c.quoteVolume())
                    .isBetween(
                            c.volume().multiply(c.low()).multiply(new BigDecimal("0.999")),
                            c.volume().multiply(c.high()).multiply(new BigDecimal("1.001")));
            assertThat(c.trades()).isPositive();
            assertThat(c.open().scale()).isEqualTo(2);
            assertThat(c.high().scale()).isEqualTo(2);
            assertThat(c.volume().scale()).isEqualTo(5);
            // realistic BTC level all year long
            assertThat(c.low().doubleValue()).isBetween(40_000.0, 160_000.0);
            if (prev != null) {
                assertThat(c.openTime()).isEqualTo(prev.nextOpenTime());
                assertThat(c.open()).isEqualTo(prev.close());
            }
            prev = c;
        }
    }

    @Test
    void pricesAreMultiplesOfTheTickAndSubDollarSymbolsKeepTheirDigits() {
        SimulatedMarket m = market();
        SymbolInfo doge = m.symbol(DOGE);
        assertThat(doge.tickSize()).isEqualByComparingTo("0.00001");
        List<Candle> candles = m.klines(DOGE, Interval.M15, 500);
        for (Candle c : candles) {
            for (BigDecimal p : List.of(c.open(), c.high(), c.low(), c.close())) {
                assertThat(p.doubleValue()).isBetween(0.01, 1.0);
                assertThat(p.scale()).isEqualTo(5);
                assertThat(doge.roundPrice(p)).isEqualByComparingTo(p);
            }
            assertThat(doge.roundQuantity(c.volume())).isEqualByComparingTo(c.volume());
        }
        Ticker t = m.ticker(DOGE);
        assertThat(t.price().toPlainString()).matches("0\\.\\d{5}");
    }

    @Test
    void theFiveDefaultSymbolsHaveBinanceLikeFiltersAndLevels() {
        SimulatedMarket m = market();
        assertThat(m.symbols())
                .extracting(s -> s.symbol().toString())
                .containsExactly("BTC/USDT", "ETH/USDT", "SOL/USDT", "BNB/USDT", "DOGE/USDT");
        SymbolInfo btc = m.symbol(BTC);
        assertThat(btc.trading()).isTrue();
        assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
        assertThat(btc.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(btc.minQty()).isEqualByComparingTo("0.00001");
        assertThat(btc.minNotional()).isEqualByComparingTo("5");
        assertThat(m.ticker(BTC).price().doubleValue()).isBetween(60_000.0, 110_000.0);
        assertThat(m.ticker("ETH/USDT").price().doubleValue()).isBetween(1_500.0, 7_000.0);
        assertThat(m.ticker(DOGE).price().doubleValue()).isLessThan(1.0);
    }

    // ------------------------------------------------------------ query semantics

    @Test
    void latestReturnsTheLastLimitCandlesEndingWithTheOpenOne() {
        SimulatedMarket m = market();
        List<Candle> c = m.klines(BTC, Interval.M15, 10);
        assertThat(c).hasSize(10);
        assertThat(c.get(9).openTime()).isEqualTo(Instant.parse("2025-06-11T13:30:00Z"));
        assertThat(c.get(9).closed()).isFalse();
        assertThat(c.subList(0, 9)).allMatch(Candle::closed);
        for (int i = 1; i < c.size(); i++) {
            assertThat(c.get(i).openTime()).isEqualTo(c.get(i - 1).nextOpenTime());
        }
    }

    @Test
    void startReturnsCandlesOpeningAtOrAfterIt() {
        SimulatedMarket m = market();
        List<Candle> exact = m.klines(new KlineQuery(
                BTC, Interval.H1, Optional.of(Instant.parse("2025-06-01T05:00:00Z")), Optional.empty(), 3));
        assertThat(exact)
                .extracting(Candle::openTime)
                .containsExactly(
                        Instant.parse("2025-06-01T05:00:00Z"),
                        Instant.parse("2025-06-01T06:00:00Z"),
                        Instant.parse("2025-06-01T07:00:00Z"));
        List<Candle> inside = m.klines(new KlineQuery(
                BTC, Interval.H1, Optional.of(Instant.parse("2025-06-01T05:00:00.001Z")), Optional.empty(), 2));
        assertThat(inside.get(0).openTime()).isEqualTo(Instant.parse("2025-06-01T06:00:00Z"));
    }

    @Test
    void startAndEndBoundTheRangeAndTheLimitStillApplies() {
        SimulatedMarket m = market();
        Instant start = Instant.parse("2025-06-10T00:00:00Z");
        Instant end = Instant.parse("2025-06-10T05:30:00Z");
        List<Candle> all = m.klines(new KlineQuery(BTC, Interval.H1, Optional.of(start), Optional.of(end), 1000));
        assertThat(all).hasSize(6);
        assertThat(all.get(5).openTime()).isEqualTo(Instant.parse("2025-06-10T05:00:00Z"));
        assertThat(m.klines(new KlineQuery(BTC, Interval.H1, Optional.of(start), Optional.of(end), 4)))
                .isEqualTo(all.subList(0, 4));
        assertThat(m.klines(KlineQuery.range(BTC, Interval.H1, start, end))).isEqualTo(all);
    }

    @Test
    void endAloneReturnsTheLastCandlesOpeningAtOrBeforeIt() {
        SimulatedMarket m = market();
        List<Candle> c = m.klines(new KlineQuery(
                BTC, Interval.H4, Optional.empty(), Optional.of(Instant.parse("2025-06-05T08:00:00Z")), 3));
        assertThat(c)
                .extracting(Candle::openTime)
                .containsExactly(
                        Instant.parse("2025-06-05T00:00:00Z"),
                        Instant.parse("2025-06-05T04:00:00Z"),
                        Instant.parse("2025-06-05T08:00:00Z"));
        assertThat(c).allMatch(Candle::closed);
    }

    @Test
    void nothingIsReturnedFromTheFutureAndAStartAfterNowIsEmpty() {
        SimulatedMarket m = market();
        assertThat(m.klines(new KlineQuery(BTC, Interval.M1, Optional.of(NOW.plusSeconds(120)), Optional.empty(), 5)))
                .isEmpty();
        List<Candle> c = m.klines(
                new KlineQuery(BTC, Interval.M1, Optional.empty(), Optional.of(NOW.plus(Duration.ofDays(1))), 2));
        assertThat(c.get(1).openTime()).isEqualTo(Interval.M1.align(NOW));
        assertThat(c.get(1).closed()).isFalse();
    }

    @Test
    void historyReachesYearsBack() {
        SimulatedMarket m = market();
        List<Candle> c = m.klines(new KlineQuery(
                BTC, Interval.D1, Optional.of(Instant.parse("2017-08-17T00:00:00Z")), Optional.empty(), 10));
        assertThat(c).hasSize(10).allMatch(Candle::closed);
        assertThat(c.get(0).close().doubleValue()).isBetween(30_000.0, 200_000.0);
    }

    @Test
    void historyStartsAt1970() {
        List<Candle> c = market().klines(new KlineQuery(
                BTC, Interval.D1, Optional.of(Instant.parse("1969-12-25T00:00:00Z")), Optional.empty(), 3));
        assertThat(c)
                .extracting(Candle::openTime)
                .containsExactly(
                        Instant.EPOCH, Instant.parse("1970-01-02T00:00:00Z"), Instant.parse("1970-01-03T00:00:00Z"));
        assertThat(market().klines(new KlineQuery(
                        BTC, Interval.D1, Optional.empty(), Optional.of(Instant.parse("1969-12-25T00:00:00Z")), 3)))
                .isEmpty();
    }

    @Test
    void anUnknownSymbolIsRejectedNamingTheKnownOnes() {
        SimulatedMarket m = market();
        assertThatThrownBy(() -> m.klines("XRP/USDT", Interval.H1, 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("XRP/USDT")
                .hasMessageContaining("BTC/USDT")
                .extracting(e -> ((InvalidRequestException) e).field())
                .isEqualTo("symbol");
        assertThatThrownBy(() -> m.ticker("XRP/USDT")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> m.stats24h("XRP/USDT")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> m.stream("XRP/USDT", Interval.M1, c -> {}))
                .isInstanceOf(InvalidRequestException.class);
    }

    // ------------------------------------------------------------ live candle, ticker, stats

    @Test
    void theOpenCandleMovesEachSecondAndClosesIntoTheHistoricalCandle() {
        MutableClock clock = MutableClock.at("2025-06-11T13:37:00.200Z");
        SimulatedMarket m = SimulatedMarket.builder().seed(3).clock(clock).build();
        List<Candle> seen = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            Candle live = last(m.klines(BTC, Interval.M1, 1));
            assertThat(live.closed()).isFalse();
            assertThat(live.openTime()).isEqualTo(Instant.parse("2025-06-11T13:37:00Z"));
            if (!seen.isEmpty()) {
                Candle prev = seen.get(seen.size() - 1);
                assertThat(live.open()).isEqualTo(prev.open());
                assertThat(live.high()).isGreaterThanOrEqualTo(prev.high());
                assertThat(live.low()).isLessThanOrEqualTo(prev.low());
                assertThat(live.volume()).isGreaterThanOrEqualTo(prev.volume());
                assertThat(live.trades()).isGreaterThanOrEqualTo(prev.trades());
            }
            assertThat(m.ticker(BTC).price()).isEqualTo(live.close());
            seen.add(live);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(seen.stream().map(Candle::close).distinct().count()).isGreaterThan(20);
        // now 13:38:00.200: the 13:37 candle is closed and equals its final live state
        List<Candle> two = m.klines(BTC, Interval.M1, 2);
        assertThat(two.get(0)).isEqualTo(seen.get(59).asClosed());
        assertThat(two.get(1).closed()).isFalse();
        assertThat(two.get(1).open()).isEqualTo(two.get(0).close());
        // and equals what another market with a clock far later says
        assertThat(market(3, NOW.plus(Duration.ofDays(2)))
                        .klines(new KlineQuery(
                                BTC,
                                Interval.M1,
                                Optional.of(Instant.parse("2025-06-11T13:37:00Z")),
                                Optional.empty(),
                                1)))
                .containsExactly(two.get(0));
    }

    @Test
    void theOpenHourlyCandleAggregatesTheClosedMinutesAndTheLiveOne() {
        MutableClock clock = MutableClock.at("2025-06-11T13:37:42.250Z");
        SimulatedMarket m = SimulatedMarket.builder().seed(7).clock(clock).build();
        Candle hour = last(m.klines(BTC, Interval.H1, 1));
        List<Candle> minutes = m.klines(new KlineQuery(
                BTC, Interval.M1, Optional.of(Instant.parse("2025-06-11T13:00:00Z")), Optional.empty(), 100));
        assertThat(minutes).hasSize(38);
        assertThat(hour).isEqualTo(aggregate(Interval.H1, minutes));
        assertThat(hour.closed()).isFalse();
    }

    @Test
    void theTickerHasATightSpreadAroundTheLastPrice() {
        MutableClock clock = MutableClock.at("2025-06-11T13:37:42.250Z");
        SimulatedMarket m = SimulatedMarket.builder().clock(clock).build();
        int wider = 0;
        for (int s = 0; s < 200; s++) {
            for (SymbolInfo info : m.symbols()) {
                Ticker t = m.ticker(info.symbol());
                assertThat(t.time()).isEqualTo(clock.instant());
                assertThat(t.bid()).isLessThanOrEqualTo(t.price());
                assertThat(t.ask()).isGreaterThanOrEqualTo(t.price());
                BigDecimal spreadTicks = t.ask().subtract(t.bid()).divide(info.tickSize());
                assertThat(spreadTicks.intValueExact()).isBetween(1, 3);
                if (spreadTicks.intValue() > 1) {
                    wider++;
                }
                assertThat(t.price())
                        .isEqualTo(last(m.klines(info.symbol(), Interval.M1, 1)).close());
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(wider).isBetween(50, 400);
    }

    @Test
    void statsAreTheRollingAggregateOfTheLast1440Minutes() {
        SimulatedMarket m = market();
        for (SymbolInfo info : m.symbols()) {
            Stats24h s = m.stats24h(info.symbol());
            Candle day = aggregate(Interval.M1, m.klines(info.symbol(), Interval.M1, 1440));
            assertThat(s.open()).isEqualTo(day.open());
            assertThat(s.high()).isEqualTo(day.high());
            assertThat(s.low()).isEqualTo(day.low());
            assertThat(s.last())
                    .isEqualTo(day.close())
                    .isEqualTo(m.ticker(info.symbol()).price());
            assertThat(s.volume()).isEqualTo(day.volume());
            assertThat(s.quoteVolume()).isEqualTo(day.quoteVolume());
            assertThat(s.change()).isEqualByComparingTo(day.close().subtract(day.open()));
            assertThat(s.changePercent().doubleValue())
                    .isCloseTo(
                            100 * (day.close().doubleValue() / day.open().doubleValue() - 1),
                            org.assertj.core.data.Offset.offset(0.001));
            assertThat(s.closeTime()).isEqualTo(NOW);
            assertThat(s.window()).isBetween(Duration.ofHours(23).plusMinutes(59), Duration.ofHours(24));
        }
    }

    // ------------------------------------------------------------ realistic statistics

    @Test
    void oneMinuteReturnsHaveFatTailsAndClusteredVolatility() {
        SimulatedMarket m = market();
        double[] r = returns(m.klines(BTC, Interval.M1, 20 * 1440));
        assertThat(kurtosis(r)).isGreaterThan(5.0);
        double[] abs = java.util.Arrays.stream(r).map(Math::abs).toArray();
        assertThat(autocorrelation(abs, 1)).isGreaterThan(0.1);
        assertThat(autocorrelation(abs, 30)).isGreaterThan(0.05);
        // but no exploitable linear predictability
        assertThat(Math.abs(autocorrelation(r, 1))).isLessThan(0.05);
        double std =
                Math.sqrt(java.util.Arrays.stream(r).map(x -> x * x).average().orElseThrow());
        assertThat(std).isBetween(0.0003, 0.003);
    }

    @Test
    void dailyReturnsHaveCryptoLikeVolatility() {
        double[] r = returns(market().klines(BTC, Interval.D1, 400));
        double std =
                Math.sqrt(java.util.Arrays.stream(r).map(x -> x * x).average().orElseThrow());
        assertThat(std).isBetween(0.015, 0.05);
        assertThat(kurtosis(r)).isGreaterThan(3.0);
    }

    @Test
    void volumeFollowsAUShapedIntradayPatternAndAbsoluteReturns() {
        SimulatedMarket m = market();
        List<Candle> c = m.klines(new KlineQuery(
                BTC, Interval.M1, Optional.of(Instant.parse("2025-05-01T00:00:00Z")), Optional.empty(), 30 * 1440));
        double[] byHour = new double[24];
        for (Candle x : c) {
            byHour[x.openTime().atZone(ZoneOffset.UTC).getHour()] += x.volume().doubleValue();
        }
        double edges = byHour[0] + byHour[1] + byHour[22] + byHour[23];
        double middle = byHour[9] + byHour[10] + byHour[11] + byHour[12];
        assertThat(edges).isGreaterThan(1.3 * middle);
        double[] abs = returns(c);
        double[] vol =
                c.stream().skip(1).mapToDouble(x -> x.volume().doubleValue()).toArray();
        abs = java.util.Arrays.stream(abs).map(Math::abs).toArray();
        assertThat(correlation(abs, vol)).isGreaterThan(0.3);
    }

    // ------------------------------------------------------------ construction

    @Test
    void theSourceIsSimulatedWithTheGivenReason() {
        SimulatedMarket m = SimulatedMarket.builder()
                .reason("Binance unreachable: connect timed out")
                .build();
        assertThat(m.source())
                .isEqualTo(new SourceInfo(SourceInfo.Kind.SIMULATED, "Binance unreachable: connect timed out"));
        assertThat(SimulatedMarket.builder().seed(5).build().source().reason()).contains("seed 5");
        assertThat(SimulatedMarket.demo().source().simulated()).isTrue();
        assertThat(SimulatedMarket.demo().seed()).isEqualTo(SimulatedMarket.DEFAULT_SEED);
    }

    @Test
    void theBuilderServesAChosenSubsetAndCustomSymbols() {
        SimSymbol pepe = new SimSymbol(
                new SymbolInfo(
                        Symbol.parse("PEPE/USDT"),
                        "TRADING",
                        new BigDecimal("0.00000001"),
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE),
                new BigDecimal("0.00001"),
                0.06,
                new BigDecimal("50000000"),
                new BigDecimal("400000"),
                new BigDecimal("300000000000"));
        SimulatedMarket m = SimulatedMarket.builder()
                .symbols("DOGE-USDT", "BTCUSDT")
                .symbol(pepe)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        assertThat(m.symbols())
                .extracting(s -> s.symbol().toString())
                .containsExactly("DOGE/USDT", "BTC/USDT", "PEPE/USDT");
        Candle c = last(m.klines("PEPE/USDT", Interval.H1, 5));
        assertThat(c.close().scale()).isEqualTo(8);
        assertThatThrownBy(() -> m.ticker("ETH/USDT")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theBuilderRejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> SimulatedMarket.builder().symbols("XRP/USDT").build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("XRP/USDT")
                .hasMessageContaining("accepted values: BTC/USDT");
        assertThatThrownBy(() -> SimulatedMarket.builder().symbols().build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> SimulatedMarket.builder()
                        .tickInterval(Duration.ofMillis(1))
                        .build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("tickInterval")
                .hasMessageContaining("10ms..60s");
        assertThatThrownBy(() -> SimulatedMarket.builder().cacheDays(1).build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cacheDays");
    }

    @Test
    void fromConfigReadsTheSimSettings() {
        Config c = Config.of(Map.of(
                "SIM_SEED", "99",
                "SIM_SYMBOLS", "BTC/USDT, ETH-USDT",
                "SIM_TICK_INTERVAL", "250ms",
                "SIM_CACHE_DAYS", "10"));
        SimulatedMarket m = SimulatedMarket.fromConfig(c);
        assertThat(m.seed()).isEqualTo(99);
        assertThat(m.tickInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(m.symbols()).extracting(s -> s.symbol().toString()).containsExactly("BTC/USDT", "ETH/USDT");
        SimulatedMarket defaults = SimulatedMarket.fromConfig(Config.of(Map.of()));
        assertThat(defaults.seed()).isEqualTo(42);
        assertThat(defaults.tickInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.symbols()).hasSize(5);
    }

    @Test
    void fromConfigRejectsBadSettingsNamingThem() {
        assertThatThrownBy(() -> SimulatedMarket.fromConfig(Config.of(Map.of("SIM_SEED", "abc"))))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).setting())
                .isEqualTo("SIM_SEED");
        assertThatThrownBy(() -> SimulatedMarket.fromConfig(Config.of(Map.of("SIM_SYMBOLS", "BTC/USDT,XRP/USDT"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("XRP/USDT")
                .extracting(e -> ((ConfigException) e).setting())
                .isEqualTo("SIM_SYMBOLS");
        assertThatThrownBy(() -> SimulatedMarket.fromConfig(Config.of(Map.of("SIM_SYMBOLS", "???"))))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> SimulatedMarket.fromConfig(Config.of(Map.of("SIM_TICK_INTERVAL", "5m"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("10ms..60s");
        assertThatThrownBy(() -> SimulatedMarket.fromConfig(Config.of(Map.of("SIM_CACHE_DAYS", "0"))))
                .isInstanceOf(ConfigException.class);
    }

    // ------------------------------------------------------------ helpers

    static Candle last(List<Candle> c) {
        return c.get(c.size() - 1);
    }

    static double[] returns(List<Candle> c) {
        double[] r = new double[c.size() - 1];
        for (int i = 1; i < c.size(); i++) {
            r[i - 1] = Math.log(
                    c.get(i).close().doubleValue() / c.get(i - 1).close().doubleValue());
        }
        return r;
    }

    static double kurtosis(double[] x) {
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= x.length;
        m4 /= x.length;
        return m4 / (m2 * m2);
    }

    static double autocorrelation(double[] x, int lag) {
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            den += (x[i] - mean) * (x[i] - mean);
            if (i >= lag) {
                num += (x[i] - mean) * (x[i - lag] - mean);
            }
        }
        return num / den;
    }

    static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
