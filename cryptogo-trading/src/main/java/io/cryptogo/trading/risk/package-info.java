/**
 * Risk checks in front of every venue: {@link io.cryptogo.trading.risk.RiskManager} enforces {@link
 * io.cryptogo.trading.risk.RiskLimits} (position size, daily trades, daily loss, balance with fees) and
 * sizes positions from the risk per trade and the stop distance.
 */
package io.cryptogo.trading.risk;
