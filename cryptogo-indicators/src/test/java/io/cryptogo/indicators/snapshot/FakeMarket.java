package io.cryptogo.indicators.snapshot;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A market that serves fixed candles per interval and records the queries it got. */
final class FakeMarket implements MarketDataSource {
    final Map<Interval, List<Candle>> candles;
    final Optional<DerivativesData> derivatives;
    final List<KlineQuery> queries = new ArrayList<>();

    FakeMarket(Map<Interval, List<Candle>> candles, Optional<DerivativesData> derivatives) {
        this.candles = candles;
        this.derivatives = derivatives;
    }

    @Override
    public List<Candle> klines(KlineQuery query) {
        queries.add(query);
        List<Candle> all = candles.get(query.interval());
        return List.copyOf(all.subList(Math.max(0, all.size() - query.limit()), all.size()));
    }

    @Override
    public Optional<DerivativesData> derivatives() {
        return derivatives;
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        throw new UnsupportedOperationException("not used by the snapshot");
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        throw new UnsupportedOperationException("not used by the snapshot");
    }

    @Override
    public List<SymbolInfo> symbols() {
        return List.of();
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        throw new UnsupportedOperationException("not used by the snapshot");
    }

    @Override
    public SourceInfo source() {
        return new SourceInfo(SourceInfo.Kind.SIMULATED, "test fake");
    }
}
