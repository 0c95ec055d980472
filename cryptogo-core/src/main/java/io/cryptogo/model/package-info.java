/**
 * Immutable value records of the domain: {@link io.cryptogo.model.Candle}, {@link
 * io.cryptogo.model.Ticker}, {@link io.cryptogo.model.SymbolInfo}, {@link io.cryptogo.model.TradeSignal}
 * and friends. Exchange-facing quantities are {@link java.math.BigDecimal}; times are {@link
 * java.time.Instant} in UTC.
 */
package io.cryptogo.model;
