package io.cryptogo.store;

import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code symbols} table: each symbol's trading rules as last seen on the exchange.
 *
 * <pre>{@code
 * SymbolStore symbols = new JdbcSymbolStore(database);
 * symbols.upsertAll(market.symbols());
 * Optional<SymbolInfo> btc = symbols.find(Symbol.parse("BTC/USDT"));
 * }</pre>
 */
public interface SymbolStore {
    /** Inserts or replaces each symbol's row; returns how many were written. */
    int upsertAll(Collection<SymbolInfo> symbols);

    Optional<SymbolInfo> find(Symbol symbol);

    /** Every stored symbol, ordered by name. */
    List<SymbolInfo> all();
}
