package io.cryptogo.examples.app.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptogo.collect.Collector;
import io.cryptogo.collect.CollectorSettings;
import io.cryptogo.collect.Series;
import io.cryptogo.collect.StoreBackedMarketData;
import io.cryptogo.config.Config;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.ApiError;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.Params;
import io.cryptogo.examples.app.guard.SecretMasker;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.Gap;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs over REST, on the app's {@link JobQueue}: {@code POST /api/v1/jobs} (bearer token) with {@code {"kind":
 * "backfill", "params": {...}}} answers 202 with the queued job; {@code GET /api/v1/jobs?kind=&status=&limit=}
 * lists them newest first; {@code GET /api/v1/jobs/{id}} shows one with its result; {@code DELETE
 * /api/v1/jobs/{id}} (token) cancels it. This module adds the {@code backfill} kind, and {@code analysis} with
 * the AI module present; {@link io.cryptogo.examples.backtest.BacktestModule} adds {@code backtest} and {@code
 * sweep}.
 *
 * <pre>{@code
 * CryptoGoApp.builder(cg).module(new BacktestModule()).module(new AiModule()).module(new JobsModule()).build().start();
 * }</pre>
 */
public final class JobsModule implements AppModule {
    /** Most jobs one list answers. */
    public static final int MAX_LIST = 500;

    private final Optional<JobQueue> given;

    /** Jobs on the app's database, configured by {@code JOBS_*} settings. */
    public JobsModule() {
        this.given = Optional.empty();
    }

    /** Jobs on {@code queue} (tests, or an embedding host that runs its own queue). */
    public JobsModule(JobQueue queue) {
        this.given = Optional.of(queue);
    }

    /**
     * The app's job queue: the one a module published already, or a new one on the app's database (settings
     * {@code JOBS_*}, name {@code INSTANCE_ID}) that starts with the server and stops with the app. Call it from
     * {@link AppModule#register} and add your kinds there.
     */
    public static JobQueue queue(AppRegistry app) {
        Optional<JobQueue> existing = app.service(JobQueue.class);
        if (existing.isPresent()) {
            return existing.get();
        }
        Config config = app.config();
        SecretMasker masker = app.service(SecretMasker.class).orElseGet(() -> SecretMasker.from(config));
        JobQueue q = new JobQueue(
                app.cryptoGo().database(),
                JobSettings.fromConfig(config),
                config.string("INSTANCE_ID", defaultInstance()),
                masker::mask,
                Clock.systemUTC());
        publish(app, q, true);
        return q;
    }

    /**
     * Offers a job kind from another module (the AI module's {@code analysis}, say): registered on the app's queue
     * when there is one, now or as soon as it is created, and never when no module asks for a queue. Lets a module
     * add a kind without the job layer depending on it.
     */
    public static void offer(AppRegistry app, String name, JobKind kind) {
        Optional<JobQueue> q = app.service(JobQueue.class);
        if (q.isPresent()) {
            if (!q.get().kinds().contains(name)) {
                q.get().kind(name, kind);
            }
            return;
        }
        Offered offered = app.service(Offered.class).orElseGet(() -> {
            Offered o = new Offered();
            app.service(Offered.class, o);
            return o;
        });
        offered.kinds.putIfAbsent(name, kind);
    }

    /** Kinds offered before the queue existed. */
    static final class Offered {
        final java.util.Map<String, JobKind> kinds = new java.util.LinkedHashMap<>();
    }

    private static void publish(AppRegistry app, JobQueue q, boolean owned) {
        app.service(JobQueue.class, q);
        app.service(Offered.class)
                .ifPresent(o -> o.kinds.forEach((name, kind) -> {
                    if (!q.kinds().contains(name)) {
                        q.kind(name, kind);
                    }
                }));
        app.javalin().events.serverStarted(q::start);
        if (owned) {
            app.closeOnStop(q);
        }
        app.routes()
                .exception(
                        TooManyJobsException.class,
                        (e, ctx) -> ctx.status(429).json(ApiError.of("too_many_jobs", e.getMessage())));
    }

