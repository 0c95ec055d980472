package io.cryptogo.backtest.cli;

import io.cryptogo.CryptoGo;
import io.cryptogo.ai.Signals;
import io.cryptogo.ai.SnapshotSpec;
import io.cryptogo.backtest.Backtest;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.Progress;
import io.cryptogo.backtest.Strategies;
import io.cryptogo.backtest.Strategy;
import io.cryptogo.backtest.ai.SignalStrategy;
import io.cryptogo.backtest.data.BinanceDumpImport;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Interval;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cryptogo backtest --strategy ema-cross --symbol BTC/USDT --interval 1h --from 2025-01-01 --to
 * 2025-06-30 [--fees 0.001] [--slippage-bps 5] [--cash "10000 USDT"] [--data market|store] [--fill
 * next-open|close] [--detail 1m] [--html report.html]} and {@code cryptogo import FILE.zip|DIR…}. {@code --strategy
 * signals} runs the configured signal generator (the LLM when one is configured, else the rules) with {@code
 * [--every N] [--budget-calls N] [--budget-usd X] [--run-id ID]} (its decisions are journaled with origin {@code
 * backtest} and the run id).
 */
public final class BacktestCommands {
    static final String BACKTEST_USAGE =
            "usage: cryptogo backtest --strategy ema-cross|rsi-reversion|bollinger-breakout|buy-and-hold|signals"
                    + " --symbol BTC/USDT --interval 1h --from 2025-01-01 --to 2025-06-30"
                    + " [--fees 0.001] [--slippage-bps 5] [--cash \"10000 USDT\"] [--data market|store]"
                    + " [--fill next-open|close] [--detail 1m] [--html report.html]"
                    + "\n  signals (the configured LLM, else the rules): [--every 1] [--budget-calls N] [--budget-usd X]"
                    + " [--run-id ID]";
    static final String IMPORT_USAGE =
            "usage: cryptogo import FILE.zip|DIR ...   (Binance kline dumps named like BTCUSDT-1h-2024-01.zip)";
    private static final Set<String> OPTIONS = Set.of(
            "strategy",
            "symbol",
            "interval",
            "from",
            "to",
            "fees",
            "slippage-bps",
            "cash",
            "data",
            "fill",
            "detail",
            "html",
            "every",
            "budget-calls",
            "budget-usd",
            "run-id");

    private BacktestCommands() {}

    /** Runs a backtest; the summary goes to {@code out}, the progress bar to {@code err}. Returns the exit code. */
    public static int backtest(String[] args, CryptoGo cg, PrintStream out, PrintStream err) {
        Map<String, String> o;
        try {
            o = options(args);
        } catch (InvalidRequestException e) {
            err.println("backtest: " + e.getMessage());
            err.println(BACKTEST_USAGE);
            return 2;
        }
        if (o.isEmpty() || o.containsKey("help")) {
            out.println(BACKTEST_USAGE);
            return o.isEmpty() ? 2 : 0;
        }
        try {
            String data = o.getOrDefault("data", "market");
            if (!data.equals("market") && !data.equals("store")) {
                throw new InvalidRequestException("data", "--data accepts market or store, got '" + data + "'");
            }
            Backtest b = Backtest.on(cg)
                    .strategy(strategy(o, cg))
                    .symbol(o.getOrDefault("symbol", "BTC/USDT"))
                    .interval(Interval.parse(o.getOrDefault("interval", "1h")))
                    .from(required(o, "from"))
                    .fees(Double.parseDouble(o.getOrDefault("fees", "0.001")))
                    .slippageBps(Integer.parseInt(o.getOrDefault("slippage-bps", "5")))
                    .initialCash(o.getOrDefault("cash", "10000 USDT"))
                    .data(data.equals("store") ? Backtest.Data.STORE : Backtest.Data.MARKET)
                    .progress(Progress.bar(err));
            if (o.containsKey("to")) {
                b.to(o.get("to"));
            }
            if ("close".equals(o.get("fill"))) {
                b.fillAtClose();
            }
            if (o.containsKey("detail")) {
                b.detail(Interval.parse(o.get("detail")));
            }
            BacktestResult r = b.run();
            out.print(r.summary().text());
            if (o.containsKey("html")) {
                out.println("report: " + r.writeHtml(Path.of(o.get("html"))).toAbsolutePath());
            }
            return 0;
        } catch (NumberFormatException e) {
            err.println("backtest: not a number: " + e.getMessage());
            return 2;
        } catch (InvalidRequestException e) {
            err.println("backtest: " + e.getMessage());
            return 2;
        } catch (CryptoGoException e) {
            err.println("backtest failed: " + e.getMessage());
            return 1;
        }
    }

