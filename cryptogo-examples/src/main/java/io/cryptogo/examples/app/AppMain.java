package io.cryptogo.examples.app;

import io.cryptogo.CryptoGo;
import io.cryptogo.MarketSources;
import io.cryptogo.collect.Backfill;
import io.cryptogo.collect.StoreBackedMarketData;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.examples.app.collect.CollectorModule;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fat jar's main: {@code java -jar cryptogo-app.jar} serves the app; {@code java -jar cryptogo-app.jar
 * backfill ...} runs the kline backfill. Configured only by the environment and {@code .env} ({@link
 * Config#fromEnv()}).
 *
 * <pre>{@code
 * PORT=8080 DEFAULT_SYMBOL=ETH/USDT java -jar cryptogo-examples/target/cryptogo-app.jar
 * }</pre>
 */
public final class AppMain {
    private static final Logger LOG = LoggerFactory.getLogger(AppMain.class);

    /** Prefixes of CryptoGo's settings: any set setting that starts with one is logged too (masked). */
    static final List<String> SETTING_PREFIXES = List.of(
            "EXCHANGE",
            "BINANCE_",
            "DATABASE_",
            "SIM_",
            "COLLECT_",
            "ACCOUNT_",
            "AI_",
            "OPENAI_",
            "ANTHROPIC_",
            "OLLAMA_",
            "MAX_",
            "RISK_",
            "PAPER_",
            "TRADING_",
            "AUTO_",
            "PROPOSAL_",
            "EQUITY_",
            "CRYPTOGO_",
            "REDIS_",
            "KLINES_",
            "LOG_",
            "INSTANCE_",
            "JOBS_");

    /** {@link #LOGGED_SETTINGS} in order, then every other set setting of CryptoGo's, alphabetically. */
    static List<String> loggedSettings(Config config) {
        List<String> names = new java.util.ArrayList<>(LOGGED_SETTINGS);
        for (String n : config.names()) {
            if (!names.contains(n) && SETTING_PREFIXES.stream().anyMatch(n::startsWith)) {
                names.add(n);
            }
        }
        return names;
    }

    /** Settings shown in the start-up log (masked), in this order. */
    static final List<String> LOGGED_SETTINGS = List.of(
            "EXCHANGE",
            "DEFAULT_SYMBOL",
            "BINANCE_BASE_URL",
            "BINANCE_STREAM_URL",
            "BINANCE_FUTURES_BASE_URL",
            "BINANCE_TESTNET",
            "BINANCE_API_KEY",
            "BINANCE_SECRET",
            "DATABASE_URL",
            "REDIS_URL",
            "OPENAI_API_KEY",
            "OPENAI_MODEL",
            "OPENAI_BASE_URL",
            "ANTHROPIC_API_KEY",
            "ANTHROPIC_MODEL",
            "OLLAMA_BASE_URL",
            "OLLAMA_MODEL",
            "MAX_POSITION_SIZE",
            "MAX_DAILY_TRADES",
            "RISK_PER_TRADE",
            "AUTO_TRADING",
            "CRYPTOGO_API_TOKEN",
            "PORT",
            "CORS_ORIGINS",
            "POLL_INTERVAL",
            "WS_QUEUE_SIZE",
            "REQUEST_LOG",
            "HOST",
            "ALLOWED_ORIGINS",
            "RATE_LIMIT_WRITES",
            "RATE_LIMIT_ANALYZE",
            "WS_MAX_CONNECTIONS_PER_CLIENT",
            "SIM_SEED",
            "SIM_SYMBOLS",
            "SIM_TICK_INTERVAL");

    private AppMain() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            code = 2;
        } catch (io.cryptogo.error.CryptoGoException e) {
            // e.g. Binance unreachable beside a live venue: the message says which settings to change
            System.err.println("cannot start: " + e.getMessage());
            code = 2;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out) {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        Config config = Config.fromEnv();
        return switch (command) {
            case "serve" -> serve(config, out);
            case "backfill" -> backfill(rest, config, out);
            case "backtest", "import" -> backtest(command, rest, config, out);
            case "help", "-h", "--help" -> {
                usage(out);
                yield 0;
            }
            default -> {
                System.err.println(
                        "unknown command '" + command + "'; accepted values: serve, backfill, backtest, import, help");
                usage(System.err);
                yield 2;
            }
        };
    }

    private static void usage(PrintStream out) {
        out.println("usage: cryptogo [serve]            start the web app on PORT (default 7070)");
        out.println("       cryptogo backfill ARGS...   load historical candles into the database");
        out.println(
                "       cryptogo backtest ARGS...   backtest a strategy (--strategy ema-cross --symbol BTC/USDT ...)");
        out.println(
                "       cryptogo import FILES...    import Binance kline dumps (BTCUSDT-1h-2024-01.zip) into the database");
        out.println("       cryptogo help");
        out.println("settings come from the environment and .env; see docs/app.md");
    }

    /**
     * The one place the app obtains its market data and storage. Every subcommand goes through here.
     *
     * @throws ConfigException for a bad setting, naming it
     */
    public static CryptoGo createCryptoGo(Config config) {
        // EXCHANGE=binance (default) probes Binance and falls back to the simulated market when unreachable,
        // but only while trading stays on paper (a live venue fails the start instead)
        return CryptoGo.fromConfig(config);
    }

    /**
     * The serving app's {@code CryptoGo}: the market of {@link #createCryptoGo} behind a {@link
     * StoreBackedMarketData}, so REST klines come from the database when it covers the range and from the
     * exchange otherwise. The caller closes the returned {@code CryptoGo}, then its market (which {@code
     * CryptoGo.close()} leaves open, as it was passed in), then the database.
     */
    static CryptoGo createServingCryptoGo(Config config, Database db) {
        MarketDataSource exchange = io.cryptogo.examples.app.cluster.RedisSharedMarket.wrapIfConfigured(
                config, MarketSources.fromConfig(config));
        return CryptoGo.builder()
                .config(config)
                .database(db)
                .market(new StoreBackedMarketData(
                        exchange, new JdbcCandleStore(db, exchange.source().kind())))
                .build();
    }

    static int serve(Config config, PrintStream out) {
        AppSettings settings = AppSettings.from(config);
        boolean requestLog = config.bool("REQUEST_LOG", true);
        Map<String, String> effective = config.masked(loggedSettings(config));
        LOG.info("effective configuration: {}", effective.isEmpty() ? "(all defaults)" : effective);
        Database db = Database.fromConfig(config);
        CryptoGo cg;
        try {
            cg = createServingCryptoGo(config, db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        CryptoGoApp.Builder builder = CryptoGoApp.builder(cg).settings(settings).requestLog(requestLog);
        // one trader per account and database: further instances of a cluster serve without trading
        if (config.bool("TRADING_ENABLED", true)) {
            builder.module(new io.cryptogo.examples.trading.TradingModule())
                    .module(new io.cryptogo.examples.grid.GridModule());
        }
        CryptoGoApp app = builder.module(new io.cryptogo.examples.backtest.BacktestModule())
                .module(new io.cryptogo.examples.ai.AiModule())
                .module(new CollectorModule())
                .module(new io.cryptogo.examples.app.jobs.JobsModule())
                .module(new io.cryptogo.examples.app.ops.MetricsModule())
                .build()
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            cg.close();
                            cg.market().close(); // passed to the builder, so ours to close (with the exchange)
                            db.close();
                            stopped.countDown();
                        },
                        "cryptogo-shutdown"));
        out.println();
        out.println("  CryptoGo is running: open " + app.url() + "/trading");
        out.println("  market data: " + cg.market().source());
        out.println("  stop with Ctrl+C");
        out.println();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code backtest ARGS…} and {@code import FILES…} (io.cryptogo.backtest.cli). */
    static int backtest(String command, String[] args, Config config, PrintStream out) {
        if (config.get("LOG_LEVEL").isEmpty()
                && org.slf4j.LoggerFactory.getLogger("io.cryptogo.trading")
                        instanceof ch.qos.logback.classic.Logger trading) {
            // each simulated order of the run would be two INFO lines on the stdout the summary goes to
            trading.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        try (CryptoGo cg = createCryptoGo(config)) {
            return command.equals("import")
                    ? io.cryptogo.backtest.cli.BacktestCommands.importDumps(args, cg, out, System.err)
                    : io.cryptogo.backtest.cli.BacktestCommands.backtest(args, cg, out, System.err);
        }
    }

    /** {@code backfill ARGS…}: loads historical candles into the database with a progress bar. */
    static int backfill(String[] args, Config config, PrintStream out) {
        try (CryptoGo cg = createCryptoGo(config)) {
            return Backfill.run(args, cg.market(), cg.database(), out);
        }
    }
}
