package io.cryptogo.trading.mode;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.model.Interval;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.testing.MutableClock;
import io.cryptogo.trading.testing.TradingMarkets;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProposalsTest {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    FakeMarket market = TradingMarkets.priced(clock);
    TestDatabases.Handle db;
    Trader trader;

    @BeforeEach
    void open() {
        db = TestDatabases.h2("proposals");
        trader = trader(AutoTrading.Mode.OFF);
    }

    Trader trader(AutoTrading.Mode mode) {
        return Trader.builder()
                .market(market)
                .database(db.database())
                .paper(PaperSettings.defaults().withSlippageBps(0))
                .risk(RiskLimits.defaults())
                .proposalTtl(Duration.ofMinutes(10))
                .maxPriceDrift(new BigDecimal("0.005"))
                .autoTrading(mode)
                .clock(clock)
                .build();
    }

    @AfterEach
    void close() throws Exception {
        trader.close();
        db.close();
    }

    static TradeSignal buy(String entry, String stop, String target) {
        return TradeSignal.builder(BTC, Interval.H1, TradeSignal.Action.BUY)
                .confidence(0.7)
                .entry(new BigDecimal(entry))
                .stopLoss(Optional.of(new BigDecimal(stop)))
                .takeProfit(Optional.of(new BigDecimal(target)))
                .reasoning("breakout")
                .generator("rules")
                .decidedAt(Instant.parse("2026-03-02T10:00:00Z"))
                .candleTime(Instant.parse("2026-03-02T09:00:00Z"))
                .build();
    }

    @Test
    void aSignalBecomesAPendingProposalSizedByTheRiskRules() {
        Proposal p = trader.proposals().propose(buy("50000", "49000", "52000")).orElseThrow();
        assertThat(p.status()).isEqualTo(Proposal.Status.PENDING);
        assertThat(p.side()).isEqualTo(Side.BUY);
        // min(10000 × 0.02 / 1000 = 0.2, 1000 / 50000 = 0.02)
        assertThat(p.quantity()).isEqualByComparingTo("0.02");
        assertThat(p.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(trader.proposals().pending()).extracting(Proposal::id).containsExactly(p.id());
        assertThat(trader.orders(java.util.List.of(), 10)).isEmpty();
    }

    @Test
    void aHoldSignalProposesNothing() {
        TradeSignal hold = TradeSignal.abstain(
                BTC, Interval.H1, new BigDecimal("50000"), "unsure", "rules", clock.instant(), clock.instant());
        assertThat(trader.proposals().propose(hold)).isEmpty();
    }

    @Test
    void approvingPlacesTheOrderWithTheSignalsStopAndTarget() {
        Proposal p = trader.proposals().propose(buy("50000", "49000", "52000")).orElseThrow();
        market.set(BTC, "50100");
        Order o = trader.proposals().approve(p.id());

        assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
        // resized down so that 1000 USDT at the new price is not exceeded
        assertThat(o.quantity()).isEqualByComparingTo("0.01996");
        assertThat(o.stopLoss()).contains(new BigDecimal("49000.00"));
        assertThat(trader.positions().get(0).takeProfit().orElseThrow()).isEqualByComparingTo("52000");
        Proposal after = trader.proposals().get(p.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Proposal.Status.APPROVED);
        assertThat(after.clientOrderId()).contains(o.clientOrderId());
        assertThatThrownBy(() -> trader.proposals().approve(p.id()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("APPROVED");
        assertThat(trader.orders(java.util.List.of(), 10)).hasSize(1);
    }

    @Test
    void approvalIsRefusedWhenThePriceDriftedTooFar() {
        Proposal p = trader.proposals().propose(buy("50000", "49000", "52000")).orElseThrow();
        market.set(BTC, "50300");
        assertThatThrownBy(() -> trader.proposals().approve(p.id()))
                .isInstanceOfSatisfying(RiskRejectedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("MAX_PRICE_DRIFT");
                    assertThat(e.value()).isEqualTo("0.00600000");
                })
                .hasMessageContaining("0.6%");
        assertThat(trader.proposals().get(p.id()).orElseThrow().status()).isEqualTo(Proposal.Status.FAILED);
        assertThat(trader.orders(java.util.List.of(), 10)).isEmpty();
    }

    @Test
    void approvalRerunsTheRiskChecks() throws Exception {
        trader.close();
        trader = Trader.builder()
                .market(market)
                .database(db.database())
                .risk(RiskLimits.defaults().withMaxDailyTrades(1))
                .clock(clock)
                .build();
        Proposal p = trader.proposals().propose(buy("50000", "49000", "52000")).orElseThrow();
        trader.submit(io.cryptogo.trading.OrderRequest.market(BTC, Side.BUY, new BigDecimal("0.001")));
        assertThatThrownBy(() -> trader.proposals().approve(p.id()))
                .isInstanceOfSatisfying(
                        RiskRejectedException.class, e -> assertThat(e.rule()).isEqualTo("MAX_DAILY_TRADES"));
        assertThat(trader.proposals().get(p.id()).orElseThrow().reason().orElseThrow())
                .contains("MAX_DAILY_TRADES");
    }

    @Test
    void rejectingAndExpiringEndAProposal() {
        Proposal a = trader.proposals().propose(buy("50000", "49000", "52000")).orElseThrow();
        Proposal b = trader.proposals().propose(buy("50000", "49500", "51000")).orElseThrow();
        assertThat(trader.proposals().reject(a.id(), "not today").status()).isEqualTo(Proposal.Status.REJECTED);

        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> trader.proposals().approve(b.id()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("expired");
        assertThat(trader.proposals().pending()).isEmpty();
        assertThat(trader.proposals().get(b.id()).orElseThrow().status()).isEqualTo(Proposal.Status.EXPIRED);
        assertThatThrownBy(() -> trader.proposals().approve("p-nope"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("id"));
    }

    @Test
    void aSellSignalWithNothingHeldIsSkippedAsNoPositionToSellNotThrown() {
        TradeSignal sell = TradeSignal.builder(BTC, Interval.H1, TradeSignal.Action.SELL)
                .confidence(0.6)
                .entry(new BigDecimal("50000"))
                .reasoning("top")
                .generator("rules")
                .decidedAt(clock.instant())
                .candleTime(clock.instant())
                .build();
        // spot: a SELL closes a long; with none there is nothing to do, and that is not a risk rejection
        assertThat(trader.proposals().propose(sell)).isEmpty();
        AutoTrading.Outcome o = trader.auto().onSignal(sell);
        assertThat(o.skipped()).contains(AutoTrading.NO_POSITION_TO_SELL);
        assertThat(o.proposal()).isEmpty();
        assertThat(o.order()).isEmpty();
        assertThat(trader.orders(java.util.List.of(), 10)).isEmpty();
    }

    @Test
    void paperAutoTradingExecutesASignalOnceEvenWhenDeliveredTwice() throws Exception {
        trader.close();
        trader = trader(AutoTrading.Mode.PAPER);
        AutoTrading.Outcome first = trader.auto().onSignal(buy("50000", "49000", "52000"));
        AutoTrading.Outcome again = trader.auto().onSignal(buy("50000", "49000", "52000"));

        assertThat(first.order().orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(again.order().orElseThrow().id())
                .isEqualTo(first.order().orElseThrow().id());
        assertThat(trader.orders(java.util.List.of(), 10)).hasSize(1);
        assertThat(trader.proposals().pending()).isEmpty();
    }

    @Test
    void withAutoTradingOffSignalsBecomeProposals() {
        AutoTrading.Outcome o = trader.auto().onSignal(buy("50000", "49000", "52000"));
        assertThat(o.proposal()).isPresent();
        assertThat(o.order()).isEmpty();
    }

    static TradeSignal sell(String entry) {
        // spot: a SELL closes or reduces the long and carries no levels (TradeSignal refuses them)
        return TradeSignal.builder(BTC, Interval.H1, TradeSignal.Action.SELL)
                .confidence(0.6)
                .entry(new BigDecimal(entry))
                .reasoning("top")
                .generator("rules")
                .decidedAt(Instant.parse("2026-03-02T11:00:00Z"))
                .candleTime(Instant.parse("2026-03-02T10:00:00Z"))
                .build();
    }

    @Test
    void aSellSignalClosesTheLongWholeWithoutStopOrTargetInEveryMode() throws Exception {
        trader.close();
        trader = trader(AutoTrading.Mode.PAPER);
        trader.auto().onSignal(buy("50000", "49000", "52000"));
        BigDecimal held = trader.positions().get(0).quantity();

        AutoTrading.Outcome o = trader.auto().onSignal(sell("50000"));

        Order exit = o.order().orElseThrow();
        assertThat(exit.side()).isEqualTo(Side.SELL);
        // sized from the position, not like a short by risk and capped
        assertThat(exit.quantity()).isEqualByComparingTo(held);
        assertThat(exit.stopLoss()).isEmpty();
        assertThat(exit.takeProfit()).isEmpty();
        assertThat(exit.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(trader.positions()).isEmpty();
        // a second SELL has nothing left to sell: skipped, not thrown
        assertThat(trader.auto().onSignal(sell("50000")).skipped()).contains(AutoTrading.NO_POSITION_TO_SELL);
    }

    @Test
    void aSellProposalSellsThePositionAndItsApprovalNeverSellsMoreThanIsHeld() {
        trader.proposals()
                .approve(trader.proposals()
                        .propose(buy("50000", "49000", "52000"))
                        .orElseThrow()
                        .id());
        BigDecimal held = trader.positions().get(0).quantity();

        Proposal p = trader.proposals().propose(sell("50000")).orElseThrow();
        assertThat(p.side()).isEqualTo(Side.SELL);
        assertThat(p.quantity()).isEqualByComparingTo(held);
        // part of the position goes meanwhile: the approval sells what is left
        trader.submit(io.cryptogo.trading.OrderRequest.market(BTC, Side.SELL, held.divide(new BigDecimal("2"))));
        Order o = trader.proposals().approve(p.id());
        assertThat(o.quantity()).isEqualByComparingTo(held.subtract(held.divide(new BigDecimal("2"))));
        assertThat(trader.positions()).isEmpty();
    }
}
