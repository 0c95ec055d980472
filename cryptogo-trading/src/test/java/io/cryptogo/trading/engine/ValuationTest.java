package io.cryptogo.trading.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.model.Symbol;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ValuationTest {
    final FakeMarket market = new FakeMarket(Instant.parse("2026-03-02T10:00:00Z"))
            .set(FakeMarket.BTC, "50000")
            .set(FakeMarket.ETH, "3000");
    final Valuation usdt = new Valuation(market, "USDT");

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void otherAssetsAreValuedAtTheirLivePriceInTheRiskCurrency() {
        assertThat(usdt.value("USDT", d("12.5"))).isEqualByComparingTo("12.5");
        assertThat(usdt.value("ETH", d("2"))).isEqualByComparingTo("6000");
        // the inverse pair works too: 1 USDT in BTC is 1/50000
        assertThat(new Valuation(market, "BTC").value("USDT", d("50000"))).isEqualByComparingTo("1");
    }

    @Test
    void aFeePaidInAnotherAssetIsValuedAtThatAssetsPriceNotTheFillsPrice() {
        // a BTC/USDT fill whose fee was paid in ETH (as BNB would be): 0.001 ETH = 3 USDT, not 0.001 × 50000
        Fill f = Fill.builder()
                .orderId(1)
                .tradeId("t")
                .symbol(FakeMarket.BTC)
                .side(Side.SELL)
                .price(d("50000"))
                .quantity(d("0.01"))
                .fee(d("0.001"))
                .feeAsset("ETH")
                .realizedPnl(d("20"))
                .time(Instant.EPOCH)
                .build();
        assertThat(usdt.fee(f)).isEqualByComparingTo("3");
        assertThat(usdt.pnl(f)).isEqualByComparingTo("17");
        Fill inBase = Fill.builder()
                .orderId(1)
                .tradeId("t")
                .symbol(FakeMarket.BTC)
                .side(Side.BUY)
                .price(d("50000"))
                .quantity(d("0.01"))
                .fee(d("0.00001"))
                .feeAsset("BTC")
                .realizedPnl(d("0"))
                .time(Instant.EPOCH)
                .build();
        assertThat(usdt.fee(inBase)).isEqualByComparingTo("0.5");
    }

    @Test
    void anAssetWithoutAPriceFailsNamingTheSetting() {
        assertThatThrownBy(() -> usdt.value("XYZ", BigDecimal.ONE))
                .isInstanceOf(CryptoGoException.class)
                .hasMessageContaining("RISK_CURRENCY")
                .hasMessageContaining("XYZ/USDT");
        assertThat(Symbol.parse("ETH/USDT").quote()).isEqualTo("USDT");
    }
}
