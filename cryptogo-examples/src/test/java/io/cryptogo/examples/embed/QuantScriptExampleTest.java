package io.cryptogo.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.model.Symbol;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuantScriptExampleTest {
    @Test
    void candlesIndicatorsSnapshotSignal() {
        try (CryptoGo cg = CryptoGo.demo()) {
            QuantScriptExample.Result r = QuantScriptExample.run(cg, "BTC/USDT");
            assertThat(r.candles()).isEqualTo(200);
            assertThat(r.ema20()).isPositive();
            assertThat(r.rsi14()).isBetween(0.0, 100.0);
            assertThat(r.snapshotPrice()).isPositive();
            assertThat(r.signal().symbol()).isEqualTo(Symbol.parse("BTC/USDT"));
            assertThat(r.signal().generator()).isEqualTo("rules");
        }
    }
}
