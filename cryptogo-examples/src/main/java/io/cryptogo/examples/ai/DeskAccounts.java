package io.cryptogo.examples.ai;

import io.cryptogo.ai.desk.DeskRisk;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Trader;
import java.math.BigDecimal;

/** The desk's risk check reads the trader's account: the position held, the equity, today's orders. */
final class DeskAccounts {
    private DeskAccounts() {}

    static DeskRisk.AccountSource of(Trader trader) {
        return symbol -> {
            BigDecimal held = trader.positions().stream()
                    .filter(p -> p.symbol().equals(symbol))
                    .map(Position::quantity)
                    .findFirst()
                    .orElse(BigDecimal.ZERO);
            return new DeskRisk.Account(
                    held.max(BigDecimal.ZERO), trader.equity().max(BigDecimal.ZERO), trader.tradesToday());
        };
    }
}
