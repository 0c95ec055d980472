package io.cryptogo.examples.app.ops;

import io.cryptogo.collect.Collector;
import io.cryptogo.collect.Series;
import io.cryptogo.collect.StoreBackedMarketData;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.live.LiveHub;
import io.cryptogo.examples.app.ops.jdbc.JdbcMetrics;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.model.Candle;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.cryptogo.trading.Trader;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in the Prometheus text format (Micrometer's Prometheus registry). Register it last, so
 * it finds the services the other modules published:
 *
 * <ul>
 *   <li>{@code http_server_requests_seconds} per method, route template and status (timed by a before and
 *       an after handler, as Javalin 7 has no Micrometer plugin);
 *   <li>{@code cryptogo_ws_clients}, {@code cryptogo_ws_messages_total}, {@code cryptogo_stream_*} (the
 *       upstream streams' update age and closed-candle delay), from the {@link LiveHub};
 *   <li>{@code cryptogo_binance_weight_used} / {@code cryptogo_binance_weight_budget} on Binance;
 *   <li>{@code cryptogo_collector_*} per series (bars behind, lag, whether this instance owns it);
 *   <li>{@code cryptogo_decisions_total} by source, generator and outcome, {@code cryptogo_llm_tokens_total}
 *       and {@code cryptogo_llm_cost_usd_total} (from the decision journal: the same on every instance);
 *   <li>{@code cryptogo_orders} by status (from the order table), {@code cryptogo_risk_rejections_total} by
 *       rule (this instance), {@code cryptogo_trading_pnl_today} and {@code cryptogo_risk_daily_loss_stop};
 *   <li>{@code cryptogo_jobs} by kind and status (the job queue's depth: QUEUED, RUNNING, and the finished
 *       ones; from the jobs table, so the same on every instance);
 *   <li>JVM, process and HikariCP pool metrics.
 * </ul>
 *
 * When the app listens beyond the loopback interface, {@code /metrics} needs {@code Authorization: Bearer
 * <CRYPTOGO_API_TOKEN>} (configure Prometheus' {@code authorization.credentials}).
 *
 * <pre>{@code
 * CryptoGoApp.builder(cg).module(new TradingModule()).module(new MetricsModule()).build().start();
 * }</pre>
 */
public final class MetricsModule implements AppModule {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsModule.class);
    private static final String STARTED = MetricsModule.class.getName() + ".started";
    /** How long database-derived figures are reused between scrapes. */
    static final Duration DB_REFRESH = Duration.ofSeconds(10);

    private final PrometheusMeterRegistry registry;
    private final List<Runnable> refreshers = new ArrayList<>();
    private final Clock clock;
    private final Duration dbRefresh;

    public MetricsModule() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), DB_REFRESH);
    }

    MetricsModule(PrometheusMeterRegistry registry, Clock clock, Duration dbRefresh) {
        this.registry = registry;
        this.clock = clock;
        this.dbRefresh = dbRefresh;
    }

    /** The registry, for modules that add their own meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void register(AppRegistry app) {
        app.service(PrometheusMeterRegistry.class, registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        app.closeOnStop(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        timeRequests(app);
        app.service(LiveHub.class).ifPresent(this::live);
        binanceWeight(app.market());
        Database db = app.cryptoGo().database();
        JdbcMetrics.pool(registry, db);
        app.service(Collector.class)
                .ifPresent(c -> collector(c, db, app.market().source().kind()));
        journal(db);
        app.service(Trader.class).ifPresent(this::trading);
        app.service(io.cryptogo.examples.app.jobs.JobQueue.class).ifPresent(this::jobs);

        var javalin = app.javalin();
        Supplier<Optional<ApiToken>> token = () -> {
            String host = javalin.jetty.host;
            if (host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1"))) {
                return Optional.empty(); // loopback only: whoever reaches it is on this machine
            }
            return Optional.of(app.service(ApiToken.class).orElseGet(() -> ApiToken.fromConfig(app.config())));
        };
        app.routes().get("/metrics", ctx -> {
            token.get().ifPresent(t -> t.require(ctx));
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
            ctx.result(scrape());
        });
    }

    /** Refreshes the figures read on demand and renders the registry in the Prometheus text format. */
    public String scrape() {
        for (Runnable r : refreshers) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.debug("a metrics refresh failed: {}", e.toString());
            }
        }
        return registry.scrape();
    }

    private void timeRequests(AppRegistry app) {
        Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
        app.routes().before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.routes().after(ctx -> {
            Long started = ctx.attribute(STARTED);
            if (started == null) {
                return;
            }
            String route = route(ctx);
            String method = ctx.method().name();
            String status = Integer.toString(ctx.statusCode());
            Timer t = timers.computeIfAbsent(
                    List.of(method, route, status),
                    k -> Timer.builder("http.server.requests")
                            .description("HTTP requests by method, route template and status")
                            .tags("method", method, "route", route, "status", status)
                            .serviceLevelObjectives(
                                    ms(1), ms(2), ms(5), ms(10), ms(20), ms(50), ms(100), ms(200), ms(500), ms(1000),
                                    ms(2000), ms(5000))
                            .register(registry));
            t.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        });
    }

    private static Duration ms(long v) {
        return Duration.ofMillis(v);
    }

    /** The matched route template ({@code /api/v1/market/ticker/{symbol}}), never the raw path. */
    static String route(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            if (e != null) {
                return e.path;
            }
        } catch (RuntimeException ignored) {
            // no endpoint matched
        }
        return ctx.path().startsWith("/assets/") ? "/assets/*" : "UNMATCHED";
    }

    private void live(LiveHub hub) {
        Gauge.builder("cryptogo.ws.clients", hub, LiveHub::clientCount)
                .description("connected WebSocket clients")
                .register(registry);
        Gauge.builder("cryptogo.ws.upstreams", hub, LiveHub::upstreamCount)
                .description("open upstream streams on this instance")
                .register(registry);
        FunctionCounter.builder("cryptogo.ws.messages", hub, LiveHub::messagesOut)
                .description("messages queued to WebSocket clients")
                .register(registry);
        FunctionCounter.builder("cryptogo.ws.updates.coalesced", hub, LiveHub::updatesCoalesced)
                .description("open-candle updates replaced by a newer one before the fan-out sent them")
                .register(registry);
        MultiGauge age = MultiGauge.builder("cryptogo.stream.update.age")
                .description("seconds since the stream's last candle update")
                .baseUnit("seconds")
                .register(registry);
        MultiGauge delay = MultiGauge.builder("cryptogo.stream.close.delay")
                .description("how late the stream's last closed candle arrived after its close time")
                .baseUnit("seconds")
                .register(registry);
        refreshers.add(() -> {
            long now = clock.millis();
            List<MultiGauge.Row<?>> a = new ArrayList<>();
            List<MultiGauge.Row<?>> d = new ArrayList<>();
            for (LiveHub.StreamStats s : hub.streams()) {
                Tags tags = Tags.of(
                        "symbol",
                        s.key().symbol().toString(),
                        "interval",
                        s.key().interval().code());
                if (s.lastUpdateMillis() > 0) {
                    a.add(MultiGauge.Row.of(tags, (now - s.lastUpdateMillis()) / 1000.0));
                }
                if (s.lastCloseDelayMillis() >= 0) {
                    d.add(MultiGauge.Row.of(tags, s.lastCloseDelayMillis() / 1000.0));
                }
            }
            age.register(a, true);
            delay.register(d, true);
        });
    }

    private void binanceWeight(MarketDataSource market) {
        MarketDataSource m = market instanceof StoreBackedMarketData s ? s.exchange() : market;
        m = m instanceof io.cryptogo.examples.app.cluster.RedisSharedMarket r ? r.exchange() : m;
        if (m instanceof BinanceMarketData b) {
            Gauge.builder("cryptogo.binance.weight.used", b, BinanceMarketData::usedWeight)
                    .description("Binance request weight used in the current minute")
                    .register(registry);
            Gauge.builder("cryptogo.binance.weight.budget", b, BinanceMarketData::weightBudget)
                    .description("Binance request weight this instance allows itself per minute")
                    .register(registry);
        }
    }

    private void collector(Collector c, Database db, io.cryptogo.market.SourceInfo.Kind source) {
        JdbcCandleStore store = new JdbcCandleStore(db, source);
        MultiGauge behind = MultiGauge.builder("cryptogo.collector.behind.bars")
                .description("closed candles missing at the tip of the series (0 = up to date)")
                .register(registry);
        MultiGauge lag = MultiGauge.builder("cryptogo.collector.lag")
                .description("seconds between now and the close of the newest stored closed candle")
                .baseUnit("seconds")
                .register(registry);
        MultiGauge owned = MultiGauge.builder("cryptogo.collector.owned")
                .description("1 when this instance collects the series")
                .register(registry);
        refreshers.add(throttled(() -> {
            long now = clock.millis();
            List<MultiGauge.Row<?>> b = new ArrayList<>();
            List<MultiGauge.Row<?>> l = new ArrayList<>();
            List<MultiGauge.Row<?>> o = new ArrayList<>();
            for (Series s : c.settings().series()) {
                Tags tags = Tags.of(
                        "symbol",
                        s.symbol().toString(),
                        "interval",
                        s.interval().code());
                o.add(MultiGauge.Row.of(tags, c.owns(s) ? 1 : 0));
                Optional<Candle> last = store.latestClosed(s.symbol(), s.interval());
                long step = s.interval().millis();
                long lastClosedBucket = s.interval().alignMillis(now) - step;
                double missing = last.map(x -> (double)
                                Math.max(0, (lastClosedBucket - x.openTime().toEpochMilli()) / step))
                        .orElse(Double.NaN);
                b.add(MultiGauge.Row.of(tags, missing));
                last.ifPresent(
                        x -> l.add(MultiGauge.Row.of(tags, (now - x.closeTime().toEpochMilli()) / 1000.0)));
            }
            behind.register(b, true);
            lag.register(l, true);
            owned.register(o, true);
        }));
    }

    private void journal(Database db) {
        Map<List<String>, double[]> decisions = new ConcurrentHashMap<>();
        refreshers.add(throttled(() -> {
            for (Map.Entry<List<String>, double[]> e : JdbcMetrics.decisions(db).entrySet()) {
                boolean added = decisions.put(e.getKey(), e.getValue()) == null;
                if (added) {
                    registerDecision(decisions, e.getKey());
                }
            }
        }));
        MultiGauge orders = MultiGauge.builder("cryptogo.orders")
                .description("orders in the order table by status")
                .register(registry);
        refreshers.add(throttled(() -> {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            JdbcMetrics.ordersByStatus(db)
                    .forEach((status, count) -> rows.add(MultiGauge.Row.of(Tags.of("status", status), count)));
            orders.register(rows, true);
        }));
    }

    private void registerDecision(Map<List<String>, double[]> values, List<String> key) {
        Tags tags = Tags.of("source", key.get(0), "generator", key.get(1), "outcome", key.get(2));
        FunctionCounter.builder("cryptogo.decisions", values, m -> m.getOrDefault(key, new double[4])[0])
                .description("AI decisions in the journal by source, generator and outcome")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("cryptogo.llm.tokens", values, m -> m.getOrDefault(key, new double[4])[1])
                .description("LLM tokens used, by direction")
                .tags(tags.and("direction", "in"))
                .register(registry);
        FunctionCounter.builder("cryptogo.llm.tokens", values, m -> m.getOrDefault(key, new double[4])[2])
                .tags(tags.and("direction", "out"))
                .register(registry);
        FunctionCounter.builder("cryptogo.llm.cost.usd", values, m -> m.getOrDefault(key, new double[4])[3])
                .description("estimated LLM cost in USD")
                .tags(tags)
                .register(registry);
    }

    private void trading(Trader trader) {
        Map<String, Long> seen = new ConcurrentHashMap<>();
        refreshers.add(() -> {
            for (String rule : trader.risk().rejections().keySet()) {
                if (seen.putIfAbsent(rule, 0L) == null) {
                    FunctionCounter.builder(
                                    "cryptogo.risk.rejections",
                                    trader,
                                    t -> t.risk().rejections().getOrDefault(rule, 0L))
                            .description("orders the risk manager rejected, by rule (this instance)")
                            .tags("rule", rule)
                            .register(registry);
                }
            }
        });
        Gauge.builder("cryptogo.trading.pnl.today", trader, t -> t.pnlToday().doubleValue())
                .description("realised profit and loss of the UTC day, in the valuation currency")
                .register(registry);
        Gauge.builder(
                        "cryptogo.risk.max.daily.loss",
                        trader,
                        t -> t.risk().limits().maxDailyLoss().doubleValue())
                .description("MAX_DAILY_LOSS")
                .register(registry);
        Gauge.builder(
                        "cryptogo.risk.daily.loss.stop",
                        trader,
                        t -> t.pnlToday().negate().compareTo(t.risk().limits().maxDailyLoss()) >= 0 ? 1 : 0)
                .description("1 when the daily loss limit stops new buys")
                .register(registry);
    }

    private void jobs(io.cryptogo.examples.app.jobs.JobQueue queue) {
        MultiGauge jobs = MultiGauge.builder("cryptogo.jobs")
                .description("jobs in the queue's table by kind and status (QUEUED + RUNNING = the queue's depth)")
                .register(registry);
        refreshers.add(throttled(() -> {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            queue.counts()
                    .forEach((k, n) -> rows.add(MultiGauge.Row.of(Tags.of("kind", k.get(0), "status", k.get(1)), n)));
            jobs.register(rows, true);
        }));
    }

    /** Runs {@code r} at most once per database refresh period. */
    private Runnable throttled(Runnable r) {
        long[] last = {Long.MIN_VALUE};
        return () -> {
            long now = System.nanoTime();
            synchronized (last) {
                if (last[0] != Long.MIN_VALUE && now - last[0] < dbRefresh.toNanos()) {
                    return;
                }
                last[0] = now;
            }
            r.run();
        };
    }
}
