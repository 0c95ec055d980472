package io.cryptogo.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.model.TradeSignal.Action;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BotExampleTest {
    @Test
    void streamSignalRiskThenProposalApprovedIntoAPaperOrder() throws Exception {
        try (CryptoGo cg = CryptoGo.demo()) {
            BotExample.Result r = BotExample.run(cg, "BTC/USDT", true);
            assertThat(r.signal().symbol().toString()).isEqualTo("BTC/USDT");
            if (r.outcome().proposal().isPresent()) {
                // AUTO_TRADING off in the demo: a BUY becomes a proposal sized by the risk rules, then approved
                assertThat(r.signal().action()).isEqualTo(Action.BUY);
                assertThat(r.order()).get().extracting(o -> o.status()).isEqualTo(OrderStatus.FILLED);
            } else {
                // HOLD (nothing to do), a SELL with no position or a BUY the rules refuse: no order
                assertThat(r.order()).as(r.toString()).isEmpty();
                if (r.signal().action() != Action.HOLD)
                    assertThat(r.outcome().skipped()).isPresent();
            }
        }
    }

    @Test
    void aBuySignalIsSizedProposedAndApprovedIntoAFilledPaperOrder() {
        try (CryptoGo cg = CryptoGo.demo();
                Trader trader = Trader.on(cg)) {
            BigDecimal price = trader.marketPrice(Symbol.parse("BTC/USDT"), Side.BUY);
            TradeSignal buy = TradeSignal.builder(Symbol.parse("BTC/USDT"), Interval.M1, Action.BUY)
                    .confidence(0.8)
                    .entry(price)
                    .stopLoss(price.multiply(new BigDecimal("0.98")).setScale(2, RoundingMode.HALF_UP))
                    .takeProfit(price.multiply(new BigDecimal("1.04")).setScale(2, RoundingMode.HALF_UP))
                    .reasoning("example")
                    .generator("example")
                    .decidedAt(trader.clock().instant())
                    .candleTime(trader.clock()
                            .instant()
                            .truncatedTo(ChronoUnit.MINUTES)
                            .minus(Duration.ofMinutes(1)))
                    .build();
            BotExample.Result r = BotExample.act(trader, buy, true);
            assertThat(r.outcome().proposal()).as(r.toString()).isPresent();
            assertThat(r.outcome().proposal().get().quantity()).isPositive(); // sized by the risk rules
            assertThat(r.order()).get().extracting(o -> o.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(trader.positions())
                    .singleElement()
                    .satisfies(p -> assertThat(p.quantity()).isPositive());
        }
    }

    @Test
    void withoutApprovalNothingIsOrdered() throws Exception {
        try (CryptoGo cg = CryptoGo.demo()) {
            BotExample.Result r = BotExample.run(cg, "BTC/USDT", false);
            assertThat(r.order()).isEmpty();
        }
    }
}
