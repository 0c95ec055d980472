package io.cryptogo.examples.app.ops;

import io.cryptogo.config.Config;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text before it is logged: the values of every secret setting in the environment
 * (API keys, tokens, passwords, as {@link Config#isSecret} names them), passwords inside URLs, bearer tokens,
 * and {@code apiKey=}/{@code signature=} query parameters.
 *
 * <pre>{@code
 * SecretMasker m = SecretMasker.fromEnvironment();
 * m.mask("GET /x?signature=abc");   // "GET /x?signature=****"
 * }</pre>
 */
public final class SecretMasker {
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]+:)([^@\\s]+)(@)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern PARAMS = Pattern.compile(
            "(?i)((?:api[_-]?key|secret|signature|password|token)[\"']?\\s*[=:]\\s*[\"']?)[^&\"'\\s,}]+");

    private final List<String> values;

    SecretMasker(List<String> secretValues) {
        // longest first, so a secret that contains another is masked whole
        this.values = secretValues.stream()
                .filter(v -> v != null && v.length() >= 6)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** A masker knowing the secret values of the process environment and system properties. */
    public static SecretMasker fromEnvironment() {
        List<String> secrets = new ArrayList<>();
        collect(System.getenv(), secrets);
        for (String n : System.getProperties().stringPropertyNames()) {
            if (Config.isSecret(n)) {
                secrets.add(System.getProperty(n));
            }
        }
        return new SecretMasker(secrets);
    }

    static void collect(Map<String, String> env, List<String> out) {
        env.forEach((k, v) -> {
            if (Config.isSecret(k)) {
                out.add(v);
            }
        });
    }

    /** {@code text} with every secret replaced by {@code ****}. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = text;
        for (String v : values) {
            if (s.contains(v)) {
                s = s.replace(v, "****");
            }
        }
        s = URL_PASSWORD.matcher(s).replaceAll("$1****$3");
        s = BEARER.matcher(s).replaceAll("$1****");
        return PARAMS.matcher(s).replaceAll("$1****");
    }
}
