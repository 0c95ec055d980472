package io.cryptogo.ai.prompt;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A system and a user template with {@code {{name}}} placeholders, and their version. The built-in ones are
 * {@value #BUILT_IN_VERSION} ({@code prompts/v2/*.txt} on the class path, SHA-256 {@link #BUILT_IN_SHA256};
 * {@code prompts/v1} stays in the jar as the text earlier decisions were made with); a file given by {@code
 * AI_SYSTEM_PROMPT_FILE} or {@code AI_USER_PROMPT_FILE} replaces its part, and the version then reads e.g.
 * {@code v2+user:my-prompt.txt@3f2a9c1e0b7d} (file name and the first 12 hex digits of its SHA-256), so a
 * decision always says which text produced it.
 *
 * <p>Placeholders: {@value #VARIABLES}. The user template must contain {@code {{snapshot}}}; an unknown
 * placeholder fails at load time.
 *
 * <pre>{@code
 * PromptTemplates t = PromptTemplates.fromConfig(config);
 * RenderedPrompt p = t.render(Map.of("symbol", "BTC/USDT", "snapshot", text, ...));
 * }</pre>
 */
public final class PromptTemplates {
    /** The version of the templates shipped in the jar. */
    public static final String BUILT_IN_VERSION = "v2";

    /**
     * SHA-256 of the built-in templates ({@link #hash()}): a test pins it, so the shipped text cannot change
     * without a new version. v2 states spot semantics (SELL closes or reduces the long held, never a short,
     * and carries no levels) and gives the model the position held.
     */
    public static final String BUILT_IN_SHA256 = "a5710557d7bee0133dbd1cfa821c950354482fc8d588e6b293750ad6f059e3f7";

    static final String VARIABLES =
            "symbol, interval, context_interval, candle_time, as_of, price, atr, position, snapshot, min_stop_atr,"
                    + " max_stop_atr, min_reward_risk";
    private static final Set<String> KNOWN = Set.of(VARIABLES.split(", "));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z_]+)\\s*}}");

    private final String system;
    private final String user;
    private final String version;

    private PromptTemplates(String system, String user, String version) {
        this.system = system;
        this.user = user;
        this.version = version;
        check("AI_SYSTEM_PROMPT_FILE", system);
        check("AI_USER_PROMPT_FILE", user);
        if (!placeholders(user).contains("snapshot")) {
            throw new ConfigException(
                    "AI_USER_PROMPT_FILE",
                    "the user prompt template must contain {{snapshot}}; the model needs the data");
        }
    }

    /** The built-in templates. */
    public static PromptTemplates builtIn() {
        return new PromptTemplates(resource("system.txt"), resource("user.txt"), BUILT_IN_VERSION);
    }

    /** The built-in templates with the parts named by {@code AI_SYSTEM_PROMPT_FILE} / {@code AI_USER_PROMPT_FILE} replaced. */
    public static PromptTemplates fromConfig(Config config) {
        PromptTemplates t = builtIn();
        var sys = config.get("AI_SYSTEM_PROMPT_FILE");
        var usr = config.get("AI_USER_PROMPT_FILE");
        String version = BUILT_IN_VERSION;
        String system = t.system;
        String user = t.user;
        if (sys.isPresent()) {
            system = read("AI_SYSTEM_PROMPT_FILE", Path.of(sys.get()));
            version += "+system:" + tag(Path.of(sys.get()), system);
        }
        if (usr.isPresent()) {
            user = read("AI_USER_PROMPT_FILE", Path.of(usr.get()));
            version += "+user:" + tag(Path.of(usr.get()), user);
        }
        return new PromptTemplates(system, user, version);
    }

    /** Templates given as text (tests, embedding), with the version to record. */
    public static PromptTemplates of(String system, String user, String version) {
        return new PromptTemplates(
                Objects.requireNonNull(system, "system"),
                Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(version, "version"));
    }

    public String version() {
        return version;
    }

    /** SHA-256 of the two templates ({@code system}, a NUL, {@code user}), hex. */
    public String hash() {
        return RenderedPrompt.sha256(system + '\0' + user);
    }

    public String systemTemplate() {
        return system;
    }

    public String userTemplate() {
        return user;
    }

    /**
     * Fills the placeholders.
     *
     * @throws IllegalArgumentException when a placeholder used by a template has no value
     */
    public RenderedPrompt render(Map<String, String> values) {
        return new RenderedPrompt(fill(system, values), fill(user, values), version);
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("no value for the prompt placeholder {{" + m.group(1) + "}}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Set<String> placeholders(String template) {
        Set<String> s = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }

    private static void check(String setting, String template) {
        for (String p : placeholders(template)) {
            if (!KNOWN.contains(p)) {
                throw new ConfigException(
                        setting, "unknown placeholder {{" + p + "}} in the prompt template; known: " + VARIABLES);
            }
        }
    }

    private static String tag(Path file, String text) {
        String name = String.valueOf(file.getFileName());
        // the journal column holds 200 characters; two tags must fit
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        return name + "@" + RenderedPrompt.sha256(text).substring(0, 12);
    }

    private static String read(String setting, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(setting, setting + "=" + file + " cannot be read: " + e.getMessage());
        }
    }

    private static String resource(String name) {
        String path = "/prompts/" + BUILT_IN_VERSION + "/" + name;
        try (InputStream in = PromptTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("prompt resource " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read prompt resource " + path, e);
        }
    }
}
