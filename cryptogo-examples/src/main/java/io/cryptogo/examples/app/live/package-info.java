/**
 * The {@code /ws} live stream: {@link io.cryptogo.examples.app.live.LiveHub} shares one upstream market
 * stream per (symbol, interval) among any number of WebSocket clients (reference-counted), and gives each
 * client a bounded, non-blocking send queue that drops the oldest open-candle updates first, so a slow client
 * never delays the others.
 */
package io.cryptogo.examples.app.live;
