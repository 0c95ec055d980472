package io.cryptogo.market.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SimSymbolTest {
    static final SymbolInfo INFO = new SymbolInfo(
            Symbol.parse("ABC/USDT"),
            "TRADING",
            new BigDecimal("0.01"),
            new BigDecimal("0.1"),
            BigDecimal.ONE,
            BigDecimal.ONE);

    @Test
    void theDefaultsAreFiveUsdtPairsWithTheirLevels() {
        assertThat(SimSymbol.defaults()).hasSize(5);
        assertThat(SimSymbol.defaults().get(0).referencePrice()).isEqualByComparingTo("85000");
        assertThat(SimSymbol.defaults()).allMatch(s -> s.info().quote().equals("USDT"));
    }

    @Test
    void aPriceOfFewerThanAThousandTicksIsRejected() {
        assertThatThrownBy(() ->
                        new SimSymbol(INFO, new BigDecimal("5"), 0.03, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1000 ticks");
    }

    @Test
    void volatilityAndVolumesMustBeSensible() {
        assertThatThrownBy(() ->
                        new SimSymbol(INFO, new BigDecimal("50"), 0, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("dailyVolatility");
        assertThatThrownBy(() ->
                        new SimSymbol(INFO, new BigDecimal("50"), 0.9, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new SimSymbol(
                        INFO, new BigDecimal("50"), 0.03, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("volumePerMinute");
        assertThat(new SimSymbol(INFO, new BigDecimal("50"), 0.03, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ZERO)
                        .symbol())
                .isEqualTo(Symbol.parse("ABC/USDT"));
    }
}
