package io.cryptogo.examples.app.market;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The market's symbol list, fetched at most once per {@code ttl} (exchange info is heavy on Binance), used to
 * answer 400 for an unknown symbol before asking the market for its data.
 */
public final class SymbolCatalog {
    private final MarketDataSource market;
    private final Duration ttl;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(List<SymbolInfo> list, Map<Symbol, SymbolInfo> bySymbol, Instant fetched) {}

    public SymbolCatalog(MarketDataSource market, Duration ttl, Clock clock) {
        this.market = market;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Every symbol, sorted. */
    public List<SymbolInfo> all() {
        return current().list();
    }

    /**
     * The symbol's info.
     *
     * @throws InvalidRequestException naming {@code parameter} and some known symbols when it is unknown
     */
    public SymbolInfo require(Symbol symbol, String parameter) {
        SymbolInfo info = current().bySymbol().get(symbol);
        if (info == null) {
            List<SymbolInfo> all = current().list();
            String known =
                    all.stream().limit(20).map(s -> s.symbol().toString()).collect(Collectors.joining(", "));
            throw new InvalidRequestException(
                    parameter,
                    "unknown symbol " + symbol + " on " + market.source().kind().label() + "; accepted values: " + known
                            + (all.size() > 20 ? " … (" + all.size() + " in all, see /api/v1/market/symbols)" : ""));
        }
        return info;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || !clock.instant().isBefore(s.fetched().plus(ttl))) {
            synchronized (this) {
                s = snapshot;
                if (s == null || !clock.instant().isBefore(s.fetched().plus(ttl))) {
                    List<SymbolInfo> list = market.symbols().stream()
                            .sorted((a, b) -> a.symbol().compareTo(b.symbol()))
                            .toList();
                    s = new Snapshot(
                            list,
                            list.stream()
                                    .collect(Collectors.toMap(SymbolInfo::symbol, Function.identity(), (a, b) -> a)),
                            clock.instant());
                    snapshot = s;
                }
            }
        }
        return s;
    }
}
