/**
 * The execution engine, in parts with one job each, composed the same way for live, paper and replay by
 * {@link io.cryptogo.trading.engine.Engine}: {@link io.cryptogo.trading.engine.OrderManager} (submit,
 * cancel, idempotent client ids, UNKNOWN settlement, reconciliation), {@link
 * io.cryptogo.trading.engine.Ledger} (positions, daily PnL and trade count, equity), {@link
 * io.cryptogo.trading.engine.ProtectiveExits} (stop loss and take profit, resting on the venue or watched
 * here) and the {@link io.cryptogo.trading.risk.RiskManager}; money is valued in one currency by {@link
 * io.cryptogo.trading.engine.Valuation}. Time comes from an injected {@link java.time.Clock}, prices from
 * the {@link io.cryptogo.market.MarketDataSource} port, storage from the {@link
 * io.cryptogo.trading.store.OrderStore} port.
 */
package io.cryptogo.trading.engine;
