/**
 * Trading: {@link io.cryptogo.trading.Trader} submits {@link io.cryptogo.trading.OrderRequest}s through the
 * risk checks to a {@link io.cryptogo.trading.Venue} (paper or Binance) and stores every {@link
 * io.cryptogo.trading.Order}, {@link io.cryptogo.trading.Fill} and {@link io.cryptogo.trading.Position};
 * signals arrive as {@link io.cryptogo.model.TradeSignal}s and become proposals or orders by mode.
 */
package io.cryptogo.trading;
