package io.cryptogo.trading.engine;

import static io.cryptogo.testing.FakeMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.testing.FakeMarket;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.testing.MutableClock;
import io.cryptogo.trading.testing.TradingMarkets;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One writer per account: two traders (as two processes would) on one database trading the same paper
 * account would each keep their own balances and the last writer would win. The second one is refused at
 * start with a clear error; once the first closes, the account can be traded again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccountLeaseTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    final FakeMarket market = TradingMarkets.priced(clock);

    Trader trader(TestDatabases.Handle db) {
        return Trader.builder()
                .market(market)
                .database(db.database())
                .clock(clock)
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aSecondTraderOfTheSameAccountOnTheSameDatabaseIsRefusedUntilTheFirstCloses(String kind) throws Exception {
        try (TestDatabases.Handle db =
                kind.equals("postgres") ? TestDatabases.postgres("lease") : TestDatabases.h2("lease")) {
            Trader first = trader(db);
            first.submit(OrderRequest.market(BTC, Side.BUY, new BigDecimal("0.001")));

            assertThatThrownBy(() -> trader(db))
                    .isInstanceOf(CryptoGoException.class)
                    .hasMessageContaining("account 'paper' is already traded by another Trader")
                    .hasMessageContaining("DATABASE_URL");
            // the refused one changed nothing
            assertThat(first.orders(java.util.List.of(), 10)).hasSize(1);

            first.close();
            try (Trader second = trader(db)) {
                assertThat(second.submit(OrderRequest.market(BTC, Side.BUY, new BigDecimal("0.001")))
                                .status())
                        .isEqualTo(OrderStatus.FILLED);
                assertThat(second.positions().get(0).quantity()).isEqualByComparingTo("0.002");
            }
        }
    }
}
