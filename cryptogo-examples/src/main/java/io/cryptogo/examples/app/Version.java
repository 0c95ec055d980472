package io.cryptogo.examples.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The app's version, from {@code cryptogo-app.properties} (filtered by Maven). */
public final class Version {
    private static final String VERSION = load();

    private Version() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/cryptogo-app.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to "dev": the version is informational
        }
        return "dev";
    }
}
