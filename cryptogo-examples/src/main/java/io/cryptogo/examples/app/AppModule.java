package io.cryptogo.examples.app;

/**
 * A slice of the sample app: routes, pages, navigation entries and front-end bundles, registered while
 * the app is configured (Javalin 7 declares everything inside {@code Javalin.create(cfg -> ...)}).
 *
 * <pre>{@code
 * public final class HelloModule implements AppModule {
 *     public void register(AppRegistry app) {
 *         app.routes().get("/api/v1/hello", ctx -> ctx.json(Map.of("hello", "world")));
 *         app.page("/hello", "Hello", "hello");      // serves src/main/frontend/src/pages/hello.ts
 *         app.nav("/hello", "Hello", 50);
 *     }
 * }
 * CryptoGoApp.builder(cryptoGo).module(new HelloModule()).build().start();
 * }</pre>
 *
 * Modules register in the order they were added; the built-in market, live and chart modules come first.
 */
@FunctionalInterface
public interface AppModule {

    /** Declares this module's routes, pages and navigation entries. Called once, before the server starts. */
    void register(AppRegistry app);

    /** A short name for the start-up log. */
    default String name() {
        return getClass().getSimpleName();
    }
}
