package io.cryptogo.store;

import io.cryptogo.model.Balance;
import java.util.List;

/**
 * The {@code accounts} and {@code balances} tables: the last synchronised balances of each account.
 *
 * <pre>{@code
 * AccountStore accounts = new JdbcAccountStore(database);
 * accounts.replaceBalances("paper", "paper", List.of(new Balance("USDT", new BigDecimal("10000"), BigDecimal.ZERO)));
 * List<Balance> now = accounts.balances("paper");
 * }</pre>
 */
public interface AccountStore {
    /**
     * Creates the account when missing and replaces its balances with {@code balances} (assets not listed
     * are removed), in one transaction.
     */
    void replaceBalances(String accountId, String venue, List<Balance> balances);

    /** The account's balances, ordered by asset; empty for an unknown account. */
    List<Balance> balances(String accountId);

    /** Ids of every known account, ordered. */
    List<String> accounts();
}
