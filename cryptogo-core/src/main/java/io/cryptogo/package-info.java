/**
 * CryptoGo's entry point ({@link io.cryptogo.CryptoGo}) and the assembly of the market adapters from
 * configuration ({@link io.cryptogo.MarketSources}). The exception tree lives in {@link io.cryptogo.error}.
 */
package io.cryptogo;
