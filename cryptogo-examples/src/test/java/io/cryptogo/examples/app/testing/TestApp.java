package io.cryptogo.examples.app.testing;

import io.cryptogo.CryptoGo;
import io.cryptogo.config.Config;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.CryptoGoApp;
import io.cryptogo.market.MarketDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The app on a real ephemeral port for tests, with a plain {@code java.net.http} client. Other modules' tests
 * use it too:
 *
 * <pre>{@code
 * try (TestApp t = TestApp.start(new AppMarket(NOW), new MyModule())) {
 *     HttpResponse<String> r = t.get("/api/v1/orders");
 *     assertThat(r.statusCode()).isEqualTo(200);
 * }
 * }</pre>
 */
public final class TestApp implements AutoCloseable {
    private final CryptoGoApp app;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestApp(CryptoGoApp app) {
        this.app = app;
    }

    public static TestApp start(MarketDataSource market, AppModule... modules) {
        return start(market, AppSettings.ephemeral(), Map.of(), modules);
    }

    public static TestApp start(
            MarketDataSource market, AppSettings settings, Map<String, String> config, AppModule... modules) {
        // loopback-only unless a test asks for HOST: the mode a developer runs the app in
        Map<String, String> c = new java.util.HashMap<>(config);
        c.putIfAbsent("HOST", "127.0.0.1");
        // never the developer's ~/.cryptogo: without DATABASE_URL the embedded H2 lives in this JVM's own home
        if (!c.containsKey("DATABASE_URL")) {
            c.putIfAbsent("CRYPTOGO_HOME", home().toString());
        }
        CryptoGo cg = CryptoGo.builder().config(Config.of(c)).market(market).build();
        CryptoGoApp.Builder b = CryptoGoApp.builder(cg).settings(settings);
        for (AppModule m : modules) {
            b.module(m);
        }
        return new TestApp(b.build().start());
    }

    public CryptoGoApp app() {
        return app;
    }

    public String url() {
        return app.url();
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            app.cryptoGo().close();
        }
    }

    private static java.nio.file.Path home;

    /** One fresh CRYPTOGO_HOME per test JVM, shared by its apps (an app restarted in a test finds its data). */
    static synchronized java.nio.file.Path home() {
        if (home == null) {
            try {
                home = java.nio.file.Files.createTempDirectory("cryptogo-testapp-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return home;
    }
}
