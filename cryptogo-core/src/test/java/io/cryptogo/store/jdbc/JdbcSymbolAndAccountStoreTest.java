package io.cryptogo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.store.AccountStore;
import io.cryptogo.store.SymbolStore;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcSymbolAndAccountStoreTest {
    static StoreDatabases dbs;

    @BeforeAll
    static void open() {
        dbs = new StoreDatabases("JdbcSymbolAndAccountStoreTest");
    }

    @AfterAll
    static void close() throws Exception {
        dbs.close();
    }

    @BeforeEach
    void clean() throws Exception {
        dbs.clean();
    }

    static Stream<String> kinds() {
        return StoreDatabases.kinds();
    }

    static SymbolInfo info(String symbol, String tick) {
        return new SymbolInfo(
                Symbol.parse(symbol),
                "TRADING",
                new BigDecimal(tick),
                new BigDecimal("0.00001"),
                new BigDecimal("0.0001"),
                new BigDecimal("5"));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void symbolsAreUpsertedByName(String kind) {
        SymbolStore s = new JdbcSymbolStore(dbs.get(kind));
        s.upsertAll(List.of(info("ETH/USDT", "0.01"), info("BTC/USDT", "0.01")));
        s.upsertAll(List.of(info("BTC/USDT", "0.1")));
        assertThat(s.all()).extracting(i -> i.symbol().toString()).containsExactly("BTC/USDT", "ETH/USDT");
        assertThat(s.find(Symbol.parse("BTC/USDT")).orElseThrow().tickSize()).isEqualByComparingTo("0.1");
        assertThat(s.find(Symbol.parse("XRP/USDT"))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void balancesAreReplacedAsAWholePerAccount(String kind) {
        AccountStore a = new JdbcAccountStore(dbs.get(kind));
        a.replaceBalances(
                "paper",
                "paper",
                List.of(
                        new Balance("USDT", new BigDecimal("10000.00"), BigDecimal.ZERO),
                        new Balance("BTC", new BigDecimal("0.5"), new BigDecimal("0.1"))));
        a.replaceBalances("binance-testnet", "binance-testnet", List.of());
        a.replaceBalances("paper", "paper", List.of(new Balance("USDT", new BigDecimal("9000.5"), BigDecimal.ONE)));
        assertThat(a.accounts()).containsExactly("binance-testnet", "paper");
        List<Balance> b = a.balances("paper");
        assertThat(b).hasSize(1);
        assertThat(b.get(0).asset()).isEqualTo("USDT");
        assertThat(b.get(0).free()).isEqualByComparingTo("9000.5");
        assertThat(b.get(0).locked()).isEqualByComparingTo("1");
        assertThat(a.balances("nobody")).isEmpty();
        assertThatThrownBy(() -> a.replaceBalances(" ", "paper", List.of())).hasMessageContaining("account id");
    }
}
