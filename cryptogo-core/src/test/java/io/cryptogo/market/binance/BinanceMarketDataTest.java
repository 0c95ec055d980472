package io.cryptogo.market.binance;

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
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.ManualClock;
import io.cryptogo.testing.SharedData;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BinanceMarketDataTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    final ManualClock clock = ManualClock.at("2024-03-10T12:34:56.789Z");
    FakeBinanceServer server;
    BinanceMarketData binance;

    @BeforeEach
    void start() {
        server = FakeBinanceServer.start(clock);
        binance = BinanceMarketData.builder()
                .baseUrl(server.baseUrl())
                .clock(clock)
                .sleeper(new RecordingSleeper(clock))
                .build();
    }

    @AfterEach
    void stop() {
        binance.close();
        server.close();
    }

    @Test
    void latestKlinesComeOldestFirstWithTheOpenCandleLast() {
        List<Candle> c = binance.klines("BTC/USDT", Interval.H1, 100);

        assertThat(c).hasSize(100);
        assertContiguous(c, Interval.H1);
        assertThat(c.get(99).openTime()).isEqualTo(Instant.parse("2024-03-10T12:00:00Z"));
        assertThat(c.get(99).closed()).isFalse();
        assertThat(c.subList(0, 99)).allMatch(Candle::closed);
        assertThat(server.requests("/api/v3/klines")).singleElement().satisfies(r -> {
            assertThat(r.query()).containsEntry("symbol", "BTCUSDT").containsEntry("interval", "1h");
            assertThat(r.query()).containsEntry("limit", "100").doesNotContainKeys("startTime", "endTime");
        });
    }

    @Test
    void klineValuesAreTheWireValuesExactly() throws Exception {
        Candle last = binance.klines("BTC/USDT", Interval.M5, 3).get(0);
        List<?> row =
                BinanceJson.MAPPER.readValue(server.klineRow("BTCUSDT", Interval.M5, last.openTime()), List.class);

        assertThat(last.open()).isEqualByComparingTo((String) row.get(1));
        assertThat(last.high()).isEqualByComparingTo((String) row.get(2));
        assertThat(last.low()).isEqualByComparingTo((String) row.get(3));
        assertThat(last.close()).isEqualByComparingTo((String) row.get(4));
        assertThat(last.volume()).isEqualByComparingTo((String) row.get(5));
        assertThat(last.closeTime().toEpochMilli()).isEqualTo(((Number) row.get(6)).longValue());
        assertThat(last.quoteVolume()).isEqualByComparingTo((String) row.get(7));
        assertThat(last.trades()).isEqualTo(((Number) row.get(8)).longValue());
    }

    @ParameterizedTest
    @EnumSource(Interval.class)
    void everyIntervalIsServedAlignedToItsBuckets(Interval interval) {
        List<Candle> c = binance.klines(BTC, interval, 5);

        assertThat(c).hasSize(5);
        assertContiguous(c, interval);
        assertThat(c.get(4).openTime()).isEqualTo(interval.align(clock.instant()));
        assertThat(c.get(4).closeTime()).isEqualTo(c.get(4).nextOpenTime().minusMillis(1));
        assertThat(c).allMatch(k -> k.interval() == interval && k.symbol().equals(BTC));
        assertThat(server.requests().get(0).param("interval")).isEqualTo(interval.code());
    }

    @Test
    void moreThanOnePageOfLatestCandlesIsFetchedInPagesWithoutGapsOrDuplicates() {
        List<Candle> c = binance.klines(BTC, Interval.M1, 2500);

        assertThat(c).hasSize(2500);
        assertContiguous(c, Interval.M1);
        assertThat(c.get(2499).openTime()).isEqualTo(Interval.M1.align(clock.instant()));
        assertThat(server.requests("/api/v3/klines"))
                .extracting(r -> r.param("limit"))
                .containsExactly("1000", "1000", "500");
    }

    @Test
    void aLongRangeIsPagedByStartTime() {
        Instant from = Instant.parse("2024-03-01T00:00:00Z");
        Instant to = Instant.parse("2024-03-03T00:00:00Z");
        List<Candle> c = binance.klines(KlineQuery.range(BTC, Interval.M1, from, to));

        assertThat(c).hasSize(2 * 1440 + 1);
        assertContiguous(c, Interval.M1);
        assertThat(c.get(0).openTime()).isEqualTo(from);
        assertThat(c.get(c.size() - 1).openTime()).isEqualTo(to);
        assertThat(c).allMatch(Candle::closed);
        List<FakeBinanceServer.Request> pages = server.requests("/api/v3/klines");
        assertThat(pages).hasSize(3);
        assertThat(pages)
                .extracting(r -> Long.parseLong(r.param("startTime")))
                .containsExactly(
                        from.toEpochMilli(),
                        from.plusSeconds(60_000).toEpochMilli(),
                        from.plusSeconds(120_000).toEpochMilli());
    }

    @Test
    void aStartWithALimitReturnsThatManyFromTheFirstBarAtOrAfterTheStart() {
        Instant from = Instant.parse("2024-03-01T00:00:30Z");
        List<Candle> c = binance.klines(new KlineQuery(BTC, Interval.M1, Optional.of(from), Optional.empty(), 1500));

        assertThat(c).hasSize(1500);
        assertThat(c.get(0).openTime()).isEqualTo(Instant.parse("2024-03-01T00:01:00Z"));
        assertContiguous(c, Interval.M1);
    }

    @Test
    void anEndWithALimitReturnsTheLastBarsOpeningAtOrBeforeTheEnd() {
        Instant end = Instant.parse("2024-03-05T10:30:00Z");
        List<Candle> c = binance.klines(new KlineQuery(BTC, Interval.M5, Optional.empty(), Optional.of(end), 1200));

        assertThat(c).hasSize(1200);
        assertThat(c.get(1199).openTime()).isEqualTo(end);
        assertContiguous(c, Interval.M5);
        assertThat(server.requests("/api/v3/klines")).hasSize(2);
    }

    @Test
    void historyStopsAtTheListingWithoutEndlessPaging() {
        server.listedSince(Instant.parse("2024-03-10T00:00:00Z"));
        List<Candle> c = binance.klines(BTC, Interval.H1, 5000);

        assertThat(c).hasSize(13);
        assertThat(c.get(0).openTime()).isEqualTo(Instant.parse("2024-03-10T00:00:00Z"));
        assertThat(server.requests("/api/v3/klines"))
                .as("one page, then an empty one")
                .hasSize(2);
    }

    @Test
    void anExchangeOutageInsideAPageNeitherEndsPagingNorLeavesAHoleOfOurOwn() {
        Instant outFrom = Instant.parse("2024-03-02T00:00:00Z");
        Instant outTo = Instant.parse("2024-03-02T03:00:00Z"); // 180 missing 1m bars
        server.outage(outFrom, outTo);
        Instant from = Instant.parse("2024-03-01T12:00:00Z");
        Instant to = Instant.parse("2024-03-02T12:00:00Z");

        List<Candle> forward = binance.klines(KlineQuery.range(BTC, Interval.M1, from, to));
        List<Candle> backward =
                binance.klines(new KlineQuery(BTC, Interval.M1, Optional.empty(), Optional.of(to), 1441 - 180));

        assertThat(forward).hasSize(1441 - 180);
        assertThat(forward.get(forward.size() - 1).openTime()).isEqualTo(to);
        assertThat(forward)
                .noneMatch(c -> !c.openTime().isBefore(outFrom) && c.openTime().isBefore(outTo));
        assertThat(backward).hasSize(1441 - 180);
        assertThat(backward.get(0).openTime()).isBefore(outFrom);
        assertThat(backward.get(backward.size() - 1).openTime()).isEqualTo(to);
    }

    @Test
    void tickerGivesLastBidAndAsk() {
        Ticker t = binance.ticker("BTC/USDT");

        String expected = server.klineRow("BTCUSDT", Interval.M1, Interval.M1.align(clock.instant()))
                .split(",")[4]
                .replace("\"", "");
        assertThat(t.symbol()).isEqualTo(BTC);
        assertThat(t.price()).isEqualByComparingTo(expected);
        assertThat(t.bid()).isEqualByComparingTo(t.price());
        assertThat(t.ask()).isEqualByComparingTo(t.price().add(new BigDecimal("0.01")));
        assertThat(t.time()).isEqualTo(clock.instant());
    }

    @Test
    void stats24hMapsEveryField() {
        Stats24h s = binance.stats24h("ETH/USDT");

        assertThat(s.symbol()).isEqualTo(Symbol.parse("ETH/USDT"));
        assertThat(s.window()).isEqualTo(Duration.ofHours(24));
        assertThat(s.change()).isEqualByComparingTo(s.last().subtract(s.open()));
        assertThat(s.high()).isGreaterThanOrEqualTo(s.last().max(s.open()));
        assertThat(s.low()).isLessThanOrEqualTo(s.last().min(s.open()));
        assertThat(s.volume().signum()).isPositive();
        assertThat(server.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/api/v3/ticker/24hr"));
    }

    @Test
    void symbolsCarryTheirFiltersFromExchangeInfo() {
        List<SymbolInfo> all = binance.symbols();

        assertThat(all)
                .extracting(s -> s.symbol().toString())
                .containsExactly("BTC/USDT", "ETH/USDT", "BNB/BTC", "LUNA/USDT");
        SymbolInfo btc = binance.symbol(BTC);
        assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
        assertThat(btc.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(btc.minQty()).isEqualByComparingTo("0.00001");
        assertThat(btc.minNotional()).isEqualByComparingTo("10");
        assertThat(btc.trading()).isTrue();
        SymbolInfo bnb = binance.symbol(Symbol.parse("BNB/BTC"));
        assertThat(bnb.minNotional()).as("NOTIONAL filter").isEqualByComparingTo("0.0001");
        assertThat(bnb.tickSize()).isEqualByComparingTo("0.000001");
        assertThat(binance.symbol(Symbol.parse("LUNA/USDT")).status()).isEqualTo("BREAK");
    }

    @Test
    void exchangeInfoIsCachedAndRefreshedAfterItsTtl() {
        binance.symbols();
        binance.symbols();
        binance.symbol(BTC);
        assertThat(server.requests("/api/v3/exchangeInfo")).hasSize(1);

        clock.advance(Duration.ofMinutes(61));
        binance.symbols();
        assertThat(server.requests("/api/v3/exchangeInfo")).hasSize(2);
    }

    @Test
    void aFailedRefreshKeepsServingTheCachedSymbols() {
        binance.symbols();
        clock.advance(Duration.ofHours(2));
        for (int i = 0; i < 4; i++) {
            server.enqueue("/api/v3/exchangeInfo", FakeBinanceServer.Fault.serverError(503));
        }
        assertThat(binance.symbols()).hasSize(4);
    }

    @Test
    void theWeightBudgetFollowsTheLimitInExchangeInfo() throws Exception {
        assertThat(binance.weightBudget()).isEqualTo(5400);
        server.exchangeInfo(
                Files.readString(SharedData.require("binance_rest/basana_binance_btc_usdt_exchange_info.json")));

        binance.symbols();

        assertThat(binance.weightBudget()).as("90% of 1200").isEqualTo(1080);
        assertThat(binance.symbols()).singleElement().satisfies(s -> {
            assertThat(s.symbol()).isEqualTo(BTC);
            assertThat(s.minNotional()).isEqualByComparingTo("10");
        });
    }

    @Test
    void anUnknownSymbolIsAnInvalidRequestNamingTheSymbol() {
        Symbol nope = Symbol.parse("NOPE/USDT");

        assertThatThrownBy(() -> binance.klines(nope, Interval.H1, 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("NOPEUSDT")
                .satisfies(e -> {
                    assertThat(((InvalidRequestException) e).field()).isEqualTo("symbol");
                    assertThat(e.getCause()).isInstanceOfSatisfying(BinanceApiException.class, c -> {
                        assertThat(c.code()).isEqualTo(-1121);
                        assertThat(c.status()).isEqualTo(400);
                    });
                });
        assertThatThrownBy(() -> binance.ticker(nope)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> binance.stats24h(nope)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> binance.symbol(nope))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("symbol"));
        assertThat(server.requests("/api/v3/klines"))
                .as("a client error is not retried")
                .hasSize(1);
    }

    @Test
    void probeIsEmptyWhenBinanceAnswersAndGivesTheReasonWhenItDoesNot() {
        assertThat(binance.probe()).isEmpty();
        assertThat(server.requests("/api/v3/ping")).hasSize(1);

        URI gone = server.baseUrl();
        server.close();
        try (BinanceMarketData unreachable = BinanceMarketData.builder()
                .baseUrl(gone)
                .probeTimeout(Duration.ofMillis(500))
                .build()) {
            assertThat(unreachable.probe())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("Binance unreachable at " + gone));
        }
    }

    @Test
    void sourceIsBinance() {
        assertThat(binance.source().kind()).isEqualTo(SourceInfo.Kind.BINANCE);
        assertThat(binance.source().reason()).contains(server.baseUrl().toString());
    }

    @Test
    void fromConfigReadsTheUrlsAndSettings() {
        try (BinanceMarketData b = BinanceMarketData.fromConfig(Config.of(Map.of(
                "BINANCE_BASE_URL", server.baseUrl().toString(),
                "BINANCE_STREAM_URL", "ws://127.0.0.1:1",
                "BINANCE_WEIGHT_BUDGET", "100",
                "BINANCE_REQUEST_TIMEOUT", "2s")))) {
            assertThat(b.baseUrl()).isEqualTo(server.baseUrl());
            assertThat(b.streamUrl()).isEqualTo(URI.create("ws://127.0.0.1:1"));
            assertThat(b.weightBudget()).isEqualTo(100);
            assertThat(b.klines(BTC, Interval.D1, 2)).hasSize(2);
        }
        try (BinanceMarketData d = BinanceMarketData.fromConfig(Config.of(Map.of()))) {
            assertThat(d.baseUrl()).isEqualTo(URI.create("https://api.binance.com"));
            assertThat(d.streamUrl()).isEqualTo(URI.create("wss://stream.binance.com:9443"));
            assertThat(d.weightBudget()).isEqualTo(5400);
        }
    }

    @Test
    void badSettingsFailAtBuildNamingTheSetting() {
        assertThatThrownBy(
                        () -> BinanceMarketData.fromConfig(Config.of(Map.of("BINANCE_WEIGHT_BUDGET_PERCENT", "150"))))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("BINANCE_WEIGHT_BUDGET_PERCENT"));
        assertThatThrownBy(() -> BinanceMarketData.builder()
                        .streamUrl(URI.create("https://stream.binance.com"))
                        .build())
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.setting()).isEqualTo("BINANCE_STREAM_URL"));
        assertThatThrownBy(() -> BinanceMarketData.builder()
                        .requestTimeout(Duration.ZERO)
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BINANCE_REQUEST_TIMEOUT");
    }

    static void assertContiguous(List<Candle> c, Interval interval) {
        Set<Instant> seen = new HashSet<>();
        for (int i = 0; i < c.size(); i++) {
            assertThat(seen.add(c.get(i).openTime()))
                    .as("duplicate %s", c.get(i).openTime())
                    .isTrue();
            if (i > 0) {
                assertThat(Duration.between(c.get(i - 1).openTime(), c.get(i).openTime()))
                        .as("step before bar %d", i)
                        .isEqualTo(interval.duration());
            }
        }
    }
}
