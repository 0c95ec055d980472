package io.cryptogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.collect.StoreBackedMarketData;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.testing.FakeBinanceServer;
import io.cryptogo.testing.TestDatabases;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MarketSourcesTest {

    private static Config unreachableBinance(String... more) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, String> m = new HashMap<>(Map.of(
                "EXCHANGE", "binance",
                "BINANCE_BASE_URL", "http://127.0.0.1:" + closedPort,
                "BINANCE_PROBE_TIMEOUT", "2s"));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return Config.of(m);
    }

    @Test
    void withThePaperVenueAnUnreachableBinanceFallsBackToTheSimulatedMarket() throws Exception {
        for (Config c : new Config[] {
            unreachableBinance(),
            unreachableBinance("TRADING_VENUE", "paper", "AUTO_TRADING", "paper"),
            unreachableBinance("TRADING_VENUE", "PAPER", "AUTO_TRADING", "off")
        }) {
            try (MarketDataSource m = MarketSources.fromConfig(c)) {
                assertThat(m).isInstanceOf(SimulatedMarket.class);
                assertThat(m.source().kind()).isEqualTo(SourceInfo.Kind.SIMULATED);
                assertThat(m.source().reason()).contains("Binance unreachable");
            }
        }
    }

    @Test
    void withABinanceVenueAnUnreachableBinanceFailsTheStartNamingTheSettingsAndTheFix() throws Exception {
        assertThatThrownBy(() -> MarketSources.fromConfig(unreachableBinance("TRADING_VENUE", "binance")))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("Binance unreachable")
                .hasMessageContaining("EXCHANGE=binance")
                .hasMessageContaining("TRADING_VENUE=binance")
                .hasMessageContaining("AUTO_TRADING=off or paper")
                .hasMessageContaining("TRADING_VENUE=paper")
                .hasMessageContaining("BINANCE_BASE_URL");
    }

    @Test
    void withLiveAutoTradingAnUnreachableBinanceFailsTheStart() throws Exception {
        assertThatThrownBy(() -> MarketSources.fromConfig(
                        unreachableBinance("TRADING_VENUE", "binance", "AUTO_TRADING", "live")))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("TRADING_VENUE=binance and AUTO_TRADING=live");
        // AUTO_TRADING=live alone (the trading module rejects it beside the paper venue) is refused too
        assertThatThrownBy(() -> MarketSources.fromConfig(unreachableBinance("AUTO_TRADING", "live")))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("AUTO_TRADING=live");
    }

    @Test
    void cryptoGoFromConfigFailsTheSameWayWithALiveVenue() throws Exception {
        Config config = unreachableBinance("TRADING_VENUE", "binance");
        assertThatThrownBy(() -> CryptoGo.fromConfig(config))
                .isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("EXCHANGE")
                .hasMessageContaining("TRADING_VENUE")
                .hasMessageContaining("AUTO_TRADING");
    }

    @Test
    void theSimulatedExchangeIsRefusedBesideALiveVenue() {
        assertThatThrownBy(() -> MarketSources.fromConfig(
                        Config.of(Map.of("EXCHANGE", "simulated", "TRADING_VENUE", "binance"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXCHANGE=simulated")
                .hasMessageContaining("TRADING_VENUE=binance")
                .hasMessageContaining("TRADING_VENUE=paper");
    }

    @Test
    void aBadVenueSettingNamesTheAcceptedValues() {
        assertThatThrownBy(() ->
                        MarketSources.fromConfig(Config.of(Map.of("EXCHANGE", "simulated", "TRADING_VENUE", "kraken"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRADING_VENUE")
                .hasMessageContaining("paper, binance");
        assertThatThrownBy(() ->
                        MarketSources.fromConfig(Config.of(Map.of("EXCHANGE", "simulated", "AUTO_TRADING", "always"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTO_TRADING")
                .hasMessageContaining("off, paper, live");
    }

    @Test
    void aReachableBinanceIsUsedWithALiveVenueAndReportsItselfAsBinance() {
        try (FakeBinanceServer binance = FakeBinanceServer.start();
                MarketDataSource m = MarketSources.fromConfig(Config.of(Map.of(
                        "EXCHANGE", "binance",
                        "BINANCE_BASE_URL", binance.baseUrl().toString(),
                        "TRADING_VENUE", "binance",
                        "AUTO_TRADING", "live")))) {
            assertThat(m).isInstanceOf(BinanceMarketData.class);
            assertThat(m.source().kind()).isEqualTo(SourceInfo.Kind.BINANCE);
            assertThat(m.source().simulated()).isFalse();
        }
    }

    @Test
    void theSourceTellsSimulatedFromBinanceWhateverTheReasonSays() {
        // a simulated market whose reason mentions Binance is still simulated
        try (SimulatedMarket sim = SimulatedMarket.builder()
                .reason("Binance unreachable at https://api.binance.com")
                .build()) {
            assertThat(sim.source().kind()).isEqualTo(SourceInfo.Kind.SIMULATED);
            assertThat(sim.source().simulated()).isTrue();
        }
        try (BinanceMarketData b = BinanceMarketData.builder()
                .baseUrl(java.net.URI.create("http://127.0.0.1:9"))
                .build()) {
            assertThat(b.source().kind()).isEqualTo(SourceInfo.Kind.BINANCE);
        }
    }

    @Test
    void aStoreBackedMarketReportsTheSourceOfTheMarketBehindIt() throws Exception {
        try (var db = TestDatabases.h2("marketsources");
                SimulatedMarket sim = SimulatedMarket.builder().build();
                var backed = new StoreBackedMarketData(
                        sim, new JdbcCandleStore(db.database(), io.cryptogo.market.SourceInfo.Kind.SIMULATED))) {
            assertThat(backed.source()).isEqualTo(sim.source());
        }
    }
}
