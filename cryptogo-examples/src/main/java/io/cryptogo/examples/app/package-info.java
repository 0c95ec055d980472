/**
 * The CryptoGo sample web app on Javalin 7: {@link io.cryptogo.examples.app.CryptoGoApp} assembles a
 * {@link io.cryptogo.CryptoGo} and a list of {@link io.cryptogo.examples.app.AppModule}s, maps the exception
 * tree to JSON errors in one place ({@link io.cryptogo.examples.app.ApiErrors}), renders the shared page
 * shell with its navigation, and {@link io.cryptogo.examples.app.AppMain} runs it from the environment.
 */
package io.cryptogo.examples.app;
