package io.cryptogo.trading.venue.paper;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.model.Balance;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.testing.MutableClock;
import io.cryptogo.trading.testing.TradingMarkets;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of market and limit orders, cancels, repeated submissions and price moves against
 * the paper venue: no balance ever goes negative, and cash + holdings at cost + fees − realised PnL stays
 * exactly the starting 10,000 USDT.
 */
class PaperVenuePropertiesTest {
    static final BigDecimal START = new BigDecimal("10000");

    /** One step of a random session. */
    record Action(int kind, int qtyMillis, int price, int pick) {}

    @Provide
    Arbitrary<Action> actions() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(1, 120),
                        Arbitraries.integers().between(40_000, 60_000),
                        Arbitraries.integers().between(0, 1000))
                .as(Action::new);
    }

    @Property(tries = 150)
    void balancesStayNonNegativeAndValueIsConserved(
            @ForAll @Size(min = 1, max = 40) List<@net.jqwik.api.From("actions") Action> steps,
            @ForAll boolean partial) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        FakeMarket market = TradingMarkets.priced(clock).halfSpread("5");
        PaperSettings settings = PaperSettings.defaults().withSlippageBps(3);
        if (partial) {
            settings = settings.withPartialFillSize(new BigDecimal("0.03"));
        }
        PaperVenue venue = new PaperVenue(market, settings, clock);
        Ledger ledger = new Ledger();
        venue.onExecution(ledger::apply);
        List<Order> placed = new ArrayList<>();
        long id = 1;
        for (Action a : steps) {
            BigDecimal qty = BigDecimal.valueOf(a.qtyMillis(), 3);
            BigDecimal price = BigDecimal.valueOf(a.price());
            switch (a.kind()) {
                case 0, 1 -> {
                    Side side = a.kind() == 0 ? Side.BUY : Side.SELL;
                    Order o = Order.from(OrderRequest.market(BTC, side, qty), "paper", clock.instant())
                            .withId(id++);
                    placed.add(o);
                    ledger.apply(venue.place(o));
                }
                case 2, 3 -> {
                    Side side = a.kind() == 2 ? Side.BUY : Side.SELL;
                    Order o = Order.from(OrderRequest.limit(BTC, side, qty, price), "paper", clock.instant())
                            .withId(id++);
                    placed.add(o);
                    ledger.apply(venue.place(o));
                }
                case 4 -> {
                    if (!placed.isEmpty()) {
                        Order o = placed.get(a.pick() % placed.size());
                        if (a.pick() % 2 == 0) {
                            ledger.apply(venue.cancel(o));
                        } else {
                            List<Balance> before = venue.balances();
                            ledger.apply(venue.place(o)); // the same client order id again
                            assertThat(venue.balances()).isEqualTo(before);
                        }
                    }
                }
                default -> market.push(BTC, price.toPlainString());
            }
            ledger.check(venue.balances());
        }
        venue.close();
    }

    /** Positions rebuilt from the reported fills, as the trader builds them. */
    static final class Ledger {
        final Set<String> seen = new HashSet<>();
        Position position = Position.flat("paper", BTC, Instant.EPOCH);
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;

        void apply(ExecutionReport r) {
            for (Fill f : r.fills()) {
                if (seen.add(r.clientOrderId() + "/" + f.tradeId())) {
                    Position.Applied a = position.apply(f, Optional.empty(), Optional.empty());
                    realized = realized.add(a.fill().realizedPnl());
                    fees = fees.add(f.fee());
                    position = a.position();
                }
            }
        }

        void check(List<Balance> balances) {
            BigDecimal usdt = BigDecimal.ZERO;
            BigDecimal btc = BigDecimal.ZERO;
            for (Balance b : balances) {
                assertThat(b.free().signum()).as("free %s", b.asset()).isGreaterThanOrEqualTo(0);
                assertThat(b.locked().signum()).as("locked %s", b.asset()).isGreaterThanOrEqualTo(0);
                if (b.asset().equals("USDT")) {
                    usdt = b.total();
                } else if (b.asset().equals("BTC")) {
                    btc = b.total();
                }
            }
            assertThat(btc).isEqualByComparingTo(position.quantity());
            assertThat(usdt.add(position.cost()).add(fees).subtract(realized)).isEqualByComparingTo(START);
        }
    }
}
