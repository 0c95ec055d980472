package io.cryptogo.examples.app.guard;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of the app's guard rails, read from a {@link Config} and validated at start.
 *
 * <pre>{@code
 * GuardSettings g = GuardSettings.from(config);   // HOST, ALLOWED_ORIGINS, RATE_LIMIT_*, WS_MAX_CONNECTIONS_PER_CLIENT
 * }</pre>
 *
 * @param host {@code HOST}: the address to bind; empty = {@code 127.0.0.1} when {@code CRYPTOGO_API_TOKEN} is
 *     unset, every interface when it is set
 * @param allowedOrigins {@code ALLOWED_ORIGINS}: origins besides the app's own whose pages may open {@code /ws}
 *     (and host names accepted in the {@code Host} header in loopback-only mode)
 * @param writesPerMinute {@code RATE_LIMIT_WRITES}: state-changing API requests per client and minute
 * @param analyzePerMinute {@code RATE_LIMIT_ANALYZE}: {@code POST /api/v1/ai/analyze} calls per client and minute
 * @param wsPerClient {@code WS_MAX_CONNECTIONS_PER_CLIENT}: open WebSocket connections per client address
 */
public record GuardSettings(
        Optional<String> host,
        List<String> allowedOrigins,
        int writesPerMinute,
        int analyzePerMinute,
        int wsPerClient) {

    /** The names this record reads, for the start-up log. */
    public static final List<String> SETTING_NAMES = List.of(
            "HOST", "ALLOWED_ORIGINS", "RATE_LIMIT_WRITES", "RATE_LIMIT_ANALYZE", "WS_MAX_CONNECTIONS_PER_CLIENT");

    /** Largest request body on {@code /api/*}: 64 KB. */
    public static final int MAX_API_BODY = 64 * 1024;
    /** Largest body of {@code POST /api/v1/orders} and {@code /api/v1/proposals*}: 4 KB. */
    public static final int MAX_ORDER_BODY = 4 * 1024;

    public GuardSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        host = host.map(String::strip).filter(h -> !h.isEmpty());
        host.ifPresent(h -> {
            if (!h.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
                throw new ConfigException(
                        "HOST", "HOST='" + h + "' is not an address; write e.g. 127.0.0.1 or 0.0.0.0");
            }
        });
        for (String o : allowedOrigins) {
            if (!o.matches("https?://[A-Za-z0-9.\\[\\]:-]+")) {
                throw new ConfigException(
                        "ALLOWED_ORIGINS",
                        "ALLOWED_ORIGINS entry '" + o + "' is not an origin; write e.g. https://desk.example:8443");
            }
        }
        range("RATE_LIMIT_WRITES", writesPerMinute, 1, 1_000_000);
        range("RATE_LIMIT_ANALYZE", analyzePerMinute, 1, 1_000_000);
        range("WS_MAX_CONNECTIONS_PER_CLIENT", wsPerClient, 1, 10_000);
    }

    private static void range(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new ConfigException(name, name + "=" + v + " is out of range; accepted range: " + min + ".." + max);
        }
    }

    /** Reads the settings with their defaults (no HOST, no extra origins, 60 writes, 6 analyses, 8 sockets). */
    public static GuardSettings from(Config config) {
        List<String> origins = Arrays.stream(
                        config.string("ALLOWED_ORIGINS", "").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
        return new GuardSettings(
                config.get("HOST"),
                origins,
                config.integer("RATE_LIMIT_WRITES", 60, 1, 1_000_000),
                config.integer("RATE_LIMIT_ANALYZE", 6, 1, 1_000_000),
                config.integer("WS_MAX_CONNECTIONS_PER_CLIENT", 8, 1, 10_000));
    }

    /** Whether {@code host} names this machine's loopback interface only. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }
}
