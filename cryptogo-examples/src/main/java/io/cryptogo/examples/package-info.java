/** The sample app and small runnable examples built on the CryptoGo modules. */
package io.cryptogo.examples;
