package io.cryptogo.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md runs, so the docs cannot rot: the blocks of one page
 * run in order in one fresh JShell (a separate JVM with every module on the class path), so a later block may
 * use what an earlier one declared. Pages added later are picked up by themselves.
 *
 * <p>The session starts with the imports a reader has in {@code bin/cryptogo jshell} plus every
 * {@code io.cryptogo} package, and with settings that keep it offline ({@code EXCHANGE=simulated}, an
 * unreachable {@code BINANCE_BASE_URL}, a temporary {@code CRYPTOGO_HOME}). A block that cannot run offline
 * (it needs keys, the real network, or is a fragment of a class) is fenced {@code ```java no-run}
 * (documented in docs/getting-started.md).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DocSnippetsTest {
    /** The fence marker of a block that is shown but not run. */
    static final String NO_RUN = "no-run";

    private static final Pattern FENCE = Pattern.compile("(?ms)^```java([^\\n]*)\\n(.*?)^```\\s*$");

    /** One {@code ```java} block: where it is, its info string, its code. */
    record Block(Path page, int line, String info, String code) {
        boolean runs() {
            return !List.of(info.trim().split("\\s+")).contains(NO_RUN);
        }

        @Override
        public String toString() {
            return page.getFileName() + ":" + line;
        }
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "README.md and docs/ not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** README.md, then every docs/*.md in name order. */
    static List<Path> pages() throws IOException {
        Path root = repoRoot();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            s.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static List<Block> blocks(Path page) throws IOException {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        List<Block> out = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            out.add(new Block(page, line, m.group(1), m.group(2)));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfEveryPageRuns(@TempDir Path home) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages()) {
            List<Block> runnable = blocks(page).stream().filter(Block::runs).toList();
            if (!runnable.isEmpty()) {
                tests.add(DynamicTest.dynamicTest(
                        page.getFileName().toString(), () -> runPage(runnable, home.resolve(fileStem(page)))));
            }
        }
        return tests.stream();
    }

    @Test
    void theReadmeSnippetWithAPaperOrderRunsTwiceInOneSession(@TempDir Path home) throws IOException {
        Block readme = blocks(repoRoot().resolve("README.md")).get(0);
        assertThat(readme.code()).contains("CryptoGo.demo()").contains("submit(");
        // the second run would hit MAX_POSITION_SIZE (1000 USDT) if the demo kept the first run's position
        runPage(List.of(readme, readme), home);
    }

    @Test
    void blocksAreFoundWithTheirMarkers() throws IOException {
        Path tmp = Files.createTempFile("page", ".md");
        try {
            Files.writeString(tmp, "# t\n```java\nint a = 1;\n```\ntext\n```java no-run\nThread.sleep(1);\n```\n");
            List<Block> b = blocks(tmp);
            assertThat(b).hasSize(2);
            assertThat(b.get(0).runs()).isTrue();
            assertThat(b.get(0).line()).isEqualTo(2);
            assertThat(b.get(1).runs()).isFalse();
        } finally {
            Files.delete(tmp);
        }
        assertThat(pages()).extracting(p -> p.getFileName().toString()).contains("README.md", "getting-started.md");
    }

    static String fileStem(Path page) {
        String n = page.getFileName().toString();
        return n.substring(0, n.length() - 3);
    }

    static void runPage(List<Block> blocks, Path home) throws IOException {
        Files.createDirectories(home);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        String cp = classPath();
        try (JShell shell = JShell.builder()
                .out(out)
                .err(out)
                .remoteVMOptions(
                        "-DEXCHANGE=simulated",
                        "-DCRYPTOGO_HOME=" + home,
                        "-DBINANCE_BASE_URL=http://127.0.0.1:9",
                        "-DBINANCE_STREAM_URL=ws://127.0.0.1:9",
                        "-DBINANCE_FUTURES_BASE_URL=http://127.0.0.1:9",
                        "-DBINANCE_PROBE_TIMEOUT=1s",
                        "-Duser.dir=" + home,
                        "-Xmx512m")
                .build()) {
            shell.addToClasspath(cp);
            for (String imp : prelude(cp)) {
                eval(shell, imp, null, output);
            }
            for (Block b : blocks) {
                SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
                String rest = b.code();
                while (!rest.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(rest);
                    if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                        break;
                    }
                    if (!ci.completeness().isComplete()) {
                        fail(b + ": incomplete Java at the end of the block: " + rest.strip());
                    }
                    eval(shell, ci.source(), b, output);
                    rest = ci.remaining();
                }
            }
        }
    }

    private static void eval(JShell shell, String source, Block block, ByteArrayOutputStream output) {
        for (SnippetEvent e : shell.eval(source)) {
            if (e.causeSnippet() != null) {
                continue; // an update of an earlier snippet
            }
            String where = block == null ? "prelude" : block.toString();
            if (e.exception() != null) {
                fail(where + ": `" + source.strip() + "` threw " + e.exception() + "\noutput:\n"
                        + output.toString(StandardCharsets.UTF_8));
            }
            Snippet.Status st = e.status();
            if (st == Snippet.Status.REJECTED
                    || st == Snippet.Status.RECOVERABLE_DEFINED
                    || st == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                StringBuilder why = new StringBuilder();
                shell.diagnostics(e.snippet())
                        .forEach(d -> why.append("\n  ").append(d.getMessage(java.util.Locale.ROOT)));
                if (e.snippet() instanceof jdk.jshell.DeclarationSnippet d) {
                    shell.unresolvedDependencies(d)
                            .forEach(u -> why.append("\n  unresolved: ").append(u));
                }
                fail(where + ": `" + source.strip() + "` is " + st + why);
            }
        }
    }

    /** The test class path (Surefire's, which holds every module and its dependencies). */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /**
     * JShell's usual imports (less {@code java.util.stream}, whose {@code Collector} would clash with the kline
     * collector's), {@code java.time}, {@code java.net.http}, and every io.cryptogo package on the class path.
     */
    static List<String> prelude(String cp) throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p.resolve("io/cryptogo"))) {
                try (Stream<Path> s = Files.walk(p.resolve("io/cryptogo"))) {
                    s.filter(f -> f.toString().endsWith(".class")
                                    && !f.getFileName().toString().equals("package-info.class"))
                            .forEach(f -> packages.add(
                                    p.relativize(f.getParent()).toString().replace(File.separatorChar, '.')));
                }
            } else if (entry.endsWith(".jar")
                    && Files.isRegularFile(p)
                    && p.getFileName().toString().startsWith("cryptogo")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream()
                            .map(e -> e.getName())
                            .filter(n -> n.startsWith("io/cryptogo/")
                                    && n.endsWith(".class")
                                    && !n.endsWith("/package-info.class"))
                            .forEach(n -> packages.add(
                                    n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
                }
            }
        }
        List<String> imports = new ArrayList<>(List.of(
                "import java.io.*;",
                "import java.math.*;",
                "import java.net.*;",
                "import java.net.http.*;",
                "import java.nio.file.*;",
                "import java.time.*;",
                "import java.util.*;",
                "import java.util.concurrent.*;",
                "import java.util.function.*;"));
        packages.stream()
                .filter(p -> !p.contains(".bench") && !p.endsWith(".db.migration"))
                .forEach(p -> imports.add("import " + p + ".*;"));
        return imports;
    }
}
