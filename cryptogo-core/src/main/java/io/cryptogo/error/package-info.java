/**
 * The exception tree every CryptoGo module throws, rooted at {@link io.cryptogo.error.CryptoGoException}: invalid
 * requests name the field, rate limits carry the wait, exchange outages say what was tried. Depends on nothing else
 * of CryptoGo, so every package may use it without a cycle.
 */
package io.cryptogo.error;
