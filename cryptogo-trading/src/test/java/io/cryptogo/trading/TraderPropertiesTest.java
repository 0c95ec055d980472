package io.cryptogo.trading;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.model.Balance;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.testing.MutableClock;
import io.cryptogo.trading.testing.TradingMarkets;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random order sequences through the whole trader (risk checks, paper venue, H2 store): a client order
 * id submitted again returns the stored order and changes nothing, the store never holds two orders for
 * one id, balances stay non-negative and the value identity holds with the stored positions and fills.
 */
class TraderPropertiesTest {
    record Step(int kind, int qtyMillis, int price, int idSlot) {}

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(1, 30),
                        Arbitraries.integers().between(45_000, 55_000),
                        Arbitraries.integers().between(0, 7))
                .as(Step::new);
    }

    @Property(tries = 15)
    void clientOrderIdsAreIdempotentAndValueIsConserved(
            @ForAll @Size(min = 1, max = 25) List<@From("steps") Step> steps) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        FakeMarket market = TradingMarkets.priced(clock).halfSpread("2");
        try (var db = TestDatabases.h2("trader-props");
                Trader trader = Trader.builder()
                        .market(market)
                        .database(db.database())
                        .risk(RiskLimits.defaults()
                                .withMaxPositionSize(new BigDecimal("3000"))
                                .withMaxDailyTrades(1000))
                        .paper(PaperSettings.defaults().withPartialFillSize(new BigDecimal("0.02")))
                        .clock(clock)
                        .build()) {
            Map<String, Long> seen = new HashMap<>();
            for (Step s : steps) {
                BigDecimal qty = BigDecimal.valueOf(s.qtyMillis(), 3);
                String cid = "prop-" + s.idSlot();
                OrderRequest r = switch (s.kind()) {
                    case 0 -> OrderRequest.market(BTC, Side.BUY, qty);
                    case 1 -> OrderRequest.market(BTC, Side.SELL, qty);
                    case 2 -> OrderRequest.limit(BTC, Side.BUY, qty, BigDecimal.valueOf(s.price()));
                    default -> null;
                };
                if (r == null) {
                    market.push(BTC, String.valueOf(s.price()));
                    continue;
                }
                List<Balance> before = trader.balances();
                try {
                    Order o = trader.submit(r.withClientOrderId(cid));
                    if (seen.containsKey(cid)) {
                        assertThat(o.id()).isEqualTo(seen.get(cid));
                        assertThat(trader.balances()).isEqualTo(before);
                    }
                    seen.put(cid, o.id());
                } catch (CryptoGoException rejected) {
                    assertThat(seen).doesNotContainKey(cid);
                    assertThat(trader.balances()).isEqualTo(before);
                }
            }
            assertThat(trader.orders(List.of(), 1000)).hasSize(seen.size());

            BigDecimal usdt = BigDecimal.ZERO;
            BigDecimal btc = BigDecimal.ZERO;
            for (Balance b : trader.balances()) {
                assertThat(b.free().signum()).isGreaterThanOrEqualTo(0);
                assertThat(b.locked().signum()).isGreaterThanOrEqualTo(0);
                if (b.asset().equals("USDT")) {
                    usdt = b.total();
                } else if (b.asset().equals("BTC")) {
                    btc = b.total();
                }
            }
            Optional<Position> p = trader.store().positions("paper").stream().findFirst();
            BigDecimal cost = p.map(Position::cost).orElse(BigDecimal.ZERO);
            BigDecimal fees = p.map(Position::fees).orElse(BigDecimal.ZERO);
            BigDecimal realized = p.map(Position::realizedPnl).orElse(BigDecimal.ZERO);
            assertThat(btc).isEqualByComparingTo(p.map(Position::quantity).orElse(BigDecimal.ZERO));
            assertThat(usdt.add(cost).add(fees).subtract(realized)).isEqualByComparingTo("10000");
        }
    }
}
