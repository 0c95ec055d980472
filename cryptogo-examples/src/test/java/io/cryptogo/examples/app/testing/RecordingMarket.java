package io.cryptogo.examples.app.testing;

import io.cryptogo.market.CandleListener;
import io.cryptogo.market.DerivativesData;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wraps a real market and records the kline queries that reach it (what the browser asked for). */
public final class RecordingMarket implements MarketDataSource {
    private final MarketDataSource delegate;
    private final List<KlineQuery> queries = new CopyOnWriteArrayList<>();

    public RecordingMarket(MarketDataSource delegate) {
        this.delegate = delegate;
    }

    public List<KlineQuery> queries() {
        return List.copyOf(queries);
    }

    @Override
    public List<Candle> klines(KlineQuery query) {
        queries.add(query);
        return delegate.klines(query);
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        return delegate.ticker(symbol);
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        return delegate.stats24h(symbol);
    }

    @Override
    public List<SymbolInfo> symbols() {
        return delegate.symbols();
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        return delegate.stream(symbol, interval, listener);
    }

    @Override
    public SourceInfo source() {
        return delegate.source();
    }

    @Override
    public Optional<DerivativesData> derivatives() {
        return delegate.derivatives();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
