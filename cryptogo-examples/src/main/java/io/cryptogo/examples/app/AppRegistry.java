package io.cryptogo.examples.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.CryptoGo;
import io.cryptogo.config.Config;
import io.cryptogo.market.MarketDataSource;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link AppModule} registers into: the Javalin 7 routes API, pages, header navigation, shared
 * services, and the CryptoGo instance the app runs on.
 *
 * <pre>{@code
 * public void register(AppRegistry app) {
 *     app.routes().get("/api/v1/orders", ctx -> ctx.json(orders.list()));   // JSON errors come for free
 *     app.page("/dashboard", "Dashboard", "dashboard");                    // + src/pages/dashboard.ts
 *     app.nav("/dashboard", "Dashboard", 20);
 *     app.pageScript("/trading", "ai-panel");                              // extend another module's page
 * }
 * }</pre>
 *
 * Only valid while modules register; the app freezes it before starting.
 */
public final class AppRegistry {
    private final CryptoGo cryptoGo;
    private final AppSettings settings;
    private final JavalinConfig javalin;
    private final ObjectMapper json;
    private final List<NavEntry> nav = new ArrayList<>();
    private final Map<String, PageBuilder> pages = new LinkedHashMap<>();
    private final Map<String, List<String>> pendingScripts = new HashMap<>();
    private final Map<Class<?>, Object> services = new HashMap<>();
    private final List<AutoCloseable> closeOnStop = new ArrayList<>();
    private boolean frozen;

    AppRegistry(CryptoGo cryptoGo, AppSettings settings, JavalinConfig javalin, ObjectMapper json) {
        this.cryptoGo = cryptoGo;
        this.settings = settings;
        this.javalin = javalin;
        this.json = json;
    }

    /** The CryptoGo instance: {@code market()}, {@code database()}, {@code config()}. */
    public CryptoGo cryptoGo() {
        return cryptoGo;
    }

    /** Shortcut for {@code cryptoGo().market()}. */
    public MarketDataSource market() {
        return cryptoGo.market();
    }

    /** Shortcut for {@code cryptoGo().config()}: read your module's own settings here. */
    public Config config() {
        return cryptoGo.config();
    }

    public AppSettings settings() {
        return settings;
    }

    /** The JSON mapper the app uses for {@code ctx.json(...)} and {@code ctx.bodyAsClass(...)}. */
    public ObjectMapper json() {
        return json;
    }

    /**
     * Javalin 7's route declarations: {@code get/post/put/delete(path, handler)}, {@code ws(path, cfg)},
     * {@code before/after}, {@code exception(type, handler)}.
     */
    public RoutesConfig routes() {
        check();
        return javalin.routes;
    }

    /** The whole Javalin configuration, for what {@link #routes()} does not cover. Use sparingly. */
    public JavalinConfig javalin() {
        check();
        return javalin;
    }

    /** Adds a link to the shared page header. */
    public void nav(String path, String label, int order) {
        check();
        nav.add(new NavEntry(path, label, order));
    }

    /**
     * Serves a page at {@code path}: the shared header plus the front-end bundle {@code bundle} (built from
     * {@code src/main/frontend/src/pages/<bundle>.ts}, and its CSS when it imports any).
     */
    public void page(String path, String title, String bundle) {
        check();
        if (pages.containsKey(path)) {
            throw new IllegalStateException("page " + path + " is already registered");
        }
        PageBuilder p = new PageBuilder(path, title, bundle);
        p.spec(); // validates the names now rather than at the first request
        p.bundles.addAll(pendingScripts.getOrDefault(path, List.of()));
        pages.put(path, p);
        routes().get(path, ctx -> ctx.html(Pages.render(this, p.spec())));
    }

    /**
     * Adds the bundle {@code bundle} to the page at {@code path} (registered before or after this call), after
     * the page's own bundle: how one module extends another's page, e.g. a decision panel on {@code /trading}.
     */
    public void pageScript(String path, String bundle) {
        check();
        new PageSpec(path, "", List.of(bundle)); // validates the names
        PageBuilder p = pages.get(path);
        if (p != null) {
            p.bundles.add(bundle);
        } else {
            pendingScripts.computeIfAbsent(path, k -> new ArrayList<>()).add(bundle);
        }
    }

    /** Publishes a service for modules registered later (e.g. a trading service the AI module uses). */
    public <T> void service(Class<T> type, T instance) {
        check();
        if (services.putIfAbsent(type, Objects.requireNonNull(instance, "instance")) != null) {
            throw new IllegalStateException("a " + type.getSimpleName() + " service is already registered");
        }
    }

    /** A service published by an earlier module. */
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    /** Closes {@code resource} when the app stops (in reverse order of registration). */
    public void closeOnStop(AutoCloseable resource) {
        closeOnStop.add(Objects.requireNonNull(resource, "resource"));
    }

    /** Header entries in display order. */
    public List<NavEntry> navEntries() {
        return nav.stream()
                .sorted(Comparator.comparingInt(NavEntry::order).thenComparing(NavEntry::label))
                .toList();
    }

    /** Every registered page. */
    public List<PageSpec> pages() {
        return pages.values().stream().map(PageBuilder::spec).toList();
    }

    List<AutoCloseable> resources() {
        return closeOnStop;
    }

    void freeze() {
        for (String path : pendingScripts.keySet()) {
            if (!pages.containsKey(path)) {
                throw new IllegalStateException("pageScript for " + path + " but no page is registered there");
            }
        }
        frozen = true;
    }

    private void check() {
        if (frozen) {
            throw new IllegalStateException("the app is already configured; register from AppModule.register");
        }
    }

    private static final class PageBuilder {
        final String path;
        final String title;
        final List<String> bundles = new ArrayList<>();

        PageBuilder(String path, String title, String bundle) {
            this.path = path;
            this.title = title;
            this.bundles.add(bundle);
        }

        PageSpec spec() {
            return new PageSpec(path, title, bundles);
        }
    }
}
