package io.cryptogo.collect;

import io.cryptogo.model.Balance;
import java.util.List;

/**
 * Where the account sync reads balances: the Binance account when keys are set, otherwise the paper
 * account. The collector writes them into {@code accounts}/{@code balances} every minute.
 *
 * <pre>{@code
 * BalanceSource paper = BalanceSource.of("paper", "paper", () -> paperAccount.balances());
 * }</pre>
 */
@FunctionalInterface
public interface BalanceSource {
    /** The current balances, one per asset. */
    List<Balance> balances();

    /** The account's id in the {@code accounts} table. */
    default String accountId() {
        return "paper";
    }

    /** The venue the account lives on ({@code paper}, {@code binance-testnet}, {@code binance}). */
    default String venue() {
        return "paper";
    }

    /** A source with an explicit account id and venue. */
    static BalanceSource of(String accountId, String venue, BalanceSource balances) {
        return new BalanceSource() {
            @Override
            public List<Balance> balances() {
                return balances.balances();
            }

            @Override
            public String accountId() {
                return accountId;
            }

            @Override
            public String venue() {
                return venue;
            }
        };
    }

    /** The paper account with no balances (until the trading module supplies one). */
    static BalanceSource empty() {
        return List::of;
    }
}
