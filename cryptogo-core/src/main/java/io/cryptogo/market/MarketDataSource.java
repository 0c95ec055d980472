package io.cryptogo.market;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import java.util.List;

/**
 * Market data from one source (Binance, the simulated market, a store-backed cache). The port every
 * adapter implements and every consumer uses.
 *
 * <pre>{@code
 * MarketDataSource m = CryptoGo.demo().market();
 * List<Candle> last100 = m.klines("BTC/USDT", Interval.H1, 100);   // oldest first
 * Ticker t = m.ticker("BTC/USDT");
 * }</pre>
 *
 * Failures are {@link io.cryptogo.error.CryptoGoException}s: {@link InvalidRequestException} for an unknown
 * symbol, {@link io.cryptogo.error.ExchangeUnavailableException} / {@link io.cryptogo.error.RateLimitedException}
 * for exchange trouble.
 */
public interface MarketDataSource extends AutoCloseable {

    /** Candles matching the query, oldest first; the last one may be the open candle. */
    List<Candle> klines(KlineQuery query);

    /** The latest price and best bid/ask. */
    Ticker ticker(Symbol symbol);

    /** Rolling 24-hour statistics. */
    Stats24h stats24h(Symbol symbol);

    /** Every symbol the source knows, with its trading filters. */
    List<SymbolInfo> symbols();

    /**
     * Subscribes to live candles of one (symbol, interval). The listener sees updates of the open candle
     * and every closed candle exactly once, in order, also across reconnects.
     */
    StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener);

    /** Where the data comes from, and why. */
    SourceInfo source();

    /** Open interest and funding for this source's symbols, when it has them. */
    default java.util.Optional<DerivativesData> derivatives() {
        return java.util.Optional.empty();
    }

    /** Releases connections and threads. */
    @Override
    default void close() {}

    // ---- conveniences over the core methods ----

    /** The most recent {@code limit} candles, oldest first (the last may be open). */
    default List<Candle> klines(Symbol symbol, Interval interval, int limit) {
        return klines(KlineQuery.latest(symbol, interval, limit));
    }

    /** {@link #klines(Symbol, Interval, int)} with the symbol written as {@code BTC/USDT}. */
    default List<Candle> klines(String symbol, Interval interval, int limit) {
        return klines(Symbol.parse(symbol), interval, limit);
    }

    default Ticker ticker(String symbol) {
        return ticker(Symbol.parse(symbol));
    }

    default Stats24h stats24h(String symbol) {
        return stats24h(Symbol.parse(symbol));
    }

    /**
     * The trading rules of one symbol.
     *
     * @throws InvalidRequestException when the source does not know it
     */
    default SymbolInfo symbol(Symbol symbol) {
        return symbols().stream()
                .filter(s -> s.symbol().equals(symbol))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "symbol",
                        "unknown symbol " + symbol + " on " + source().kind().label()));
    }

    /** As {@link #symbol(Symbol)} with {@code "BTC/USDT"}. */
    default SymbolInfo symbol(String symbol) {
        return symbol(Symbol.parse(symbol));
    }

    default StreamHandle stream(String symbol, Interval interval, CandleListener listener) {
        return stream(Symbol.parse(symbol), interval, listener);
    }
}
