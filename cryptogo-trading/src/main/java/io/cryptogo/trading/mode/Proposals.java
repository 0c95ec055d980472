package io.cryptogo.trading.mode;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Subscription;
import io.cryptogo.trading.engine.Engine;
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

    private final Engine trader;
    private final ProposalStore store;
    private final Duration ttl;
    private final BigDecimal maxDrift;
    private final Clock clock;
    private final String accountId;
    private final List<Consumer<Proposal>> listeners = new CopyOnWriteArrayList<>();

    public Proposals(
            Engine trader, ProposalStore store, Duration ttl, BigDecimal maxDrift, Clock clock, String accountId) {
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
     * Turns a BUY or SELL signal into a pending proposal. A BUY is sized {@code equity × RISK_PER_TRADE ÷
     * |entry − stop|}, capped by {@code MAX_POSITION_SIZE} at the worst price the fill may reach. Spot: a
     * SELL closes the long position (its whole quantity); a HOLD, or a SELL with no position, gives none
     * ({@link #skipReason} says why).
     *
     * @throws RiskRejectedException when a BUY yields no tradable quantity (named rule and numbers)
     */
    public Optional<Proposal> propose(TradeSignal s) {
        if (s.action() == TradeSignal.Action.HOLD || skipReason(s).isPresent()) {
            return Optional.empty();
        }
        BigDecimal qty = size(s);
        Instant now = clock.instant();
        Proposal p = Proposal.builder()
                .id("p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .accountId(accountId)
                .symbol(s.symbol())
                .side(s.action() == TradeSignal.Action.BUY ? Side.BUY : Side.SELL)
                .quantity(qty)
                .entry(s.entry())
                .stopLoss(s.stopLoss().orElse(s.entry()))
                .takeProfit(s.takeProfit().orElse(s.entry()))
                .confidence(s.confidence())
                .generator(s.generator())
                .reasoning(s.reasoning())
                .createdAt(now)
                .expiresAt(now.plus(ttl))
                .build();
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

    /**
     * Why a signal is skipped rather than traded: a SELL with no position ({@value
     * AutoTrading#NO_POSITION_TO_SELL}) or one too small to sell. Empty for a signal that trades.
     */
    public Optional<String> skipReason(TradeSignal s) {
        if (s.action() != TradeSignal.Action.SELL) {
            return Optional.empty();
        }
        BigDecimal held = held(s.symbol());
        if (held.signum() <= 0) {
            return Optional.of(AutoTrading.NO_POSITION_TO_SELL);
        }
        SymbolInfo info = trader.info(s.symbol());
        BigDecimal price = trader.marketPrice(s.symbol(), Side.SELL);
        if (held.compareTo(info.minQty()) < 0 || held.multiply(price).compareTo(info.minNotional()) < 0) {
            return Optional.of(AutoTrading.NO_POSITION_TO_SELL + ": the position of " + held.toPlainString() + " "
                    + s.symbol().base() + " is below the minimum order (quantity "
                    + info.minQty().stripTrailingZeros().toPlainString() + ", notional "
                    + info.minNotional().stripTrailingZeros().toPlainString() + ")");
        }
        return Optional.empty();
    }

    /** What a SELL may sell: the position, at most what the account holds of the base asset. */
    private BigDecimal held(io.cryptogo.model.Symbol symbol) {
        BigDecimal position = trader.positions().stream()
                .filter(p -> p.symbol().equals(symbol))
                .map(p -> p.quantity())
                .findFirst()
                .orElse(BigDecimal.ZERO);
        BigDecimal resting = trader.exits().status().stream()
                .filter(x -> x.symbol().equals(symbol))
                .flatMap(x -> x.resting().stream())
                .map(r -> r.quantity())
                .findFirst()
                .orElse(BigDecimal.ZERO);
        return trader.info(symbol)
                .roundQuantity(position.min(trader.free(symbol.base()).add(resting)));
    }

    /**
     * The quantity a signal would trade, rounded down to the step size: for a BUY by risk (at the worst
     * price a market fill may reach), for a SELL the position (spot: a SELL closes the long).
     */
    public BigDecimal size(TradeSignal s) {
        SymbolInfo info = trader.info(s.symbol());
        if (s.action() == TradeSignal.Action.SELL) {
            Optional<String> skip = skipReason(s);
            if (skip.isPresent()) {
                throw new RiskRejectedException("BALANCE", info.minQty().toPlainString(), "0", skip.get());
            }
            return held(s.symbol());
        }
        BigDecimal price = worst(trader.marketPrice(s.symbol(), Side.BUY));
        BigDecimal quoteValue = trader.valuation().value(s.symbol().quote(), BigDecimal.ONE);
        BigDecimal stop = s.stopLoss()
                .orElseThrow(() -> new RiskRejectedException(
                        "RISK_PER_TRADE", "a stop loss", "none", "a BUY signal needs a stop loss to be sized"));
        BigDecimal raw = trader.risk()
                .positionSize(
                        trader.equity(),
                        s.entry().multiply(quoteValue),
                        stop.multiply(quoteValue),
                        price.multiply(quoteValue));
        BigDecimal qty = info.roundQuantity(raw);
        if (qty.compareTo(info.minQty()) < 0
                || qty.signum() <= 0
                || qty.multiply(price).compareTo(info.minNotional()) < 0) {
            throw new RiskRejectedException(
                    "RISK_PER_TRADE",
                    info.minQty().stripTrailingZeros().toPlainString(),
                    qty.toPlainString(),
                    "sized quantity " + qty.toPlainString() + " is below the minimum (quantity "
                            + info.minQty().stripTrailingZeros().toPlainString() + ", notional "
                            + info.minNotional().stripTrailingZeros().toPlainString() + ")");
        }
        return qty;
    }

    /** The worst price a market BUY may fill at: the quote plus the venue's slippage. */
    private BigDecimal worst(BigDecimal price) {
        return price.multiply(BigDecimal.ONE.add(trader.venue().maxSlippage()));
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
        if (p.side() == Side.SELL) {
            // spot: a SELL closes what is held now, never more
            BigDecimal now = held(p.symbol());
            if (now.signum() <= 0) {
                decide(p.decided(Proposal.Status.FAILED, AutoTrading.NO_POSITION_TO_SELL, null, clock.instant()));
                throw new InvalidRequestException("id", "proposal " + id + ": " + AutoTrading.NO_POSITION_TO_SELL);
            }
            qty = qty.min(now);
        }
        if (p.side() == Side.BUY) {
            BigDecimal held = trader.positions().stream()
                    .filter(x -> x.symbol().equals(p.symbol()))
                    .map(x -> x.quantity())
                    .findFirst()
                    .orElse(BigDecimal.ZERO);
            BigDecimal worstInCurrency =
                    worst(price).multiply(trader.valuation().value(p.symbol().quote(), BigDecimal.ONE));
            BigDecimal room = trader.risk()
                    .limits()
                    .maxPositionSize()
                    .divide(worstInCurrency, 12, RoundingMode.DOWN)
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
    public Subscription onProposal(Consumer<Proposal> listener) {
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
