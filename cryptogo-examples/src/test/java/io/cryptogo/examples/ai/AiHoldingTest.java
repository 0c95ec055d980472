package io.cryptogo.examples.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.ai.Holding;
import io.cryptogo.model.Symbol;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live decision loop sees a protected long as held, although its base asset is locked by the resting exit. */
@Timeout(60)
class AiHoldingTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");

    @Test
    void aLongWhoseExitsRestOnTheVenueIsStillHeldSoASellMayCloseIt() {
        try (CryptoGo cg = CryptoGo.demo();
                Trader trader = Trader.on(cg)) {
            assertThat(AiModule.holding(trader, BTC)).isEqualTo(Holding.NONE);

            BigDecimal price = trader.marketPrice(BTC, Side.BUY);
            trader.submit(OrderRequest.market(BTC, Side.BUY, new BigDecimal("0.002"))
                    .withProtection(
                            price.multiply(new BigDecimal("0.9")).setScale(2, RoundingMode.HALF_UP),
                            price.multiply(new BigDecimal("1.1")).setScale(2, RoundingMode.HALF_UP)));

            // the paper venue rests the stop and target (an OCO): the BTC is locked, none is free
            assertThat(trader.free("BTC")).isEqualByComparingTo("0");
            Holding h = AiModule.holding(trader, BTC);
            assertThat(h.open()).isTrue();
            assertThat(h.quantity()).isEqualByComparingTo("0.002");
            assertThat(h.averagePrice()).isPresent();
            assertThat(h.describe("BTC")).startsWith("long 0.002 BTC");
        }
    }
}
