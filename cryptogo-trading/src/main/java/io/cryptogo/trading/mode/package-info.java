/**
 * Trading modes: manual confirmation ({@link io.cryptogo.trading.mode.Proposals}, the default), where a
 * signal becomes a {@link io.cryptogo.trading.mode.Proposal} a person approves or rejects, and automatic
 * execution on the paper or live venue ({@link io.cryptogo.trading.mode.AutoTrading}).
 */
package io.cryptogo.trading.mode;
