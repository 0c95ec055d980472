package io.cryptogo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class SymbolTest {
    @Test
    void parsesEveryWrittenForm() {
        Symbol btc = Symbol.of("BTC", "USDT");
        assertThat(Symbol.parse("BTC/USDT")).isEqualTo(btc);
        assertThat(Symbol.parse("btc-usdt")).isEqualTo(btc);
        assertThat(Symbol.parse("BTC_USDT")).isEqualTo(btc);
        assertThat(Symbol.parse("BTCUSDT")).isEqualTo(btc);
        assertThat(Symbol.parse("ETHBTC")).isEqualTo(Symbol.of("ETH", "BTC"));
        assertThat(Symbol.parse("USDCUSDT")).isEqualTo(Symbol.of("USDC", "USDT"));
    }

    @Test
    void showsTheSlashFormAndMapsToExchangeAndPathForms() {
        Symbol s = Symbol.parse("BTCUSDT");
        assertThat(s).hasToString("BTC/USDT");
        assertThat(s.exchangeCode()).isEqualTo("BTCUSDT");
        assertThat(s.pathForm()).isEqualTo("BTC-USDT");
    }

    @Test
    void rejectsUnreadableSymbols() {
        assertThatThrownBy(() -> Symbol.parse("BTCXYZ"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("BTC/USDT");
        assertThatThrownBy(() -> Symbol.parse("")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Symbol.parse("BTC/US DT")).isInstanceOf(InvalidRequestException.class);
    }
}
