package io.cryptogo.examples.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.CryptoGo;
import io.cryptogo.examples.app.guard.GuardSettings;
import io.cryptogo.examples.app.guard.JettyHardening;
import io.cryptogo.examples.app.guard.RequestGuard;
import io.cryptogo.examples.app.guard.SecretMasker;
import io.cryptogo.examples.app.live.LiveModule;
import io.cryptogo.examples.app.market.ChartPageModule;
import io.cryptogo.examples.app.market.MarketApiModule;
import io.cryptogo.examples.app.snapshot.SnapshotModule;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.market.SourceInfo;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample web app: a {@link CryptoGo} instance plus a list of {@link AppModule}s on Javalin 7. The
 * built-in modules serve the market REST API, the {@code /ws} live stream and the {@code /trading} chart;
 * other modules add their own routes, pages and navigation entries.
 *
 * <pre>{@code
 * try (CryptoGoApp app = CryptoGoApp.builder(CryptoGo.demo())
 *         .settings(AppSettings.from(config))
 *         .module(new MyModule())
 *         .build()
 *         .start()) {
 *     System.out.println("open " + app.url());
 * }
 * }</pre>
 */
public final class CryptoGoApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CryptoGoApp.class);
    private static final Logger REQUESTS = LoggerFactory.getLogger("io.cryptogo.app.requests");

    private final CryptoGo cryptoGo;
    private final AppSettings settings;
    private final Javalin javalin;
    private final AppRegistry registry;
    private boolean generatedHere;

    private CryptoGoApp(Builder b) {
        this.cryptoGo = b.cryptoGo;
        this.settings = b.settings;
        ObjectMapper mapper = Json.mapper();
        AtomicReference<AppRegistry> reg = new AtomicReference<>();
        this.javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.jetty.port = settings.port();
            cfg.jetty.modifyWebSocketServletFactory(f -> {
                f.setIdleTimeout(Duration.ofSeconds(90));
                f.setMaxTextMessageSize(16 * 1024); // a subscribe message is ~60 bytes; larger closes with 1009
                f.setMaxBinaryMessageSize(1024);
            });
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/assets";
                sf.directory = "/public/assets";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "no-cache");
            });
            if (!settings.corsOrigins().isEmpty()) {
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (settings.corsOrigins().contains("*")) {
                        rule.anyHost();
                    } else {
                        List<String> o = settings.corsOrigins();
                        rule.allowHost(o.get(0), o.subList(1, o.size()).toArray(String[]::new));
                    }
                }));
            }
            if (b.requestLog) {
                cfg.requestLogger.http((ctx, ms) -> REQUESTS.info(
                        "{} {}{} -> {} {} ms",
                        ctx.method(),
                        ctx.path(),
                        ctx.queryString() == null ? "" : "?" + ctx.queryString(),
                        ctx.statusCode(),
                        Math.round(ms)));
            }
            JettyHardening.install(cfg);
            ApiErrors.install(cfg.routes);
            AppRegistry r = new AppRegistry(cryptoGo, settings, cfg, mapper);
            GuardSettings guardSettings = GuardSettings.from(cryptoGo.config());
            AtomicReference<RequestGuard> guardRef = new AtomicReference<>();
            r.service(SecretMasker.class, SecretMasker.from(cryptoGo.config()));
            // the guard runs before every module's routes; it is complete once the modules chose the token
            r.routes().before(ctx -> guardRef.get().check(ctx));
            r.routes().wsBeforeUpgrade(ctx -> guardRef.get().checkUpgrade(ctx));
            r.routes().wsBefore(ws -> {
                ws.onConnect(ctx -> guardRef.get().socketOpened(remote(ctx)));
                ws.onClose(ctx -> guardRef.get().socketClosed(remote(ctx)));
            });
            r.routes().get("/health", ctx -> ctx.json(health()));
            for (AppModule m : b.modules) {
                m.register(r);
                LOG.debug("registered module {}", m.name());
            }
            ApiToken token = r.service(ApiToken.class).orElse(null);
            if (token == null) {
                token = ApiToken.fromConfig(cryptoGo.config());
                r.service(ApiToken.class, token);
                generatedHere = token.generated();
            }
            String host = bindHost(guardSettings, token);
            cfg.jetty.host = host;
            guardRef.set(new RequestGuard(
                    GuardSettings.isLoopback(host),
                    guardSettings,
                    () -> reg.get().service(ApiToken.class).orElseThrow(),
                    () -> pagePaths(reg.get()),
                    java.time.Clock.systemUTC()));
            r.freeze();
            reg.set(r);
        });
        this.registry = Objects.requireNonNull(reg.get(), "Javalin did not run the configuration");
    }

    /**
     * The address to bind: {@code HOST} when set, else 127.0.0.1 when the token was generated (nobody else could
     * know it), else every interface. Serving other machines with a generated token fails at start.
     */
    static String bindHost(GuardSettings g, ApiToken token) {
        if (g.host().isPresent()) {
            String h = g.host().get();
            if (!GuardSettings.isLoopback(h) && token.generated()) {
                throw new io.cryptogo.config.ConfigException(
                        "HOST",
                        "HOST=" + h + " serves other machines, but CRYPTOGO_API_TOKEN is not set; set it (account data"
                                + " and every change need it) or bind HOST=127.0.0.1");
            }
            return h;
        }
        return token.generated() ? "127.0.0.1" : "0.0.0.0";
    }

    private static java.util.Set<String> pagePaths(AppRegistry r) {
        return r.pages().stream()
                .map(p -> p.path().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static String remote(io.javalin.websocket.WsContext ctx) {
        java.net.SocketAddress a = ctx.session.getRemoteSocketAddress();
        return a instanceof java.net.InetSocketAddress i ? i.getAddress().getHostAddress() : String.valueOf(a);
    }

    /** A builder with the built-in modules (market API, live WebSocket, chart page, AI snapshot) already added. */
    public static Builder builder(CryptoGo cryptoGo) {
        return new Builder(cryptoGo);
    }

    /** The answer of {@code GET /health}. */
    public record Health(String status, String source, String reason, String version) {}

    Health health() {
        SourceInfo s = cryptoGo.market().source();
        return new Health("ok", s.kind().label(), s.reason(), Version.get());
    }

    /** Starts the server on the configured port (0 picks a free one). */
    public CryptoGoApp start() {
        javalin.start();
        if (generatedHere) {
            System.out.println();
            System.out.println("  CRYPTOGO_API_TOKEN was not set; generated for this run (shown once):");
            System.out.println(
                    "  " + registry.service(ApiToken.class).orElseThrow().value());
            System.out.println("  the app listens on 127.0.0.1 only; set CRYPTOGO_API_TOKEN to serve other hosts");
            System.out.println();
        }
        LOG.info(
                "CryptoGo app {} on {} with market data from {}",
                Version.get(),
                url(),
                cryptoGo.market().source());
        return this;
    }

    /** The port the server listens on (after {@link #start()}). */
    public int port() {
        return javalin.port();
    }

    /** {@code http://localhost:<port>} */
    public String url() {
        return "http://localhost:" + port();
    }

    public AppSettings settings() {
        return settings;
    }

    public CryptoGo cryptoGo() {
        return cryptoGo;
    }

    /** What the modules registered: pages and navigation (read-only after build). */
    public AppRegistry registry() {
        return registry;
    }

    /** Stops the server and closes what modules registered with {@link AppRegistry#closeOnStop}. */
    @Override
    public void close() {
        javalin.stop();
        List<AutoCloseable> resources = new ArrayList<>(registry.resources());
        java.util.Collections.reverse(resources);
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", r, e.toString());
            }
        }
    }

    /** Configures a {@link CryptoGoApp}; {@link #build()} declares every route. */
    public static final class Builder {
        private final CryptoGo cryptoGo;
        private AppSettings settings;
        private final List<AppModule> modules = new ArrayList<>();
        private boolean requestLog = true;

        private Builder(CryptoGo cryptoGo) {
            this.cryptoGo = Objects.requireNonNull(cryptoGo, "cryptoGo");
            this.settings = AppSettings.from(cryptoGo.config());
            modules.add(new MarketApiModule());
            modules.add(new LiveModule());
            modules.add(new ChartPageModule());
            modules.add(new SnapshotModule());
        }

        public Builder settings(AppSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** Adds a module after the built-in ones and those added before. */
        public Builder module(AppModule m) {
            modules.add(Objects.requireNonNull(m, "module"));
            return this;
        }

        /** Logs one line per HTTP request (on by default; {@code REQUEST_LOG=false} in the main turns it off). */
        public Builder requestLog(boolean on) {
            this.requestLog = on;
            return this;
        }

        public CryptoGoApp build() {
            return new CryptoGoApp(this);
        }
    }
}
