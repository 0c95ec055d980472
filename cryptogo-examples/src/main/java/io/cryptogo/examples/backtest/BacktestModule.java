package io.cryptogo.examples.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.CryptoGo;
import io.cryptogo.backtest.Backtest;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.Metrics;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategies;
import io.cryptogo.backtest.Sweep;
import io.cryptogo.backtest.Trade;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.Params;
import io.cryptogo.examples.app.jobs.Job;
import io.cryptogo.examples.app.jobs.JobContext;
import io.cryptogo.examples.app.jobs.JobKind;
import io.cryptogo.examples.app.jobs.JobQueue;
import io.cryptogo.examples.app.jobs.JobsModule;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backtests and sweeps as durable jobs ({@link JobQueue}: queued in the app's database, run by any instance,
 * retried when the instance running one dies). {@code POST /api/v1/backtests} (bearer token) queues one and
 * answers 202 with its id; {@code GET /api/v1/backtests/{id}} shows its status, progress and, when done, the
 * result (summary, metrics, trades, equity, candles); {@code DELETE /api/v1/backtests/{id}} (token) cancels it.
 * At most {@link #PER_CLIENT} backtests are unfinished per client address at a time (429 beyond). The same jobs
 * are kind {@code backtest} on {@code /api/v1/jobs}, beside kind {@code sweep} (a parameter grid). The page
 * {@code /backtest} (bundle {@code backtest}) drives this API.
 *
 * <p>Statuses here keep their first names: {@code running} (queued or running), {@code canceling}, {@code
 * done}, {@code canceled}, {@code failed}.
 */
public final class BacktestModule implements AppModule {
    /** Unfinished backtests allowed per client address. */
    public static final int PER_CLIENT = 2;

    private final Optional<CryptoGo> on;
    private CryptoGo cg;

    /** Jobs run on the app's {@code CryptoGo}. */
    public BacktestModule() {
        this.on = Optional.empty();
    }

    /** Jobs run on this {@code CryptoGo} (tests, or a separate data source). */
    public BacktestModule(CryptoGo cg) {
        this.on = Optional.of(cg);
    }

    @Override
    public void register(AppRegistry app) {
        ApiToken token = app.service(ApiToken.class).orElseGet(() -> ApiToken.fromConfig(app.config()));
        cg = on.orElse(app.cryptoGo());
        JobQueue queue = JobsModule.queue(app);
        queue.kind("backtest", new BacktestJob(), PER_CLIENT);
        queue.kind("sweep", new SweepJob(), PER_CLIENT);
        var r = app.routes();
        r.post("/api/v1/backtests", ctx -> {
            token.require(ctx);
            JsonNode body = Params.jsonObject(ctx);
            ctx.status(202).json(view(queue.submit("backtest", ctx.ip(), body)));
        });
        r.get(
                "/api/v1/backtests",
                ctx -> ctx.json(queue.list(Optional.of("backtest"), Optional.empty(), Optional.empty(), 100).stream()
                        .map(BacktestModule::view)
                        .toList()));
        r.get("/api/v1/backtests/{id}", ctx -> ctx.json(view(job(queue, ctx))));
        app.page("/backtest", "Backtest", "backtest");
        app.nav("/backtest", "Backtest", 50);
        r.delete("/api/v1/backtests/{id}", ctx -> {
            token.require(ctx);
            Job j = job(queue, ctx);
            ctx.json(view(queue.cancel(j.id()).orElseThrow()));
        });
    }

    private static Job job(JobQueue queue, Context ctx) {
        String raw = ctx.pathParam("id");
        Optional<Job> j = raw.matches("[0-9]{1,18}")
                ? queue.find(Long.parseLong(raw)).filter(x -> x.kind().equals("backtest"))
                : Optional.empty();
        return j.orElseThrow(() -> new NotFoundResponse("no backtest " + raw));
    }

    /** The backtest a job's parameters describe (not yet run: no candles loaded). */
    private Backtest backtest(JsonNode body) {
        return Backtest.on(cg)
                .strategy(Strategies.byName(text(body, "strategy", "ema-cross")))
                .symbol(text(body, "symbol", "BTC/USDT"))
                .interval(Interval.parse(text(body, "interval", "1h")))
                .from(text(body, "from", null))
                .to(text(body, "to", null))
                .fees(number(body, "fees", 0.001))
                .slippageBps((int) number(body, "slippageBps", 5))
                .initialCash(text(body, "cash", "10000 USDT"));
    }

    /** {@code backtest}: one run; result as {@code GET /api/v1/backtests/{id}} shows it. */
    private final class BacktestJob implements JobKind {
        @Override
        public void validate(JsonNode params) {
            backtest(params);
        }

        @Override
        public JsonNode run(JobContext job) {
            Backtest b = backtest(job.params());
            b.progress((done, total) -> job.progress(total == 0 ? 1 : done / (double) total));
            BacktestResult r = b.run();
            return Json.mapper().valueToTree(result(r, b.series()));
        }
    }

    /**
     * {@code sweep}: the backtest parameters plus {@code "grid": {"fast": [5, 8, 12], "slow": [21, 26]}} (the
     * strategy's parameters: ema-cross fast, slow; rsi-reversion period, low, high; bollinger-breakout period,
     * k), {@code "sortBy": "sharpe"} and {@code "top": 10}; result: the best grid points with their metrics.
     */
    private final class SweepJob implements JobKind {
        private static final Map<String, List<String>> GRID = Map.of(
                "ema-cross", List.of("fast", "slow"),
                "rsi-reversion", List.of("period", "low", "high"),
                "bollinger-breakout", List.of("period", "k"));

        private static final List<String> METRICS = List.of(
                "totalReturn",
                "cagr",
                "volatility",
                "sharpe",
                "sortino",
                "calmar",
                "sqn",
                "maxDrawdown",
                "winRate",
                "profitFactor",
                "expectancy",
                "trades",
                "exposure");

        private Sweep sweep(JsonNode p, Backtest base) {
            String strategy = text(p, "strategy", "ema-cross");
            List<String> names = GRID.get(strategy);
            if (names == null) {
                throw new InvalidRequestException(
                        "strategy",
                        "a sweep needs a strategy with parameters; accepted values: ema-cross, rsi-reversion,"
                                + " bollinger-breakout");
            }
            String sortBy = text(p, "sortBy", "sharpe");
            if (!METRICS.contains(sortBy)) {
                throw new InvalidRequestException(
                        "sortBy", "unknown metric '" + sortBy + "'; accepted values: " + String.join(", ", METRICS));
            }
            Sweep s = Sweep.over(base).sortBy(sortBy);
            JsonNode grid = p.path("grid");
            if (!grid.isObject() || grid.isEmpty()) {
                throw new InvalidRequestException(
                        "grid",
                        "params.grid is required, e.g. {\"" + names.get(0) + "\": [5, 8, 12]}; accepted names for "
                                + strategy + ": " + String.join(", ", names));
            }
            int points = 1;
            for (Map.Entry<String, JsonNode> e : grid.properties()) {
                if (!names.contains(e.getKey())) {
                    throw new InvalidRequestException(
                            "grid",
                            "unknown parameter '" + e.getKey() + "' for " + strategy + "; accepted names: "
                                    + String.join(", ", names));
                }
                JsonNode v = e.getValue();
                if (!v.isArray() || v.isEmpty() || v.size() > 50) {
                    throw new InvalidRequestException(
                            "grid", "grid." + e.getKey() + " must be an array of 1 to 50 numbers");
                }
                double[] values = new double[v.size()];
                for (int i = 0; i < values.length; i++) {
                    if (!v.get(i).isNumber()) {
                        throw new InvalidRequestException(
                                "grid", "grid." + e.getKey() + " must be an array of 1 to 50 numbers");
                    }
                    values[i] = v.get(i).asDouble();
                }
                points *= values.length;
                s.grid(e.getKey(), values);
            }
            if (points > 1000) {
                throw new InvalidRequestException("grid", "the grid has " + points + " points; at most 1000");
            }
            // a parameter left out of the grid keeps the built-in's default
            Map<String, Double> defaults = switch (strategy) {
                case "ema-cross" -> Map.of("fast", 12.0, "slow", 26.0);
                case "rsi-reversion" -> Map.of("period", 14.0, "low", 30.0, "high", 70.0);
                default -> Map.of("period", 20.0, "k", 2.0);
            };
            s.strategy(x -> {
                java.util.function.ToDoubleFunction<String> v =
                        n -> x.values().containsKey(n) ? x.d(n) : defaults.get(n);
                return switch (strategy) {
                    case "ema-cross" ->
                        Strategies.emaCross((int) v.applyAsDouble("fast"), (int) v.applyAsDouble("slow"));
                    case "rsi-reversion" ->
                        Strategies.rsiReversion(
                                (int) v.applyAsDouble("period"), v.applyAsDouble("low"), v.applyAsDouble("high"));
                    default -> Strategies.bollingerBreakout((int) v.applyAsDouble("period"), v.applyAsDouble("k"));
                };
            });
            return s;
        }

        private int top(JsonNode p) {
            JsonNode t = p.get("top");
            if (t == null) {
                return 10;
            }
            if (!t.isIntegralNumber() || t.asInt() < 1 || t.asInt() > 1000) {
                throw new InvalidRequestException("top", "params.top must be a whole number; accepted range: 1..1000");
            }
            return t.asInt();
        }

        @Override
        public void validate(JsonNode params) {
            sweep(params, backtest(params));
            top(params);
        }

        @Override
        public JsonNode run(JobContext job) {
            Backtest base = backtest(job.params());
            Sweep s = sweep(job.params(), base);
            int points = s.points().size();
            // each grid point runs on one pool thread at a time: count the bars every thread got through
            java.util.concurrent.atomic.AtomicLong bars = new java.util.concurrent.atomic.AtomicLong();
            ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[1]);
            base.progress((done, total) -> {
                long[] l = last.get();
                long delta = done >= l[0] ? done - l[0] : done;
                l[0] = done;
                long all = bars.addAndGet(delta);
                job.progress(total == 0 ? 0 : Math.min(1, all / ((double) total * points)));
            });
            List<Sweep.Entry> entries = s.run();
            int top = top(job.params());
            List<Map<String, Object>> best = new ArrayList<>();
            for (Sweep.Entry e : entries.subList(0, Math.min(top, entries.size()))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("params", e.params().values());
                m.put("metrics", metrics(e.result().metrics()));
                best.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("strategy", text(job.params(), "strategy", "ema-cross"));
            out.put("sortBy", text(job.params(), "sortBy", "sharpe"));
            out.put("points", points);
            out.put("best", best);
            return Json.mapper().valueToTree(out);
        }
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                throw new InvalidRequestException(field, field + " is required, e.g. \"2025-01-01\"");
            }
            return fallback;
        }
        return n.asText();
    }

    private static double number(JsonNode body, String field, double fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new InvalidRequestException(field, field + " must be a number, e.g. " + fallback);
        }
        return n.asDouble();
    }

    /** The run's candles as [openTime, open, high, low, close], merged by groups of bars beyond 2000 bars. */
    private static List<double[]> candles(PriceSeries s) {
        List<double[]> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        int step = Math.max(1, (s.size() + 1999) / 2000);
        for (int i = 0; i < s.size(); i += step) {
            Candle first = s.candle(i);
            double high = first.high().doubleValue();
            double low = first.low().doubleValue();
            Candle last = first;
            for (int k = i + 1; k < Math.min(s.size(), i + step); k++) {
                last = s.candle(k);
                high = Math.max(high, last.high().doubleValue());
                low = Math.min(low, last.low().doubleValue());
            }
            out.add(new double[] {
                first.openTime().toEpochMilli(),
                first.open().doubleValue(),
                high,
                low,
                last.close().doubleValue()
            });
        }
        return out;
    }

    /** A backtest job in the shape this API has always had. */
    static Map<String, Object> view(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(j.id()));
        m.put("status", status(j));
        m.put("progress", j.progress());
        if (j.status() == Job.Status.FAILED || j.status() == Job.Status.RUNNING) {
            j.error().ifPresent(e -> m.put("error", e));
        }
        j.result().ifPresent(r -> m.put("result", r));
        return m;
    }

    private static String status(Job j) {
        return switch (j.status()) {
            case QUEUED, RUNNING -> j.cancelRequested() ? "canceling" : "running";
            case SUCCEEDED -> "done";
            case FAILED -> "failed";
            case CANCELLED -> "canceled";
        };
    }

    private static Map<String, Object> metrics(Metrics x) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String k : List.of(
                "totalReturn",
                "cagr",
                "volatility",
                "sharpe",
                "sortino",
                "calmar",
                "sqn",
                "maxDrawdown",
                "winRate",
                "profitFactor",
                "expectancy",
                "trades",
                "exposure")) {
            double v = x.get(k);
            metrics.put(k, Double.isFinite(v) ? v : null);
        }
        metrics.put("feesPaid", x.feesPaid());
        metrics.put("benchmarkReturn", x.benchmarkReturn());
        return metrics;
    }

    /** A finished run as the API shows it: summary, metrics, trades, equity and candles (at most 2000 each). */
    private static Map<String, Object> result(BacktestResult r, PriceSeries series) {
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("strategy", r.strategy());
        res.put("symbol", r.symbol().toString());
        res.put("interval", r.interval().code());
        res.put("summary", r.summary().text());
        res.put("metrics", metrics(r.metrics()));
        res.put("rejections", r.rejections());
        List<Map<String, Object>> trades = new ArrayList<>();
        for (Trade t : r.trades()) {
            trades.add(Map.of(
                    "entryTime", t.entryTime().toEpochMilli(),
                    "exitTime", t.exitTime().toEpochMilli(),
                    "entryPrice", t.entryPrice(),
                    "exitPrice", t.exitPrice(),
                    "quantity", t.quantity(),
                    "pnl", t.pnl(),
                    "exit", t.exit()));
        }
        res.put("trades", trades);
        var eq = r.equity();
        int step = Math.max(1, eq.size() / 2000);
        List<double[]> curve = new ArrayList<>();
        for (int i = 0; i < eq.size(); i += step) {
            curve.add(new double[] {eq.get(i).time().toEpochMilli(), eq.get(i).equity()});
        }
        res.put("equity", curve);
        res.put("candles", candles(series));
        return res;
    }
}
