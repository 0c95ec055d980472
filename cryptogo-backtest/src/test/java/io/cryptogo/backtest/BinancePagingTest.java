package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.CryptoGo;
import io.cryptogo.config.Config;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.FakeBinanceServer.Fault;
import io.cryptogo.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backtest over a period the store does not hold pages its candles from Binance (a loopback server speaking
 * its wire format), storing each page as it comes: a run that fails on page 3 keeps pages 1 and 2, the rerun asks
 * only for the rest, and a third run asks for nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BinancePagingTest {
    private static final Symbol BTC = Symbol.parse("BTC/USDT");
    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("2025-05-31T23:00:00Z");
    private static final int BARS = 151 * 24; // 3624: pages of 1000, 1000, 1000 and 624

    @Test
    void candlesArePagedFromBinanceAndStoredPageByPageSoARerunFetchesOnlyTheRest() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC);
        try (FakeBinanceServer server = FakeBinanceServer.start(clock);
                var h = TestDatabases.h2("bt_paging");
                BinanceMarketData binance = BinanceMarketData.builder()
                        .baseUrl(server.baseUrl())
                        .clock(clock)
                        .maxRetries(0)
                        .build();
                CryptoGo cg = CryptoGo.builder()
                        .config(Config.of(Map.of()))
                        .market(binance)
                        .database(h.database())
                        .build()) {
            Backtest bt = Backtest.on(cg)
                    .symbol("BTC/USDT")
                    .interval(Interval.H1)
                    .from("2025-01-01")
                    .to("2025-05-31")
                    .strategy(Strategies.emaCross(12, 26));
            var store = new JdbcCandleStore(h.database(), SourceInfo.Kind.BINANCE);

            // page 3 fails (after pages 1 and 2 came back normally)
            server.enqueue("/api/v3/klines", Fault.delay(Duration.ZERO));
            server.enqueue("/api/v3/klines", Fault.delay(Duration.ZERO));
            server.enqueue("/api/v3/klines", Fault.serverError(503));
            assertThatThrownBy(() -> bt.copy().run()).isInstanceOf(CryptoGoException.class);
            List<FakeBinanceServer.Request> pages = server.requests("/api/v3/klines");
            assertThat(pages).hasSize(3);
            assertThat(pages)
                    .extracting(r -> Long.parseLong(r.param("startTime")))
                    .containsExactly(
                            FROM.toEpochMilli(),
                            FROM.plus(Duration.ofHours(1000)).toEpochMilli(),
                            FROM.plus(Duration.ofHours(2000)).toEpochMilli());
            assertThat(pages)
                    .allSatisfy(
                            r -> assertThat(Integer.parseInt(r.param("limit"))).isBetween(1, 1000));
            assertThat(store.count(BTC, Interval.H1, FROM, LAST)).isEqualTo(2000);
            List<Candle> kept = store.range(BTC, Interval.H1, FROM, LAST);
            assertThat(kept.get(0).openTime()).isEqualTo(FROM);
            assertThat(kept.get(1999).openTime()).isEqualTo(FROM.plus(Duration.ofHours(1999)));
            assertThat(kept).allMatch(Candle::closed);
            // stored as Binance's: the simulated source holds nothing
            assertThat(new JdbcCandleStore(h.database(), SourceInfo.Kind.SIMULATED).count(BTC, Interval.H1))
                    .isZero();

            // the rerun asks only for what is missing
            server.clearRequests();
            BacktestResult r = bt.copy().run();
            List<FakeBinanceServer.Request> rest = server.requests("/api/v3/klines");
            assertThat(rest)
                    .extracting(q -> Long.parseLong(q.param("startTime")))
                    .containsExactly(
                            FROM.plus(Duration.ofHours(2000)).toEpochMilli(),
                            FROM.plus(Duration.ofHours(3000)).toEpochMilli());
            assertThat(r.bars()).isEqualTo(BARS);
            assertThat(r.gaps()).isEmpty();
            List<Candle> all = store.range(BTC, Interval.H1, FROM, LAST);
            assertThat(all).hasSize(BARS);
            assertThat(all.stream().map(Candle::openTime).distinct().count()).isEqualTo(BARS);
            assertThat(all.get(BARS - 1).openTime()).isEqualTo(LAST);

            // a third run reads the store only
            server.clearRequests();
            BacktestResult again = bt.copy().run();
            assertThat(server.requests("/api/v3/klines")).isEmpty();
            assertThat(again.fills()).isEqualTo(r.fills());

            // the request weight stayed within the adapter's budget (Binance's X-MBX-USED-WEIGHT-1M is the truth)
            assertThat(binance.usedWeight()).isPositive().isLessThanOrEqualTo(binance.weightBudget());
        }
    }

    @Test
    void anExchangeOutageIsReportedAsAGapNeverBridged() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC);
        Instant outageFrom = Instant.parse("2025-02-10T05:00:00Z");
        Instant outageTo = Instant.parse("2025-02-10T09:00:00Z"); // 05:00 .. 08:00 missing
        try (FakeBinanceServer server = FakeBinanceServer.start(clock).outage(outageFrom, outageTo);
                var h = TestDatabases.h2("bt_outage");
                BinanceMarketData binance = BinanceMarketData.builder()
                        .baseUrl(server.baseUrl())
                        .clock(clock)
                        .build();
                CryptoGo cg = CryptoGo.builder()
                        .config(Config.of(Map.of()))
                        .market(binance)
                        .database(h.database())
                        .build()) {
            BacktestResult r = Backtest.on(cg)
                    .from("2025-02-01")
                    .to("2025-02-28")
                    .strategy(Strategies.emaCross(12, 26))
                    .run();
            assertThat(r.bars()).isEqualTo(28 * 24 - 4);
            assertThat(r.gaps())
                    .containsExactly(new io.cryptogo.store.Gap(outageFrom, Instant.parse("2025-02-10T08:00:00Z")));
            assertThat(r.equity())
                    .noneMatch(p -> !p.time().isBefore(outageFrom) && p.time().isBefore(outageTo));
            assertThat(r.summary().text()).contains("Gaps               1 (Gap[from=" + outageFrom);
        }
    }
}
