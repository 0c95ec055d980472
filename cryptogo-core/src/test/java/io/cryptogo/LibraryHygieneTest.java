package io.cryptogo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.config.Config;
import io.cryptogo.model.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The library leaves its host alone: no thread outlives close(), no logging binding is shipped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibraryHygieneTest {

    static Set<Thread> nonDaemon() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    @Test
    void noNonDaemonThreadOutlivesClose(@TempDir Path home) throws Exception {
        Set<Thread> before = nonDaemon();
        CountDownLatch streamed = new CountDownLatch(1);
        try (CryptoGo cg = CryptoGo.fromConfig(Config.of(
                Map.of("EXCHANGE", "simulated", "CRYPTOGO_HOME", home.toString(), "SIM_TICK_INTERVAL", "100ms")))) {
            var h = cg.market().stream("BTC/USDT", Interval.M1, c -> streamed.countDown());
            cg.database().connection().close();
            assertThat(streamed.await(20, TimeUnit.SECONDS)).isTrue();
            // while it runs, everything CryptoGo started is a daemon thread
            assertThat(nonDaemon()).allSatisfy(t -> assertThat(before).contains(t));
            h.close();
        }
        // a thread that was still winding down must end by itself (join returns when it has)
        for (Thread t : nonDaemon()) {
            if (!before.contains(t)) {
                t.join(Duration.ofSeconds(20).toMillis());
                assertThat(t.isAlive())
                        .as("non-daemon thread %s outlives close()", t.getName())
                        .isFalse();
            }
        }
    }

    /** Library modules (not the sample app) declare no SLF4J binding outside test scope. */
    @Test
    void noLibraryModuleShipsAnSlf4jBinding() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("cryptogo-core/pom.xml"))) {
            root = root.getParent();
        }
        Pattern dep = Pattern.compile("(?s)<dependency>(.*?)</dependency>");
        List<String> bindings = List.of(
                "slf4j-simple",
                "logback-classic",
                "slf4j-jdk14",
                "slf4j-nop",
                "slf4j-reload4j",
                "log4j-slf4j",
                "log4j-slf4j2-impl",
                "slf4j-log4j12");
        for (String module : List.of("cryptogo-core", "cryptogo-indicators", "cryptogo-ai", "cryptogo-trading")) {
            String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
            Matcher m = dep.matcher(pom);
            while (m.find()) {
                String d = m.group(1);
                for (String b : bindings) {
                    if (d.contains("<artifactId>" + b + "</artifactId>")) {
                        assertThat(d)
                                .as(module + " declares the SLF4J binding " + b + " outside test scope")
                                .contains("<scope>test</scope>");
                    }
                }
            }
        }
    }
}
