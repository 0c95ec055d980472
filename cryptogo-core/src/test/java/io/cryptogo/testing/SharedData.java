package io.cryptogo.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real market data in {@code ../shared/data} (never copied into the project). A test that needs it
 * calls {@link #require(String)}, which reports the test as skipped when the folder is absent.
 */
public final class SharedData {
    private SharedData() {}

    /** The data folder: system property {@code cryptogo.shared.data}, else {@code ../shared/data} upwards. */
    public static Path root() {
        String p = System.getProperty("cryptogo.shared.data");
        if (p != null) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path c = dir.resolve("../shared/data").normalize();
            if (Files.isDirectory(c)) {
                return c;
            }
            dir = dir.getParent();
        }
        return Path.of("../shared/data").toAbsolutePath().normalize();
    }

    /** The file under the data folder; skips the calling test when it is not there. */
    public static Path require(String relative) {
        Path f = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(f), "shared data not present: " + f);
        return f;
    }
}