    /** A built-in by name, or {@code signals}: the generator {@code cg}'s configuration picks, with its options. */
    private static Strategy strategy(Map<String, String> o, CryptoGo cg) {
        String name = o.getOrDefault("strategy", "ema-cross");
        boolean signalOptions = o.containsKey("every")
                || o.containsKey("budget-calls")
                || o.containsKey("budget-usd")
                || o.containsKey("run-id");
        if (!name.equals("signals")) {
            if (signalOptions) {
                throw new InvalidRequestException(
                        "strategy", "--every, --budget-calls, --budget-usd and --run-id go with --strategy signals");
            }
            return Strategies.byName(name);
        }
        SignalStrategy s = SignalStrategy.of(Signals.on(cg))
                .snapshot(SnapshotSpec.fromConfig(cg.config()))
                .every(Integer.parseInt(o.getOrDefault("every", "1")));
        if (o.containsKey("budget-calls") || o.containsKey("budget-usd")) {
            s = s.budget(
                    Integer.parseInt(o.getOrDefault("budget-calls", String.valueOf(Integer.MAX_VALUE))),
                    new BigDecimal(o.getOrDefault("budget-usd", "1000000")));
        }
        if (o.containsKey("run-id")) {
            s = s.runId(o.get("run-id"));
        }
        return s;
    }

    /** Imports Binance kline dumps into {@code cg}'s candle store, with a progress bar on {@code err}. */
    public static int importDumps(String[] args, CryptoGo cg, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(IMPORT_USAGE);
            return 2;
        }
        List<Path> paths = new ArrayList<>();
        for (String a : args) {
            paths.add(Path.of(a));
        }
        try {
            long t0 = System.nanoTime();
            BinanceDumpImport.Result r = new BinanceDumpImport(
                            new JdbcCandleStore(cg.database(), io.cryptogo.market.SourceInfo.Kind.BINANCE))
                    .run(paths, Progress.bar(err, "bytes"));
            out.printf(
                    java.util.Locale.ROOT,
                    "imported %d rows from %d files in %.1f s into %s%n",
                    r.rows(),
                    r.files(),
                    (System.nanoTime() - t0) / 1e9,
                    cg.database().displayUrl());
            r.skipped().forEach(s -> out.println("skipped: " + s));
            return 0;
        } catch (CryptoGoException | java.io.UncheckedIOException e) {
            err.println("import failed: " + e.getMessage());
            return 1;
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                o.put("help", "");
                continue;
            }
            if (!a.startsWith("--")) {
                throw new InvalidRequestException("args", "unexpected argument '" + a + "'");
            }
            String k = a.substring(2);
            String v;
            int eq = k.indexOf('=');
            if (eq > 0) {
                v = k.substring(eq + 1);
                k = k.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new InvalidRequestException(k, "--" + k + " needs a value");
                }
                v = args[++i];
            }
            if (!OPTIONS.contains(k)) {
                throw new InvalidRequestException(k, "unknown option --" + k + "; accepted: " + OPTIONS);
            }
            o.put(k, v);
        }
        return o;
    }

    private static String required(Map<String, String> o, String k) {
        String v = o.get(k);
        if (v == null) {
            throw new InvalidRequestException(k, "--" + k + " is required");
        }
        return v;
    }
}
