package io.cryptogo.collect;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the collector collects and how often. From configuration ({@link #fromConfig}):
 *
 * <table>
 *   <caption>collector settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code COLLECT_ENABLED}</td><td>{@code true}</td><td>whether the collector runs at all</td></tr>
 *   <tr><td>{@code COLLECT_SYMBOLS}</td><td>{@code DEFAULT_SYMBOL} ({@code BTC/USDT})</td><td>comma-separated symbols</td></tr>
 *   <tr><td>{@code COLLECT_INTERVALS}</td><td>{@code 1m,5m,15m,1h,4h,1d}</td><td>comma-separated intervals</td></tr>
 *   <tr><td>{@code COLLECT_HISTORY_BARS}</td><td>{@code 1000}</td><td>history depth kept complete, in bars per series</td></tr>
 *   <tr><td>{@code COLLECT_PERIOD}</td><td>{@code 5m}</td><td>how often to catch up and fill gaps</td></tr>
 *   <tr><td>{@code COLLECT_STREAM}</td><td>{@code true}</td><td>also write the live stream's closed candles</td></tr>
 *   <tr><td>{@code ACCOUNT_SYNC_PERIOD}</td><td>{@code 1m}</td><td>how often balances are written</td></tr>
 *   <tr><td>{@code COLLECT_LEADER_CHECK}</td><td>{@code 10s}</td><td>how often an instance checks or claims leadership</td></tr>
 * </table>
 *
 * <pre>{@code
 * CollectorSettings s = CollectorSettings.fromConfig(Config.fromEnv());
 * CollectorSettings t = CollectorSettings.builder().series(Series.of("ETH/USDT", Interval.H1)).historyBars(500).build();
 * }</pre>
 */
public record CollectorSettings(
        boolean enabled,
        List<Series> series,
        int historyBars,
        Duration period,
        boolean stream,
        Duration accountSyncPeriod,
        Duration leaderCheck,
        int pageSize) {

    /** Most bars one history may ask for. */
    public static final int MAX_HISTORY_BARS = 1_000_000;

    public CollectorSettings {
        series = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(series, "series")));
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(accountSyncPeriod, "accountSyncPeriod");
        Objects.requireNonNull(leaderCheck, "leaderCheck");
        if (series.isEmpty()) {
            throw new ConfigException("COLLECT_INTERVALS", "the collector needs at least one symbol and interval");
        }
        if (historyBars < 1 || historyBars > MAX_HISTORY_BARS) {
            throw new ConfigException(
                    "COLLECT_HISTORY_BARS",
                    "COLLECT_HISTORY_BARS=" + historyBars + " is out of range; accepted range: 1.." + MAX_HISTORY_BARS);
        }
        positive("COLLECT_PERIOD", period);
        positive("ACCOUNT_SYNC_PERIOD", accountSyncPeriod);
        positive("COLLECT_LEADER_CHECK", leaderCheck);
        if (pageSize < 1 || pageSize > 1000) {
            throw new ConfigException("pageSize", "page size must be in 1..1000, got " + pageSize);
        }
    }

    private static void positive(String name, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(name, name + " must be a positive duration, got " + d);
        }
    }

    /** Reads the {@code COLLECT_*} settings (see the class comment for names and defaults). */
    public static CollectorSettings fromConfig(Config config) {
        String symbols = config.string("COLLECT_SYMBOLS", config.string("DEFAULT_SYMBOL", "BTC/USDT"));
        String intervals = config.string("COLLECT_INTERVALS", "1m,5m,15m,1h,4h,1d");
        List<Series> series = new ArrayList<>();
        for (String s : split(symbols)) {
            Symbol sym;
            try {
                sym = Symbol.parse(s);
            } catch (RuntimeException e) {
                throw new ConfigException("COLLECT_SYMBOLS", "COLLECT_SYMBOLS: " + e.getMessage());
            }
            for (String i : split(intervals)) {
                Interval iv;
                try {
                    iv = Interval.parse(i);
                } catch (RuntimeException e) {
                    throw new ConfigException("COLLECT_INTERVALS", "COLLECT_INTERVALS: " + e.getMessage());
                }
                series.add(new Series(sym, iv));
            }
        }
        return new CollectorSettings(
                config.bool("COLLECT_ENABLED", true),
                series,
                config.integer("COLLECT_HISTORY_BARS", 1000, 1, MAX_HISTORY_BARS),
                config.duration("COLLECT_PERIOD", Duration.ofMinutes(5)),
                config.bool("COLLECT_STREAM", true),
                config.duration("ACCOUNT_SYNC_PERIOD", Duration.ofMinutes(1)),
                config.duration("COLLECT_LEADER_CHECK", Duration.ofSeconds(10)),
                1000);
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String p : csv.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    /** The defaults for {@code BTC/USDT}. */
    public static CollectorSettings defaults() {
        return fromConfig(Config.of(java.util.Map.of()));
    }

    public static Builder builder() {
        return new Builder(defaults());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link CollectorSettings}; validated at {@link #build()}. */
    public static final class Builder {
        private boolean enabled;
        private List<Series> series;
        private int historyBars;
        private Duration period;
        private boolean stream;
        private Duration accountSyncPeriod;
        private Duration leaderCheck;
        private int pageSize;

        private Builder(CollectorSettings s) {
            enabled = s.enabled;
            series = s.series;
            historyBars = s.historyBars;
            period = s.period;
            stream = s.stream;
            accountSyncPeriod = s.accountSyncPeriod;
            leaderCheck = s.leaderCheck;
            pageSize = s.pageSize;
        }

        public Builder enabled(boolean v) {
            enabled = v;
            return this;
        }

        public Builder series(Series... v) {
            series = List.of(v);
            return this;
        }

        public Builder series(List<Series> v) {
            series = v;
            return this;
        }

        public Builder historyBars(int v) {
            historyBars = v;
            return this;
        }

        public Builder period(Duration v) {
            period = v;
            return this;
        }

        public Builder stream(boolean v) {
            stream = v;
            return this;
        }

        public Builder accountSyncPeriod(Duration v) {
            accountSyncPeriod = v;
            return this;
        }

        public Builder leaderCheck(Duration v) {
            leaderCheck = v;
            return this;
        }

        /** Bars per REST request (1..1000, default 1000). */
        public Builder pageSize(int v) {
            pageSize = v;
            return this;
        }

        public CollectorSettings build() {
            return new CollectorSettings(
                    enabled, series, historyBars, period, stream, accountSyncPeriod, leaderCheck, pageSize);
        }
    }
}
