package io.cryptogo.examples.app;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.model.Symbol;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The sample app's own settings, read from a {@link Config} and validated at start.
 *
 * <pre>{@code
 * AppSettings s = AppSettings.from(Config.fromEnv());   // PORT, CORS_ORIGINS, POLL_INTERVAL, ...
 * }</pre>
 *
 * @param port {@code PORT}, 0 for an ephemeral port (tests)
 * @param corsOrigins {@code CORS_ORIGINS}: empty = same origin only, {@code *} = any origin
 * @param pollInterval {@code POLL_INTERVAL}: how often the page polls while the WebSocket is down (1s..30s)
 * @param wsQueueSize {@code WS_QUEUE_SIZE}: messages buffered per WebSocket client (a newer open-candle update
 *     or ticker replaces the queued one; when full the oldest is dropped; full of closed candles, the client is
 *     disconnected)
 * @param defaultSymbol {@code DEFAULT_SYMBOL}: the symbol the chart opens on
 */
public record AppSettings(
        int port, List<String> corsOrigins, Duration pollInterval, int wsQueueSize, Symbol defaultSymbol) {

    /** The names this record reads, for the start-up log. */
    public static final List<String> SETTING_NAMES =
            List.of("PORT", "CORS_ORIGINS", "POLL_INTERVAL", "WS_QUEUE_SIZE", "DEFAULT_SYMBOL");

    public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(30);

    public AppSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(defaultSymbol, "defaultSymbol");
        corsOrigins = List.copyOf(corsOrigins);
        if (port < 0 || port > 65535) {
            throw new ConfigException("PORT", "PORT=" + port + " is out of range; accepted range: 0..65535");
        }
        if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0 || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new ConfigException(
                    "POLL_INTERVAL", "POLL_INTERVAL=" + pollInterval + " is out of range; accepted range: 1s..30s");
        }
        if (wsQueueSize < 8 || wsQueueSize > 100_000) {
            throw new ConfigException(
                    "WS_QUEUE_SIZE", "WS_QUEUE_SIZE=" + wsQueueSize + " is out of range; accepted range: 8..100000");
        }
        for (String o : corsOrigins) {
            if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
                throw new ConfigException(
                        "CORS_ORIGINS",
                        "CORS_ORIGINS entry '" + o + "' is not an origin; write e.g. http://localhost:3000 or *");
            }
        }
    }

    /** Reads the settings, with their defaults (port 7070, no CORS, 10 s polling, 256 messages, BTC/USDT). */
    public static AppSettings from(Config config) {
        List<String> cors = Arrays.stream(config.string("CORS_ORIGINS", "").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        Symbol symbol;
        try {
            symbol = Symbol.parse(config.string("DEFAULT_SYMBOL", "BTC/USDT"));
        } catch (RuntimeException e) {
            throw new ConfigException("DEFAULT_SYMBOL", "DEFAULT_SYMBOL: " + e.getMessage());
        }
        return new AppSettings(
                config.integer("PORT", 7070, 0, 65535),
                cors,
                config.duration("POLL_INTERVAL", Duration.ofSeconds(10)),
                config.integer("WS_QUEUE_SIZE", 256, 8, 100_000),
                symbol);
    }

    /** Defaults on an ephemeral port: for tests and embedding. */
    public static AppSettings ephemeral() {
        return from(Config.of(java.util.Map.of("PORT", "0")));
    }

    public AppSettings withPort(int newPort) {
        return new AppSettings(newPort, corsOrigins, pollInterval, wsQueueSize, defaultSymbol);
    }

    public AppSettings withPollInterval(Duration d) {
        return new AppSettings(port, corsOrigins, d, wsQueueSize, defaultSymbol);
    }

    public AppSettings withWsQueueSize(int n) {
        return new AppSettings(port, corsOrigins, pollInterval, n, defaultSymbol);
    }

    public AppSettings withCorsOrigins(List<String> origins) {
        return new AppSettings(port, origins, pollInterval, wsQueueSize, defaultSymbol);
    }
}
