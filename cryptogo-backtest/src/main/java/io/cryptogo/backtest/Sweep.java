package io.cryptogo.backtest;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A parameter sweep: one backtest per point of a grid, on all cores, the results sorted by a metric. Results
 * are the same whatever the number of threads (each run is independent; ties keep grid order).
 *
 * <pre>{@code
 * List<Sweep.Entry> best = Sweep.over(Backtest.on(cg).symbol("BTC/USDT").from("2025-01-01").to("2025-06-30"))
 *         .grid("fast", 5, 8, 12).grid("slow", 21, 26, 50)
 *         .strategy(p -> Strategies.emaCross(p.i("fast"), p.i("slow")))
 *         .sortBy("sharpe")
 *         .run();
 * }</pre>
 */
public final class Sweep {
    /** One grid point's values by parameter name. */
    public record Params(Map<String, Double> values) {
        public Params {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public double d(String name) {
            Double v = values.get(name);
            if (v == null) {
                throw new InvalidRequestException("param", "no parameter '" + name + "'; have " + values.keySet());
            }
            return v;
        }

        public int i(String name) {
            return (int) Math.round(d(name));
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            values.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ")
                    .append(k)
                    .append('=')
                    .append(v == Math.rint(v) ? String.valueOf((long) (double) v) : String.valueOf(v)));
            return b.toString();
        }
    }

    /** A grid point and its result. */
    public record Entry(Params params, BacktestResult result) {
        public double metric(String name) {
            return result.metrics().get(name);
        }
    }

    private final Backtest base;
    private final Map<String, double[]> grid = new LinkedHashMap<>();
    private Function<Params, Strategy> factory;
    private String metric = "sharpe";
    private int threads = Runtime.getRuntime().availableProcessors();

    private Sweep(Backtest base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** A sweep over copies of {@code base} (its candles are loaded once and shared). */
    public static Sweep over(Backtest base) {
        return new Sweep(base);
    }

    public Sweep grid(String name, double... values) {
        if (values.length == 0) {
            throw new InvalidRequestException("grid", "parameter '" + name + "' needs at least one value");
        }
        grid.put(name, values.clone());
        return this;
    }

    public Sweep strategy(Function<Params, Strategy> f) {
        this.factory = Objects.requireNonNull(f, "strategy");
        return this;
    }

    /** The metric to sort by, best first (lowest first for maxDrawdown and volatility). */
    public Sweep sortBy(String name) {
        this.metric = Objects.requireNonNull(name, "metric");
        return this;
    }

    public Sweep threads(int n) {
        if (n < 1 || n > 256) {
            throw new InvalidRequestException("threads", "threads must be in 1..256, got " + n);
        }
        this.threads = n;
        return this;
    }

    /** Every grid point, in grid order (the last parameter varies fastest). */
    public List<Params> points() {
        List<Params> out = new ArrayList<>();
        List<String> names = new ArrayList<>(grid.keySet());
        int[] idx = new int[names.size()];
        while (true) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                m.put(names.get(k), grid.get(names.get(k))[idx[k]]);
            }
            out.add(new Params(m));
            int k = names.size() - 1;
            while (k >= 0 && ++idx[k] == grid.get(names.get(k)).length) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                return out;
            }
        }
    }

    /** Runs every point and returns them sorted by the metric, best first. */
    public List<Entry> run() {
        if (factory == null) {
            throw new InvalidRequestException("strategy", "a sweep needs strategy(params -> ...)");
        }
        base.load();
        List<Params> points = points();
        Entry[] results = new Entry[points.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, points.size()));
        try {
            List<Future<Entry>> futures = new ArrayList<>();
            for (Params p : points) {
                futures.add(pool.submit(() ->
                        new Entry(p, base.quietCopy().strategy(factory.apply(p)).run())));
            }
            for (int i = 0; i < futures.size(); i++) {
                results[i] = futures.get(i).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CryptoGoException("sweep interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new CryptoGoException("sweep failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        boolean lowerIsBetter = metric.equals("maxDrawdown") || metric.equals("volatility");
        Comparator<Entry> by = Comparator.comparingDouble(e -> e.metric(metric));
        if (!lowerIsBetter) {
            by = by.reversed();
        }
        List<Entry> sorted = new ArrayList<>(Arrays.asList(results));
        sorted.sort(by); // stable: ties keep grid order
        return List.copyOf(sorted);
    }

    String metric() {
        return metric;
    }

    Function<Params, Strategy> factory() {
        return factory;
    }

    Sweep on(Backtest other) {
        Sweep s = new Sweep(other);
        s.grid.putAll(grid);
        s.factory = factory;
        s.metric = metric;
        s.threads = threads;
        return s;
    }
}
