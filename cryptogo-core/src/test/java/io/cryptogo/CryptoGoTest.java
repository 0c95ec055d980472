package io.cryptogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoGoTest {
    @Test
    void simulatedExchangeNeedsNoNetworkAndSaysSo(@TempDir Path home) {
        try (CryptoGo cg =
                CryptoGo.fromConfig(Config.of(Map.of("EXCHANGE", "simulated", "CRYPTOGO_HOME", home.toString())))) {
            List<Candle> c = cg.market().klines("BTC/USDT", Interval.H1, 100);
            assertThat(c).hasSize(100);
            assertThat(c.get(0).openTime()).isBefore(c.get(99).openTime());
            assertThat(cg.market().source().kind()).isEqualTo(SourceInfo.Kind.SIMULATED);
            assertThat(cg.market().ticker("BTC/USDT").price()).isPositive();
        }
    }

    @Test
    void unreachableBinanceFallsBackToTheSimulatedMarketWithTheReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Config config = Config.of(Map.of(
                "EXCHANGE", "binance",
                "BINANCE_BASE_URL", "http://127.0.0.1:" + closedPort,
                "BINANCE_PROBE_TIMEOUT", "2s"));
        try (CryptoGo cg = CryptoGo.fromConfig(config)) {
            SourceInfo source = cg.market().source();
            assertThat(source.kind()).isEqualTo(SourceInfo.Kind.SIMULATED);
            assertThat(source.reason()).contains("Binance unreachable").contains("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void anUnknownExchangeFailsAtStartNamingTheSetting() {
        assertThatThrownBy(() -> CryptoGo.fromConfig(Config.of(Map.of("EXCHANGE", "kraken"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXCHANGE")
                .hasMessageContaining("binance, simulated");
    }

    @Test
    void theDatabaseOpensLazilyOnEmbeddedH2(@TempDir Path home) {
        try (CryptoGo cg =
                CryptoGo.fromConfig(Config.of(Map.of("EXCHANGE", "simulated", "CRYPTOGO_HOME", home.toString())))) {
            assertThat(home.resolve("cryptogo.mv.db")).doesNotExist();
            assertThat(cg.database().kind()).isEqualTo(io.cryptogo.store.Database.Kind.H2);
            assertThat(home.resolve("cryptogo.mv.db")).exists();
        }
    }
}
