package io.cryptogo.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.model.TradeSignal.Action;
import io.cryptogo.trading.OrderStatus;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BotExampleTest {
    @Test
    void streamSignalRiskThenProposalApprovedIntoAPaperOrder() throws Exception {
        try (CryptoGo cg = CryptoGo.demo()) {
            BotExample.Result r = BotExample.run(cg, "BTC/USDT", true);
            if (r.signal().action() == Action.BUY) {
                // AUTO_TRADING off in the demo: a proposal sized by the risk rules, then approved
                assertThat(r.outcome().proposal()).isPresent();
                assertThat(r.order()).get().extracting(o -> o.status()).isEqualTo(OrderStatus.FILLED);
            } else {
                // HOLD, or SELL with no position: skipped with the reason, nothing ordered
                assertThat(r.outcome().skipped()).isPresent();
                assertThat(r.order()).isEmpty();
            }
        }
    }

    @Test
    void withoutApprovalABuyStaysAPendingProposal() throws Exception {
        try (CryptoGo cg = CryptoGo.demo()) {
            BotExample.Result r = BotExample.run(cg, "BTC/USDT", false);
            assertThat(r.order()).isEmpty();
        }
    }
}
