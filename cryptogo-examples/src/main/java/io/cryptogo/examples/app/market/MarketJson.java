package io.cryptogo.examples.app.market;

import io.cryptogo.model.Candle;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import java.math.BigDecimal;

/** The wire records of the market API: JSON numbers, times in epoch milliseconds, symbols as BTC/USDT. */
public final class MarketJson {
    private MarketJson() {}

    /** One candle of {@code GET /api/v1/market/klines} and of the {@code candle} WebSocket message. */
    public record Kline(
            long openTime,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume,
            long closeTime,
            boolean closed) {
        public static Kline of(Candle c) {
            return new Kline(
                    c.openTime().toEpochMilli(),
                    c.open(),
                    c.high(),
                    c.low(),
                    c.close(),
                    c.volume(),
                    c.closeTime().toEpochMilli(),
                    c.closed());
        }
    }

    /** A ticker as {@code GET /api/v1/market/ticker/{symbol}} answers it. */
    public record TickerJson(String symbol, BigDecimal price, BigDecimal bid, BigDecimal ask, long time) {
        public static TickerJson of(Ticker t) {
            return new TickerJson(
                    t.symbol().toString(), t.price(), t.bid(), t.ask(), t.time().toEpochMilli());
        }
    }

    /** A symbol and its filters, one entry of {@code GET /api/v1/market/symbols}. */
    public record SymbolJson(
            String symbol,
            String base,
            String quote,
            String status,
            BigDecimal tickSize,
            BigDecimal stepSize,
            BigDecimal minNotional) {
        public static SymbolJson of(SymbolInfo s) {
            return new SymbolJson(
                    s.symbol().toString(),
                    s.base(),
                    s.quote(),
                    s.status(),
                    s.tickSize(),
                    s.stepSize(),
                    s.minNotional());
        }
    }

    /** The 24-hour statistics as {@code GET /api/v1/market/stats/{symbol}} answers them. */
    record StatsJson(
            String symbol,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal last,
            BigDecimal change,
            BigDecimal changePercent,
            BigDecimal volume,
            BigDecimal quoteVolume,
            long openTime,
            long closeTime) {
        public static StatsJson of(Stats24h s) {
            return new StatsJson(
                    s.symbol().toString(),
                    s.open(),
                    s.high(),
                    s.low(),
                    s.last(),
                    s.change(),
                    s.changePercent(),
                    s.volume(),
                    s.quoteVolume(),
                    s.openTime().toEpochMilli(),
                    s.closeTime().toEpochMilli());
        }
    }
}