    /** {@code pid@host}, as {@code INSTANCE_ID} defaults elsewhere. */
    static String defaultInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return ManagementFactory.getRuntimeMXBean().getPid() + "@" + host;
    }

    @Override
    public void register(AppRegistry app) {
        JobQueue q;
        if (given.isPresent() && app.service(JobQueue.class).isEmpty()) {
            q = given.get();
            publish(app, q, false);
        } else {
            q = queue(app);
        }
        ApiToken token = app.service(ApiToken.class).orElseGet(() -> ApiToken.fromConfig(app.config()));
        MarketDataSource market = exchange(app.market());
        if (!q.kinds().contains("backfill")) {
            q.kind("backfill", new BackfillJob(market, app.cryptoGo().database()));
        }
        var r = app.routes();
        r.post("/api/v1/jobs", ctx -> {
            token.require(ctx);
            JsonNode body = Params.jsonObject(ctx);
            JsonNode kind = body.get("kind");
            if (kind == null || !kind.isTextual()) {
                throw new InvalidRequestException(
                        "kind", "kind is required; accepted values: " + String.join(", ", q.kinds()));
            }
            JsonNode params = body.path("params");
            if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
                throw new InvalidRequestException("params", "params must be a JSON object");
            }
            Job j = q.submit(kind.asText(), ctx.ip(), params.isMissingNode() ? null : params);
            ctx.status(202).json(view(j));
        });
        r.get("/api/v1/jobs", ctx -> {
            Optional<String> kind = Params.query(ctx, "kind");
            if (kind.isPresent() && !q.kinds().contains(kind.get())) {
                throw new InvalidRequestException(
                        "kind",
                        "unknown job kind '" + kind.get() + "'; accepted values: " + String.join(", ", q.kinds()));
            }
            Optional<Job.Status> status = Optional.empty();
            Optional<String> s = Params.query(ctx, "status");
            if (s.isPresent()) {
                status = Optional.of(Job.Status.parse(s.get())
                        .orElseThrow(() -> new InvalidRequestException(
                                "status",
                                "unknown status '" + s.get() + "'; accepted values: "
                                        + String.join(", ", statusNames()))));
            }
            int limit = Params.intInRange(ctx, "limit", 100, 1, MAX_LIST);
            ctx.json(q.list(kind, status, Optional.empty(), limit).stream()
                    .map(JobsModule::view)
                    .toList());
        });
        r.get("/api/v1/jobs/{id}", ctx -> ctx.json(view(find(q, ctx))));
        r.delete("/api/v1/jobs/{id}", ctx -> {
            token.require(ctx);
            long id = Params.pathId(ctx, "id");
            ctx.json(view(q.cancel(id).orElseThrow(() -> new NotFoundResponse("no job " + id))));
        });
    }

    private static Job find(JobQueue q, Context ctx) {
        long id = Params.pathId(ctx, "id");
        return q.find(id).orElseThrow(() -> new NotFoundResponse("no job " + id));
    }

    private static List<String> statusNames() {
        return java.util.Arrays.stream(Job.Status.values()).map(Enum::name).toList();
    }

    /** A job as the REST API shows it (its result when present); times in epoch milliseconds. */
    public static Map<String, Object> view(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(j.id()));
        m.put("kind", j.kind());
        m.put("status", j.status().name());
        m.put("progress", j.progress());
        m.put("cancelRequested", j.cancelRequested());
        m.put("attempts", j.attempts());
        j.instance().ifPresent(i -> m.put("instance", i));
        j.error().ifPresent(e -> m.put("error", e));
        m.put("params", j.params());
        m.put("createdAt", j.times().created().toEpochMilli());
        j.times().started().ifPresent(t -> m.put("startedAt", t.toEpochMilli()));
        j.times().finished().ifPresent(t -> m.put("finishedAt", t.toEpochMilli()));
        m.put("updatedAt", j.times().updated().toEpochMilli());
        j.result().ifPresent(r -> m.put("result", r));
        return m;
    }

    /** The exchange behind the app's store-backed market: a backfill fetches from it, never from the store. */
    private static MarketDataSource exchange(MarketDataSource m) {
        m = m instanceof StoreBackedMarketData s ? s.exchange() : m;
        return m instanceof io.cryptogo.examples.app.cluster.RedisSharedMarket r ? r.exchange() : m;
    }

    /**
     * {@code backfill}: {@code {"symbol": "BTC/USDT", "interval": "1h", "days": 30}} loads the last {@code days}
     * of closed candles into the database (idempotent: stored candles are upserted, a retry refetches only the
     * gaps). Result: bars fetched and stored, and the gaps the exchange has no data for.
     */
    static final class BackfillJob implements JobKind {
        private final MarketDataSource market;
        private final io.cryptogo.store.jdbc.Database db;

        BackfillJob(MarketDataSource market, io.cryptogo.store.jdbc.Database db) {
            this.market = market;
            this.db = db;
        }

        @Override
        public void validate(JsonNode p) {
            Symbol.parse(p.path("symbol").asText("BTC/USDT"));
            interval(p);
            days(p);
        }

        private static Interval interval(JsonNode p) {
            JsonNode v = p.get("interval");
            if (v == null || !v.isTextual()) {
                throw new InvalidRequestException(
                        "interval", "params.interval is required; accepted values: " + Interval.acceptedValues());
            }
            return Interval.parse(v.asText());
        }

        private static int days(JsonNode p) {
            JsonNode v = p.get("days");
            int max = io.cryptogo.collect.Backfill.MAX_DAYS;
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > max) {
                throw new InvalidRequestException(
                        "days", "params.days must be a whole number of days; accepted range: 1.." + max);
            }
            return v.asInt();
        }

        @Override
        public JsonNode run(JobContext job) {
            JsonNode p = job.params();
            Symbol symbol = Symbol.parse(p.path("symbol").asText("BTC/USDT"));
            Interval iv = interval(p);
            int days = days(p);
            Series series = new Series(symbol, iv);
            JdbcCandleStore store = new JdbcCandleStore(db, market.source().kind());
            long now = System.currentTimeMillis();
            Instant from = Instant.ofEpochMilli(
                    iv.alignMillis(now - Duration.ofDays(days).toMillis()));
            Instant to = Instant.ofEpochMilli(iv.alignMillis(now) - iv.millis());
            Collector collector = Collector.builder(market, store)
                    .settings(CollectorSettings.builder().series(series).stream(false)
                            .build())
                    .build();
            try {
                long fetched = collector.backfill(series, from, to, pr -> job.progress(pr.fraction()));
                job.checkCancelled();
                if (!collector.writer().flush(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("the database did not take the candles within 10 minutes");
                }
                List<Gap> gaps = store.gaps(symbol, iv, from, to);
                ObjectNode out = Json.mapper().createObjectNode();
                out.put("symbol", symbol.toString());
                out.put("interval", iv.code());
                out.put("from", from.toEpochMilli());
                out.put("to", to.toEpochMilli());
                out.put("fetched", fetched);
                out.put("stored", store.count(symbol, iv, from, to));
                out.put("missing", gaps.stream().mapToLong(g -> g.bars(iv)).sum());
                out.put("gaps", gaps.size());
                out.put("source", market.source().kind().label());
                return out;
            } finally {
                collector.close();
            }
        }
    }
}
