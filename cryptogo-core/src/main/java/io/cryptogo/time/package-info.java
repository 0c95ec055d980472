/**
 * Time ports shared by every module beside {@link java.time.Clock}: the {@link io.cryptogo.time.Sleeper} that
 * retries and rate limits wait through, so that tests and replays never sleep for real.
 */
package io.cryptogo.time;
