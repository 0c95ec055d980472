package io.cryptogo.examples.app.market;

import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;

/**
 * The live chart page {@code /trading} (bundle {@code trading}, from {@code src/pages/trading.ts}); {@code /}
 * redirects there, keeping the query string.
 */
public final class ChartPageModule implements AppModule {
    /** The module, as the app registry instantiates it. */
    public ChartPageModule() {}

    public static final String PATH = "/trading";

    @Override
    public void register(AppRegistry app) {
        app.page(PATH, "Chart", "trading");
        app.nav(PATH, "Chart", 10);
        app.routes().get("/", ctx -> {
            String q = ctx.queryString();
            ctx.redirect(q == null || q.isEmpty() ? PATH : PATH + "?" + q);
        });
    }
}
