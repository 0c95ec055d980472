package io.cryptogo.collect;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.Gap;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.JdbcCandleStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The {@code backfill} command: fills one series' history for the last N days, with a progress bar.
 *
 * <pre>{@code
 * java -jar cryptogo-app.jar backfill --symbol BTC/USDT --interval 1m --days 30
 * int exit = Backfill.run(new String[] {"--symbol", "BTC/USDT", "--interval", "1h", "--days", "7"}, market, db, System.out);
 * }</pre>
 *
 * Exit codes: 0 done, 1 failed (exchange or database trouble, with the reason), 2 bad arguments (with
 * the usage).
 */
public final class Backfill {
    /** Most days one run may ask for. */
    public static final int MAX_DAYS = 3650;

    static final String USAGE = "usage: backfill --symbol BTC/USDT --interval 1m --days 30\n"
            + "  --symbol    the pair, written BTC/USDT (default BTC/USDT)\n"
            + "  --interval  one of " + Interval.acceptedValues() + " (required)\n"
            + "  --days      how many days back from now, 1.." + MAX_DAYS + " (required)";

    private Backfill() {}

    /** Parsed arguments. */
    record Args(Symbol symbol, Interval interval, int days) {}

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, MarketDataSource market, Database db, PrintStream out) {
        return run(args, market, db, out, Clock.systemUTC());
    }

    static int run(String[] args, MarketDataSource market, Database db, PrintStream out, Clock clock) {
        return run(args, market, db, out, clock, Duration.ofSeconds(1));
    }

    static int run(
            String[] args, MarketDataSource market, Database db, PrintStream out, Clock clock, Duration retryBackoff) {
        Args a;
        try {
            a = parse(args);
        } catch (InvalidRequestException e) {
            out.println("backfill: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        if (a == null) {
            out.println(USAGE);
            return 0;
        }
        Series series = new Series(a.symbol(), a.interval());
        CandleStore store = new JdbcCandleStore(db, market.source().kind());
        long step = a.interval().millis();
        long current = a.interval().alignMillis(clock.millis());
        Instant from = Instant.ofEpochMilli(a.interval()
                .alignMillis(clock.millis() - Duration.ofDays(a.days()).toMillis()));
        Instant to = Instant.ofEpochMilli(current - step);
        ProgressBar bar = new ProgressBar(out);
        long started = System.nanoTime();
        Collector collector = Collector.builder(market, store)
                .settings(
                        CollectorSettings.builder().series(series).stream(false).build())
                .clock(clock)
                .retryBackoff(retryBackoff)
                .progress(bar)
                .build();
        long fetched;
        try {
            out.println("backfill " + series + " from " + from + " to " + to + " (" + a.days() + " days) into "
                    + db.displayUrl());
            fetched = collector.backfill(series, from, to, bar);
            bar.finish();
            if (!collector.writer().flush(Duration.ofMinutes(10))) {
                out.println("backfill: the database did not take the candles within 10 minutes; "
                        + collector.writer().pending() + " still waiting");
                return 1;
            }
            List<Gap> left = store.gaps(a.symbol(), a.interval(), from, to);
            long missing = left.stream().mapToLong(g -> g.bars(a.interval())).sum();
            double secs = Math.max(0.001, (System.nanoTime() - started) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "done: %d bars fetched in %.1f s (%.0f bars/s); %d stored for the range; %s%n",
                    fetched,
                    secs,
                    fetched / secs,
                    store.count(a.symbol(), a.interval(), from, to),
                    missing == 0
                            ? "no gaps"
                            : missing + " buckets in " + left.size() + " gaps the exchange has no data for");
            return 0;
        } catch (CryptoGoException e) {
            bar.finish();
            out.println("backfill failed: " + e.getMessage());
            return 1;
        } finally {
            collector.close();
        }
    }

    /** Parses the arguments; null means {@code --help}. */
    static Args parse(String[] args) {
        Symbol symbol = Symbol.parse("BTC/USDT");
        Interval interval = null;
        Integer days = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            String name;
            int eq = arg.indexOf('=');
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                throw new InvalidRequestException("argument", "unexpected argument '" + arg + "'");
            }
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg;
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new InvalidRequestException(name, name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--symbol" -> symbol = Symbol.parse(value);
                case "--interval" -> interval = Interval.parse(value);
                case "--days" -> {
                    try {
                        days = Integer.parseInt(value.strip());
                    } catch (NumberFormatException e) {
                        throw new InvalidRequestException(
                                "days", "--days '" + value + "' is not a whole number; accepted range: 1.." + MAX_DAYS);
                    }
                    if (days < 1 || days > MAX_DAYS) {
                        throw new InvalidRequestException(
                                "days", "--days " + days + " is out of range; accepted range: 1.." + MAX_DAYS);
                    }
                }
                default ->
                    throw new InvalidRequestException(
                            "argument", "unknown option '" + name + "'; accepted: --symbol, --interval, --days");
            }
        }
        if (interval == null) {
            throw new InvalidRequestException(
                    "interval", "--interval is required; accepted values: " + Interval.acceptedValues());
        }
        if (days == null) {
            throw new InvalidRequestException("days", "--days is required (1.." + MAX_DAYS + ")");
        }
        return new Args(symbol, interval, days);
    }

    /** A one-line progress bar redrawn with carriage returns, at most ten times a second. */
    static final class ProgressBar implements BackfillProgress.Listener {
        private static final int WIDTH = 30;
        private final PrintStream out;
        private long lastDraw;
        private boolean drawn;
        private BackfillProgress last;

        ProgressBar(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onProgress(BackfillProgress p) {
            last = p;
            long now = System.nanoTime();
            if (drawn && now - lastDraw < 100_000_000L && p.done() < p.total()) {
                return;
            }
            lastDraw = now;
            drawn = true;
            out.print("\r" + render(p));
            out.flush();
        }

        void finish() {
            if (drawn) {
                out.print("\r" + render(last));
                out.println();
                drawn = false;
            }
        }

        static String render(BackfillProgress p) {
            int filled = (int) Math.round(p.fraction() * WIDTH);
            long eta = p.eta().toSeconds();
            return String.format(
                    Locale.ROOT,
                    "[%s%s] %3d%% %d/%d bars %6.0f bars/s ETA %02d:%02d:%02d",
                    "#".repeat(filled),
                    "-".repeat(WIDTH - filled),
                    Math.round(p.fraction() * 100),
                    p.done(),
                    p.total(),
                    p.barsPerSecond(),
                    eta / 3600,
                    (eta / 60) % 60,
                    eta % 60);
        }
    }
}
