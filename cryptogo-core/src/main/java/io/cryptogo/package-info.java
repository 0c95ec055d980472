/**
 * CryptoGo's entry point ({@link io.cryptogo.CryptoGo}) and its exception tree, rooted at {@link
 * io.cryptogo.CryptoGoException}.
 */
package io.cryptogo;
