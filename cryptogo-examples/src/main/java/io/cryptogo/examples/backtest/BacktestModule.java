package io.cryptogo.examples.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.CryptoGo;
import io.cryptogo.backtest.Backtest;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.Metrics;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategies;
import io.cryptogo.backtest.Trade;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backtest jobs over REST. {@code POST /api/v1/backtests} (bearer token) starts one and answers 202 with its
 * id; {@code GET /api/v1/backtests/{id}} shows its status, progress and, when done, the result (summary,
 * metrics, trades, equity, candles); {@code DELETE /api/v1/backtests/{id}} (token) cancels it. At most {@link
 * #PER_CLIENT} jobs run per client address at a time (429 beyond). The page {@code /backtest} (bundle {@code
 * backtest}) drives the same API.
 */
public final class BacktestModule implements AppModule {
    /** Running jobs allowed per client address. */
    public static final int PER_CLIENT = 2;

    private final Optional<CryptoGo> on;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private ApiToken token;
    private CryptoGo cg;
    private ExecutorService pool;

    /** Jobs run on the app's {@code CryptoGo}. */
    public BacktestModule() {
        this.on = Optional.empty();
    }

    /** Jobs run on this {@code CryptoGo} (tests, or a separate data source). */
    public BacktestModule(CryptoGo cg) {
        this.on = Optional.of(cg);
    }

    /** One job's state. */
    static final class Job {
        final String id;
        final String client;
        volatile String status = "running";
        volatile double progress;
        volatile boolean cancel;
        volatile String error;
        volatile BacktestResult result;
        volatile PriceSeries series;

        Job(String id, String client) {
            this.id = id;
            this.client = client;
        }
    }

    @Override
    public void register(AppRegistry app) {
        token = app.service(ApiToken.class).orElseGet(() -> ApiToken.fromConfig(app.config()));
        cg = on.orElse(app.cryptoGo());
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "cryptogo-backtest");
            t.setDaemon(true);
            return t;
        });
        app.closeOnStop(pool::shutdownNow);
        var r = app.routes();
        r.post("/api/v1/backtests", this::start);
        r.get("/api/v1/backtests", ctx -> {
            List<Map<String, Object>> out = new ArrayList<>();
            jobs.values().stream()
                    .sorted((a, b) -> Long.compare(Long.parseLong(b.id), Long.parseLong(a.id)))
                    .forEach(j -> out.add(view(j, false)));
            ctx.json(out);
        });
        r.get("/api/v1/backtests/{id}", ctx -> ctx.json(view(job(ctx), true)));
        app.page("/backtest", "Backtest", "backtest");
        app.nav("/backtest", "Backtest", 50);
        r.delete("/api/v1/backtests/{id}", ctx -> {
            token.require(ctx);
            Job j = job(ctx);
            j.cancel = true;
            ctx.json(view(j, false));
        });
    }

    private Job job(Context ctx) {
        Job j = jobs.get(ctx.pathParam("id"));
        if (j == null) {
            throw new NotFoundResponse("no backtest " + ctx.pathParam("id"));
        }
        return j;
    }

    private void start(Context ctx) throws Exception {
        token.require(ctx);
        JsonNode body =
                io.cryptogo.examples.app.Json.mapper().readTree(ctx.body().isBlank() ? "{}" : ctx.body());
        String client = ctx.ip();
        long running = jobs.values().stream()
                .filter(j -> j.client.equals(client) && j.status.equals("running"))
                .count();
        if (running >= PER_CLIENT) {
            ctx.status(429)
                    .json(Map.of(
                            "error",
                            "too many backtests",
                            "detail",
                            running + " of your backtests are running; at most " + PER_CLIENT
                                    + " at a time: wait or DELETE one"));
            return;
        }
        Backtest b;
        try {
            b = Backtest.on(cg)
                    .strategy(Strategies.byName(text(body, "strategy", "ema-cross")))
                    .symbol(text(body, "symbol", "BTC/USDT"))
                    .interval(Interval.parse(text(body, "interval", "1h")))
                    .from(text(body, "from", null))
                    .to(text(body, "to", null))
                    .fees(body.path("fees").asDouble(0.001))
                    .slippageBps(body.path("slippageBps").asInt(5))
                    .initialCash(text(body, "cash", "10000 USDT"));
        } catch (InvalidRequestException e) {
            ctx.status(400).json(Map.of("error", "invalid backtest", "detail", e.getMessage()));
            return;
        }
        Job j = new Job(String.valueOf(ids.incrementAndGet()), client);
        jobs.put(j.id, j);
        b.progress((done, total) -> {
            if (j.cancel) {
                throw new CancellationException("canceled");
            }
            j.progress = total == 0 ? 1 : done / (double) total;
        });
        pool.submit(() -> {
            try {
                j.result = b.run();
                j.series = b.series();
                j.progress = 1;
                j.status = "done";
            } catch (CancellationException e) {
                j.status = "canceled";
            } catch (CryptoGoException | IllegalArgumentException e) {
                j.error = e.getMessage();
                j.status = "failed";
            } catch (RuntimeException e) {
                j.error = e.toString();
                j.status = "failed";
            }
        });
        ctx.status(202).json(view(j, false));
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

    private static Map<String, Object> view(Job j, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id);
        m.put("status", j.cancel && j.status.equals("running") ? "canceling" : j.status);
        m.put("progress", j.progress);
        if (j.error != null) {
            m.put("error", j.error);
        }
        BacktestResult r = j.result;
        if (full && r != null) {
            Metrics x = r.metrics();
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
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("strategy", r.strategy());
            res.put("symbol", r.symbol().toString());
            res.put("interval", r.interval().code());
            res.put("summary", r.summary().text());
            res.put("metrics", metrics);
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
                curve.add(
                        new double[] {eq.get(i).time().toEpochMilli(), eq.get(i).equity()});
            }
            res.put("equity", curve);
            res.put("candles", candles(j.series));
            m.put("result", res);
        }
        return m;
    }
}
