package io.cryptogo.trading.risk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PriceBoundsTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final SymbolInfo INFO = new SymbolInfo(
            BTC,
            "TRADING",
            new BigDecimal("0.01"),
            new BigDecimal("0.00001"),
            new BigDecimal("0.00001"),
            new BigDecimal("5"));
    static final BigDecimal MARKET = new BigDecimal("97000");

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void pricesWithinOneFifthToFiveTimesTheMarketPass() {
        OrderRequest r =
                OrderRequest.limit(BTC, Side.BUY, d("0.01"), d("485000")).withProtection(d("19400"), d("100000"));
        assertThatCode(() -> PriceBounds.BINANCE_DEFAULT.check(r, INFO, MARKET)).doesNotThrowAnyException();
    }

    @Test
    void aLimitSellAtAnAbsurdPriceIsRejectedNamingLimitPrice() {
        OrderRequest r = OrderRequest.limit(BTC, Side.SELL, d("0.01"), d("1e309"));
        assertThatThrownBy(() -> PriceBounds.BINANCE_DEFAULT.check(r, INFO, MARKET))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field())
                                .isEqualTo("limitPrice"))
                .hasMessageContaining("1E+309")
                .hasMessageContaining("19400 .. 485000");
    }

    @Test
    void stopLossAndTakeProfitOutsideTheBandAreRejectedNamingThem() {
        OrderRequest sl = OrderRequest.market(BTC, Side.BUY, d("0.01")).withProtection(d("0.5"), d("100000"));
        assertThatThrownBy(() -> PriceBounds.BINANCE_DEFAULT.check(sl, INFO, MARKET))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field())
                                .isEqualTo("stopLoss"));
        OrderRequest tp = OrderRequest.market(BTC, Side.BUY, d("0.01")).withProtection(d("90000"), d("485000.01"));
        assertThatThrownBy(() -> PriceBounds.BINANCE_DEFAULT.check(tp, INFO, MARKET))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field())
                                .isEqualTo("takeProfit"));
    }

    @Test
    void aPriceBelowOneTickIsRejectedEvenForACheapSymbol() {
        assertThatThrownBy(() -> PriceBounds.BINANCE_DEFAULT.check(
                        "limitPrice", java.util.Optional.of(d("0.001")), INFO, d("0.004")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void multipliersAreValidated() {
        assertThatThrownBy(() -> new PriceBounds(d("1.5"), d("5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PriceBounds(d("0.2"), d("1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
