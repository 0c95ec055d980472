package io.cryptogo.market;

import io.cryptogo.model.Candle;

/**
 * Receives a live kline stream. {@link #onCandle} is called for each update of the open candle ({@code
 * closed == false}) and once with the final candle ({@code closed == true}); after a reconnect, missed
 * closed candles are delivered in order before live updates resume. Calls for one stream never overlap.
 */
@FunctionalInterface
public interface CandleListener {
    void onCandle(Candle candle);

    /** The stream failed and is reconnecting (or gave up, when {@code fatal}). */
    default void onError(Throwable error, boolean fatal) {}
}
