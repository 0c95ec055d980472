package io.cryptogo.indicators.nostorage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A user of cryptogo-core + cryptogo-indicators does not need the storage libraries: in a child JVM whose
 * class path is this one minus HikariCP, the PostgreSQL driver, Flyway and H2, market data and indicators
 * work, and asking for storage fails with a CryptoGoException naming the Maven artifacts to add.
 */
@Timeout(120)
class WithoutStorageTest {
    /** The storage jars, by file name (Maven's repository layout or a copied lib folder alike). */
    static final Pattern STORAGE_JAR = Pattern.compile(
            "(HikariCP|postgresql|flyway-[a-z-]+|h2)-\\d[^" + Pattern.quote(File.separator) + "]*\\.jar");

    static String classPathWithoutStorage(List<String> removed) {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(Pattern.quote(File.pathSeparator)))
                .filter(e -> {
                    boolean storage = STORAGE_JAR
                            .matcher(Path.of(e).getFileName().toString())
                            .matches();
                    if (storage) {
                        removed.add(e);
                    }
                    return !storage;
                })
                .collect(Collectors.joining(File.pathSeparator));
    }

    record Run(int exit, String out) {}

    static Run run(Class<?> main) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> removed = new ArrayList<>();
        String cp = classPathWithoutStorage(removed);
        Process p = new ProcessBuilder(java, "-cp", cp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", main.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void theStorageJarPatternMatchesTheStorageJarsAndNothingElse() {
        assertThat(STORAGE_JAR.matcher("HikariCP-7.1.0.jar").matches()).isTrue();
        assertThat(STORAGE_JAR.matcher("postgresql-42.7.14.jar").matches()).isTrue();
        assertThat(STORAGE_JAR.matcher("flyway-core-13.12.1.jar").matches()).isTrue();
        assertThat(STORAGE_JAR.matcher("flyway-database-postgresql-13.12.1.jar").matches())
                .isTrue();
        assertThat(STORAGE_JAR.matcher("h2-2.5.252.jar").matches()).isTrue();
        assertThat(STORAGE_JAR.matcher("ta4j-core-0.19.jar").matches()).isFalse();
        assertThat(STORAGE_JAR.matcher("jackson-core-2.21.2.jar").matches()).isFalse();
    }

    @Test
    void marketDataAndIndicatorsRunWithoutTheStorageLibraries() throws Exception {
        Run r = run(MarketAndIndicatorsMain.class);

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
        for (String how : List.of("demo", "fromConfig", "builder")) {
            assertThat(r.out()).containsPattern("(?m)^" + how + " candles=100 ema20=\\d+\\.\\d+");
        }
    }

    @Test
    void askingForStorageWithoutTheLibrariesNamesTheArtifactsToAdd() throws Exception {
        Run r = run(StorageWithoutLibrariesMain.class);

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).doesNotContain("NoClassDefFoundError");
        String h2 = line(r.out(), "demo.database: ");
        assertThat(h2)
                .contains("com.zaxxer:HikariCP", "org.flywaydb:flyway-core", "com.h2database:h2")
                .contains("io.cryptogo:cryptogo-bom")
                .contains("Market data and indicators need none of them")
                .doesNotContain("org.postgresql:postgresql");
        String pg = line(r.out(), "pg.database: ");
        assertThat(pg)
                .contains(
                        "com.zaxxer:HikariCP",
                        "org.flywaydb:flyway-core",
                        "org.flywaydb:flyway-database-postgresql",
                        "org.postgresql:postgresql")
                .doesNotContain("com.h2database:h2");
        assertThat(line(r.out(), "Database.builder: ")).contains("com.h2database:h2");
    }

    private static String line(String out, String prefix) {
        return out.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out));
    }
}
