/** Technical indicators over CryptoGo candles (ta4j underneath) and the market snapshot an LLM reads. */
package io.cryptogo.indicators;
