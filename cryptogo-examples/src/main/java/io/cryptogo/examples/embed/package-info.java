/**
 * Small runnable examples of embedding CryptoGo, each about 50 lines with a {@code main} and a {@code run}
 * its test calls: a bot ({@link io.cryptogo.examples.embed.BotExample}), a quant's script ({@link
 * io.cryptogo.examples.embed.QuantScriptExample}) and a service with its own database and Flyway ({@link
 * io.cryptogo.examples.embed.HostServiceExample}).
 */
package io.cryptogo.examples.embed;
