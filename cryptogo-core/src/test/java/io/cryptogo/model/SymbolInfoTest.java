package io.cryptogo.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SymbolInfoTest {
    final SymbolInfo btc = new SymbolInfo(
            Symbol.parse("BTC/USDT"),
            "TRADING",
            new BigDecimal("0.01000000"),
            new BigDecimal("0.00001000"),
            new BigDecimal("0.00001000"),
            new BigDecimal("5.00000000"));

    @Test
    void roundsPricesToTheNearestTick() {
        assertThat(btc.roundPrice(new BigDecimal("63123.456"))).isEqualByComparingTo("63123.46");
        assertThat(btc.roundPrice(new BigDecimal("63123.454"))).isEqualByComparingTo("63123.45");
        assertThat(btc.roundPrice(new BigDecimal("63123.454")).scale()).isEqualTo(2);
    }

    @Test
    void roundsQuantitiesDownToTheStep() {
        assertThat(btc.roundQuantity(new BigDecimal("0.123456789"))).isEqualByComparingTo("0.12345");
        assertThat(btc.roundQuantity(new BigDecimal("0.000009"))).isEqualByComparingTo("0");
    }

    @Test
    void handlesStepsAboveOne() {
        SymbolInfo coarse = new SymbolInfo(
                Symbol.parse("DOGE/USDT"),
                "TRADING",
                new BigDecimal("0.00001"),
                new BigDecimal("1"),
                BigDecimal.ONE,
                BigDecimal.ONE);
        assertThat(coarse.roundQuantity(new BigDecimal("12.9"))).isEqualByComparingTo("12");
    }
}
