package io.cryptogo.trading.mode;

import io.cryptogo.InvalidRequestException;
import io.cryptogo.RiskRejectedException;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.store.ProposalStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual confirmation: a {@link TradeSignal} becomes a {@link Proposal} with a quantity sized by the risk
 * rules and an expiry ({@code PROPOSAL_TTL}); a person approves or rejects it. At approval the price is
 * read again and the proposal refused when it moved more than {@code MAX_PRICE_DRIFT} from the signal's
 * entry; then the order goes through every risk check like any other.
 *
 * <pre>{@code
 * Optional<Proposal> p = trader.proposals().propose(signal);     // empty for HOLD
 * Order o = trader.proposals().approve(p.get().id());             // or reject(id, "not now")
 * }</pre>
 */
public final class Proposals {
    private static final Logger log = LoggerFactory.getLogger(Proposals.class);

    private final Trader trader;
    private final ProposalStore store;
    private final Duration ttl;
    private final BigDecimal maxDrift;
    private final Clock clock;
    private final String accountId;
    private final List<Consumer<Proposal>> listeners = new CopyOnWriteArrayList<>();

    public Proposals(
            Trader trader, ProposalStore store, Duration ttl, BigDecimal maxDrift, Clock clock, String accountId) {
        this.trader = Objects.requireNonNull(trader, "trader");
        this.store = Objects.requireNonNull(store, "store");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxDrift = Objects.requireNonNull(maxDrift, "maxDrift");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    public Duration ttl() {
        return ttl;
    }

    public BigDecimal maxDrift() {
        return maxDrift;
    }

    /**
     * Turns a BUY or SELL signal into a pending proposal (a HOLD gives none). A BUY is sized {@code equity
     * × RISK_PER_TRADE ÷ |entry − stop|}, capped by {@code MAX_POSITION_SIZE}; a SELL sells at most what is
     * held.
     *
     * @throws RiskRejectedException when no tradable quantity results (named rule and numbers)
     */
    public Optional<Proposal> propose(TradeSignal s) {
        if (s.action() == TradeSignal.Action.HOLD) {
            return Optional.empty();
        }
        BigDecimal qty = size(s);
        Instant now = clock.instant();
        Proposal p = new Proposal(
                "p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                accountId,
                s.symbol(),
                s.action() == TradeSignal.Action.BUY ? Side.BUY : Side.SELL,
                qty,
                s.entry(),
                // a SELL closes or reduces the long (spot) and carries no levels: 0 stands for none
                s.stopLoss().orElse(BigDecimal.ZERO),
                s.takeProfit().orElse(BigDecimal.ZERO),
                s.confidence(),
                s.generator(),
                s.reasoning(),
                Proposal.Status.PENDING,
                Optional.empty(),
                Optional.empty(),
                now,
                now.plus(ttl),
                Optional.empty());
        store.insert(p);
        log.info(
                "proposal {}: {} {} {} @ {} (stop {}, target {}) from {}, expires {}",
                p.id(),
                p.side(),
                qty.toPlainString(),
                p.symbol(),
                p.entry().toPlainString(),
                p.stopLoss().toPlainString(),
                p.takeProfit().toPlainString(),
                p.generator(),
                p.expiresAt());
        notifyListeners(p);
        return Optional.of(p);
    }

    /** The quantity a signal would trade, rounded down to the step size. */
    BigDecimal size(TradeSignal s) {
        SymbolInfo info = trader.info(s.symbol());
        Side side = s.action() == TradeSignal.Action.BUY ? Side.BUY : Side.SELL;
        BigDecimal price = trader.marketPrice(s.symbol(), side);
        // spot: a BUY is sized by its stop; a SELL closes the long, i.e. sells what is held
        BigDecimal raw = side == Side.SELL
                ? trader.free(s.symbol().base())
                : trader.risk()
                        .positionSize(trader.equity(), s.entry(), s.stopLoss().orElseThrow(), price);
        BigDecimal qty = info.roundQuantity(raw);
        if (qty.compareTo(info.minQty()) < 0
                || qty.signum() <= 0
                || qty.multiply(price).compareTo(info.minNotional()) < 0) {
            String what = side == Side.SELL && trader.free(s.symbol().base()).signum() == 0
                    ? "nothing to sell: no free " + s.symbol().base()
                    : "sized quantity " + qty.toPlainString() + " is below the minimum (quantity "
                            + info.minQty().stripTrailingZeros().toPlainString() + ", notional "
                            + info.minNotional().stripTrailingZeros().toPlainString() + ")";
            throw new RiskRejectedException(
                    side == Side.SELL ? "BALANCE" : "RISK_PER_TRADE",
                    info.minQty().stripTrailingZeros().toPlainString(),
                    qty.toPlainString(),
                    what);
        }
        return qty;
    }

    /** Pending proposals, newest first (expired ones are marked EXPIRED on the way). */
    public List<Proposal> pending() {
        expire();
        return store.list(accountId, true, 200);
    }

    /** Every proposal, newest first. */
    public List<Proposal> all(int limit) {
        expire();
        return store.list(accountId, false, limit);
    }

    public Optional<Proposal> get(String id) {
        return store.byId(id);
    }

    /**
     * Approves a pending proposal: re-reads the price (refused beyond {@code MAX_PRICE_DRIFT}), runs the
     * risk checks and submits a market order with the signal's stop loss and take profit.
     *
     * @throws InvalidRequestException when there is no such pending proposal or it has expired
     * @throws RiskRejectedException for drift ({@code MAX_PRICE_DRIFT}) or any risk rule
     */
    public Order approve(String id) {
        Proposal p = pendingOrThrow(id);
        BigDecimal price = trader.marketPrice(p.symbol(), p.side());
        BigDecimal drift = price.subtract(p.entry()).abs().divide(p.entry(), 8, RoundingMode.HALF_UP);
        if (drift.compareTo(maxDrift) > 0) {
            String msg = "price moved " + pct(drift) + " from the proposal's entry "
                    + p.entry().toPlainString() + " to " + price.toPlainString() + ", MAX_PRICE_DRIFT=" + pct(maxDrift);
            decide(p.decided(Proposal.Status.FAILED, msg, null, clock.instant()));
            throw new RiskRejectedException("MAX_PRICE_DRIFT", maxDrift.toPlainString(), drift.toPlainString(), msg);
        }
        // a higher price than proposed may push the notional over MAX_POSITION_SIZE: buy less, never more
        BigDecimal qty = p.quantity();
        if (p.side() == Side.BUY) {
            BigDecimal held = trader.positions().stream()
                    .filter(x -> x.symbol().equals(p.symbol()))
                    .map(x -> x.quantity())
                    .findFirst()
                    .orElse(BigDecimal.ZERO);
            BigDecimal room = trader.risk()
                    .limits()
                    .maxPositionSize()
                    .divide(price, 12, RoundingMode.DOWN)
                    .subtract(held);
            BigDecimal capped = trader.info(p.symbol()).roundQuantity(room.max(BigDecimal.ZERO));
            if (capped.signum() > 0 && capped.compareTo(qty) < 0) {
                qty = capped;
            }
        }
        OrderRequest r =
                OrderRequest.market(p.symbol(), p.side(), qty).withClientOrderId("prop-" + p.id().substring(2));
        if (p.side() == Side.BUY) {
            r = r.withProtection(p.stopLoss(), p.takeProfit());
        }
        Order o;
        try {
            o = trader.submit(r);
        } catch (RiskRejectedException | InvalidRequestException e) {
            decide(p.decided(Proposal.Status.FAILED, e.getMessage(), null, clock.instant()));
            throw e;
        }
        decide(p.decided(Proposal.Status.APPROVED, null, o.clientOrderId(), clock.instant()));
        log.info("proposal {} approved: order {} {}", id, o.clientOrderId(), o.status());
        return o;
    }

    /** Rejects a pending proposal. */
    public Proposal reject(String id, String reason) {
        Proposal p = pendingOrThrow(id);
        Proposal d = p.decided(
                Proposal.Status.REJECTED,
                reason == null || reason.isBlank() ? "rejected by a person" : reason,
                null,
                clock.instant());
        decide(d);
        log.info("proposal {} rejected: {}", id, d.reason().orElse(""));
        return d;
    }

    /** Called with every new or decided proposal (for live pages). */
    public AutoCloseable onProposal(Consumer<Proposal> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** Marks proposals past their expiry EXPIRED. */
    public void expire() {
        Instant now = clock.instant();
        for (Proposal p : store.list(accountId, true, 1000)) {
            if (!p.pendingAt(now)) {
                decide(p.decided(Proposal.Status.EXPIRED, "expired at " + p.expiresAt(), null, now));
            }
        }
    }

    private Proposal pendingOrThrow(String id) {
        Proposal p = store.byId(id).orElseThrow(() -> new InvalidRequestException("id", "no proposal with id " + id));
        if (p.status() == Proposal.Status.PENDING && !p.pendingAt(clock.instant())) {
            decide(p.decided(Proposal.Status.EXPIRED, "expired at " + p.expiresAt(), null, clock.instant()));
            throw new InvalidRequestException("id", "proposal " + id + " expired at " + p.expiresAt());
        }
        if (p.status() != Proposal.Status.PENDING) {
            throw new InvalidRequestException(
                    "id",
                    "proposal " + id + " is " + p.status()
                            + p.reason().map(r -> " (" + r + ")").orElse("") + ", not PENDING");
        }
        return p;
    }

    private void decide(Proposal d) {
        if (!store.decide(d)) {
            throw new InvalidRequestException("id", "proposal " + d.id() + " was decided meanwhile");
        }
        notifyListeners(d);
    }

    private void notifyListeners(Proposal p) {
        for (Consumer<Proposal> l : listeners) {
            try {
                l.accept(p);
            } catch (RuntimeException e) {
                log.warn("proposal listener failed: {}", e.toString());
            }
        }
    }

    private static String pct(BigDecimal fraction) {
        return fraction.movePointRight(2)
                        .setScale(3, RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString() + "%";
    }
}
