package io.cryptogo.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An immutable set of settings (names as in the README's table, e.g. {@code EXCHANGE}, {@code
 * DATABASE_URL}), with typed accessors that fail with a {@link ConfigException} naming the setting and
 * the accepted values.
 *
 * <p>{@link #fromEnv()} reads, in rising precedence, a {@code .env} file in the working directory, the
 * environment, and system properties (a system property wins). Values shown through {@link #masked(Iterable)}
 * hide secrets.
 *
 * <pre>{@code
 * Config c = Config.fromEnv();
 * int port = c.integer("PORT", 7070, 1, 65535);
 * Config test = Config.of(Map.of("EXCHANGE", "simulated"));
 * }</pre>
 */
public final class Config {
    private static final Pattern SECRET_NAME = Pattern.compile(".*(KEY|SECRET|TOKEN|PASSWORD|PASS)$");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@]+:)([^@]+)(@)");

    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Exactly these settings and nothing else (tests, embedding). */
    public static Config of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return new Config(copy);
    }

    /** {@code .env} in the working directory, then the environment, then system properties. */
    public static Config fromEnv() {
        return fromEnv(Path.of(".env"));
    }

    /** As {@link #fromEnv()}, with the {@code .env} file at {@code dotEnv} (absent is fine). */
    public static Config fromEnv(Path dotEnv) {
        Map<String, String> m = new LinkedHashMap<>(readDotEnv(dotEnv));
        m.putAll(System.getenv());
        System.getProperties().forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
        return new Config(m);
    }

    /** A copy with {@code overrides} on top. */
    public Config with(Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.putAll(overrides);
        return new Config(m);
    }

    /** A copy with one setting on top. */
    public Config with(String name, String value) {
        return with(Map.of(name, value));
    }

    static Map<String, String> readDotEnv(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring(7).strip();
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2
                        && ((value.startsWith("\"") && value.endsWith("\""))
                                || (value.startsWith("'") && value.endsWith("'")))) {
                    value = value.substring(1, value.length() - 1);
                } else {
                    int hash = value.indexOf(" #");
                    if (hash >= 0) {
                        value = value.substring(0, hash).strip();
                    }
                }
                m.put(key, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return m;
    }

    /** The names of every setting present (from all sources), sorted. */
    public java.util.Set<String> names() {
        return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(values.keySet()));
    }

    /** The raw value, when set and not blank. */
    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    public String string(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    /** A required setting. */
    public String require(String name) {
        return get(name).orElseThrow(() -> new ConfigException(name, name + " must be set"));
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default ->
                throw new ConfigException(
                        name, name + "='" + v.get() + "' is not a boolean; accepted values: true, false");
        };
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        int n;
        try {
            n = Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    name, name + "='" + v.get() + "' is not a whole number; accepted range: " + min + ".." + max);
        }
        if (n < min || n > max) {
            throw new ConfigException(name, name + "=" + n + " is out of range; accepted range: " + min + ".." + max);
        }
        return n;
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        long n;
        try {
            n = Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    name, name + "='" + v.get() + "' is not a whole number; accepted range: " + min + ".." + max);
        }
        if (n < min || n > max) {
            throw new ConfigException(name, name + "=" + n + " is out of range; accepted range: " + min + ".." + max);
        }
        return n;
    }

    /** A decimal within {@code [min, max]} (either bound may be null for none). */
    public BigDecimal decimal(String name, BigDecimal defaultValue, BigDecimal min, BigDecimal max) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    name, name + "='" + v.get() + "' is not a number; accepted range: " + range(min, max));
        }
        if ((min != null && d.compareTo(min) < 0) || (max != null && d.compareTo(max) > 0)) {
            throw new ConfigException(
                    name, name + "=" + d.toPlainString() + " is out of range; accepted range: " + range(min, max));
        }
        return d;
    }

    private static String range(BigDecimal min, BigDecimal max) {
        return (min == null ? "-inf" : min.toPlainString()) + ".." + (max == null ? "+inf" : max.toPlainString());
    }

    /** A duration written ISO-8601 ({@code PT30S}) or as a number with a unit: {@code 500ms 30s 5m 2h 1d}. */
    public Duration duration(String name, Duration defaultValue) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String t = v.get().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new ConfigException(
                    name, name + "='" + v.get() + "' is not a duration; write e.g. 500ms, 30s, 5m, 2h, 1d or PT30S");
        }
    }

    /** An enum constant by name, case-insensitive. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.get())) {
                return e;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new ConfigException(name, name + "='" + v.get() + "' is not valid; accepted values: " + accepted);
    }

    /** An absolute http(s) or ws(s) URL. */
    public Optional<URI> url(String name) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = URI.create(v.get());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return Optional.of(u);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, name + " is not an absolute URL (like https://host:port/path)");
        }
    }

    /** Whether a setting's value must never be shown. */
    public static boolean isSecret(String name) {
        return SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    /** A value as it may be shown: secrets as {@code ****}, passwords inside URLs masked. */
    public static String mask(String name, String value) {
        if (value == null) {
            return null;
        }
        if (isSecret(name)) {
            return value.isEmpty() ? "" : "****";
        }
        return URL_PASSWORD.matcher(value).replaceAll("$1****$3");
    }

    /** The named settings that are set, masked, in the given order: for the start-up log line. */
    public Map<String, String> masked(Iterable<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            get(n).ifPresent(v -> m.put(n, mask(n, v)));
        }
        return m;
    }

    @Override
    public String toString() {
        return "Config[" + values.size() + " settings]";
    }
}
