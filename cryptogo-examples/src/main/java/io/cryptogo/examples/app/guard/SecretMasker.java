package io.cryptogo.examples.app.guard;

import io.cryptogo.config.Config;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one function that masks secrets in text the app stores or serves (a model answer that echoes an API
 * key, an error that quotes a URL with a password): every value of a secret setting ({@link
 * Config#isSecret}: names ending in KEY, SECRET, TOKEN, PASSWORD, PASS) of 8 characters or more, and strings
 * shaped like provider keys ({@code sk-…}), become {@code ****}.
 *
 * <pre>{@code
 * SecretMasker m = SecretMasker.from(config, "extra-secret-value");
 * m.mask("my key is sk-abc…")   // "my key is ****"
 * }</pre>
 */
public final class SecretMasker {
    /** OpenAI/Anthropic-style keys and bearer tokens, whatever the configuration holds. */
    private static final Pattern KEY_SHAPED =
            Pattern.compile("\\b(sk-(ant-)?[A-Za-z0-9_-]{16,})|(?i:bearer\\s+)[A-Za-z0-9._~+/=-]{16,}");

    private final List<String> secrets;

    private SecretMasker(List<String> secrets) {
        List<String> s = new ArrayList<>(secrets.stream()
                .filter(v -> v != null && v.length() >= 8)
                .distinct()
                .toList());
        s.sort(Comparator.comparingInt(String::length).reversed()); // longer first: a key containing another
        this.secrets = List.copyOf(s);
    }

    /** Masks the values of the configuration's secret settings plus {@code extra}. */
    public static SecretMasker from(Config config, String... extra) {
        List<String> values = new ArrayList<>(List.of(extra));
        for (String name : config.names()) {
            if (Config.isSecret(name)) {
                config.get(name).ifPresent(values::add);
            }
        }
        return new SecretMasker(values);
    }

    /** The text with every secret replaced by {@code ****}; null stays null. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, "****");
            }
        }
        return KEY_SHAPED.matcher(out).replaceAll("****");
    }
}
