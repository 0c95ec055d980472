/**
 * The app's guard rails, in front of every module's routes: security headers and JSON errors at the Jetty
 * level ({@link io.cryptogo.examples.app.guard.JettyHardening}), and per request ({@link
 * io.cryptogo.examples.app.guard.RequestGuard}) the Host check against DNS rebinding, the token on private
 * reads, body limits (413), JSON content types (415) and per-client rate limits (429). {@link
 * io.cryptogo.examples.app.guard.GuardSettings} holds their settings; {@link
 * io.cryptogo.examples.app.guard.SecretMasker} masks secrets in text the app stores or serves.
 */
package io.cryptogo.examples.app.guard;
