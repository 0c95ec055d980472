package io.cryptogo.trading.mode;

import java.util.List;
import java.util.Optional;

/**
 * Where trade proposals wait for a person's decision: the port {@link Proposals} writes through (the JDBC
 * adapter is {@code io.cryptogo.trading.store.jdbc.JdbcProposalStore}, table {@code trade_proposals}).
 *
 * <pre>{@code
 * ProposalStore store = new JdbcProposalStore(database);
 * store.insert(proposal);
 * List<Proposal> pending = store.list(accountId, true, 200);
 * }</pre>
 */
public interface ProposalStore {
    void insert(Proposal p);

    /** Writes a decision; true when the proposal was still PENDING (so only one decision ever wins). */
    boolean decide(Proposal p);

    Optional<Proposal> byId(String id);

    /** Newest first, at most {@code limit}; only the PENDING ones when {@code pendingOnly}. */
    List<Proposal> list(String accountId, boolean pendingOnly, int limit);
}
