package io.cryptogo.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppMainTest {

    @Test
    void helpPrintsTheCommands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = AppMain.run(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve", "backfill");
    }

    @Test
    void anUnknownCommandFailsWithExitCode2() {
        assertThat(AppMain.run(new String[] {"dance"}, System.out)).isEqualTo(2);
    }

    @Test
    void theMarketComesFromTheOneFactoryAndFollowsTheSimSettings() {
        try (var cg = AppMain.createCryptoGo(Config.of(Map.of("SIM_SYMBOLS", "BTC/USDT,ETH/USDT")))) {
            assertThat(cg.market().source().simulated()).isTrue();
            assertThat(cg.market().symbols()).hasSize(2);
        }
    }

    @Test
    void theStartupLineMasksSecrets() {
        Config c = Config.of(Map.of("BINANCE_SECRET", "s3cr3t", "PORT", "8080", "OPENAI_API_KEY", "sk-123"));
        assertThat(c.masked(AppMain.LOGGED_SETTINGS).toString())
                .contains("PORT=8080", "BINANCE_SECRET=****", "OPENAI_API_KEY=****")
                .doesNotContain("s3cr3t", "sk-123");
    }
}
