package io.cryptogo.collect;

import io.cryptogo.error.CryptoGoException;
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
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MarketDataSource} that answers kline requests from the {@link CandleStore} when the store holds
 * every requested bucket as a closed candle, and from the exchange otherwise (storing what it fetched).
 * Tickers, 24h statistics, symbols and streams go straight to the exchange. The store must keep the
 * exchange's source ({@link CandleStore#source()}), so the candles served from it are the exchange's own,
 * never another source's.
 *
 * <p>A "latest N" request asks the exchange only for the last two candles (the open one and the one just
 * closed) when the store has the N - 1 before them. A store that is down is bypassed: the request is
 * answered from the exchange and a warning logged.
 *
 * <pre>{@code
 * MarketDataSource m = new StoreBackedMarketData(binance, new JdbcCandleStore(db, binance.source().kind()));
 * List<Candle> week = m.klines(KlineQuery.range(sym, Interval.H1, from, to));   // served by the store
 * }</pre>
 */
public final class StoreBackedMarketData implements MarketDataSource {
    private static final Logger log = LoggerFactory.getLogger(StoreBackedMarketData.class);

    private final MarketDataSource exchange;
    private final CandleStore store;
    private final AtomicLong storeHits = new AtomicLong();
    private final AtomicLong exchangeFetches = new AtomicLong();

    /**
     * Market data that reads {@code store} first and asks {@code exchange} for what it lacks.
     *
     * @throws CryptoGoException when {@code store} keeps another source's candles than {@code exchange} serves
     */
    public StoreBackedMarketData(MarketDataSource exchange, CandleStore store) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.store = Objects.requireNonNull(store, "store");
        requireSameSource(exchange.source().kind(), store.source(), "the candle store");
    }

    static void requireSameSource(SourceInfo.Kind market, SourceInfo.Kind stored, String what) {
        if (market != stored) {
            throw new CryptoGoException(what + " keeps " + stored.label() + " candles but the market is "
                    + market.label() + ": stored candles keep their source and a read never mixes sources;"
                    + " open the store for " + market.label() + " (new JdbcCandleStore(db, market.source().kind()))");
        }
    }

    /** The exchange-side source behind the store (what a collector should read from). */
    public MarketDataSource exchange() {
        return exchange;
    }

    /** Requests answered entirely or mostly from the store. */
    public long storeHits() {
        return storeHits.get();
    }

    /** Requests answered entirely from the exchange. */
    public long exchangeFetches() {
        return exchangeFetches.get();
    }

    @Override
    public List<Candle> klines(KlineQuery q) {
        try {
            Optional<List<Candle>> served = fromStore(q);
            if (served.isPresent()) {
                storeHits.incrementAndGet();
                return served.get();
            }
        } catch (StoreUnavailableException e) {
            log.warn("candle store unavailable ({}); answering from the exchange", e.getMessage());
            exchangeFetches.incrementAndGet();
            return exchange.klines(q);
        }
        exchangeFetches.incrementAndGet();
        List<Candle> fetched = exchange.klines(q);
        save(fetched);
        return fetched;
    }

    private Optional<List<Candle>> fromStore(KlineQuery q) {
        Interval iv = q.interval();
        long step = iv.millis();
        int limit = q.limit();
        if (q.start().isEmpty() && q.end().isEmpty()) {
            return latestFromStore(q);
        }
        long lo;
        long hi;
        if (q.start().isPresent()) {
            lo = ceilAlign(q.start().get().toEpochMilli(), step);
            hi = lo + (limit - 1L) * step;
            if (q.end().isPresent()) {
                hi = Math.min(hi, iv.alignMillis(q.end().get().toEpochMilli()));
            }
        } else {
            hi = iv.alignMillis(q.end().get().toEpochMilli());
            lo = hi - (limit - 1L) * step;
        }
        if (hi < lo) {
            return Optional.of(List.of());
        }
        return complete(q.symbol(), iv, lo, hi);
    }

    /** The stored candles of {@code [lo, hi]} when every bucket is there and closed. */
    private Optional<List<Candle>> complete(Symbol symbol, Interval iv, long lo, long hi) {
        long expected = (hi - lo) / iv.millis() + 1;
        List<Candle> stored =
                store.range(symbol, iv, java.time.Instant.ofEpochMilli(lo), java.time.Instant.ofEpochMilli(hi));
        if (stored.size() != expected) {
            return Optional.empty();
        }
        for (Candle c : stored) {
            if (!c.closed()) {
                return Optional.empty();
            }
        }
        return Optional.of(stored);
    }

    private Optional<List<Candle>> latestFromStore(KlineQuery q) {
        // the exchange knows what "now" is: ask it for the open candle and the one just closed
        List<Candle> tip = exchange.klines(KlineQuery.latest(q.symbol(), q.interval(), Math.min(2, q.limit())));
        if (tip.isEmpty() || q.limit() <= tip.size()) {
            save(tip);
            return Optional.of(tip);
        }
        long step = q.interval().millis();
        long first = tip.get(0).openTime().toEpochMilli();
        long lo = first - (long) (q.limit() - tip.size()) * step;
        Optional<List<Candle>> head = complete(q.symbol(), q.interval(), lo, first - step);
        save(tip);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<Candle> all = new ArrayList<>(head.get().size() + tip.size());
        all.addAll(head.get());
        all.addAll(tip);
        return Optional.of(all);
    }

    private void save(List<Candle> candles) {
        if (candles.isEmpty()) {
            return;
        }
        try {
            store.upsertAll(candles);
        } catch (CryptoGoException e) {
            log.warn("could not store {} fetched candles: {}", candles.size(), e.getMessage());
        }
    }

    private static long ceilAlign(long t, long step) {
        return -Math.floorDiv(-t, step) * step;
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        return exchange.ticker(symbol);
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        return exchange.stats24h(symbol);
    }

    @Override
    public List<SymbolInfo> symbols() {
        return exchange.symbols();
    }

    @Override
    public SymbolInfo symbol(Symbol symbol) {
        return exchange.symbol(symbol);
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        return exchange.stream(symbol, interval, listener);
    }

    @Override
    public SourceInfo source() {
        return exchange.source();
    }

    @Override
    public Optional<DerivativesData> derivatives() {
        return exchange.derivatives();
    }

    @Override
    public void close() {
        exchange.close();
    }

    @Override
    public String toString() {
        return "StoreBackedMarketData[" + exchange.source() + " + " + store + "]";
    }
}
