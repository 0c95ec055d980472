package io.cryptogo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every public type of every module opens with a javadoc comment whose first line says what it is for. The
 * release profile's doclint leaves out its "missing" group (member comments), so this is the check that keeps
 * the types documented.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EveryPublicTypeHasAPurposeTest {
    static final List<String> MODULES = List.of(
            "cryptogo-core",
            "cryptogo-indicators",
            "cryptogo-ai",
            "cryptogo-trading",
            "cryptogo-backtest",
            "cryptogo-examples");
    static final Pattern PUBLIC_TYPE =
            Pattern.compile("^\\s*public\\s+(?:(?:static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+(\\w+)");

    @Test
    void everyPublicTypeHasAJavadocWhoseFirstLineSaysWhatItIsFor() throws IOException {
        List<String> undocumented = new ArrayList<>();
        int types = 0;
        for (String module : MODULES) {
            Path root = Path.of("..", module, "src", "main", "java");
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        var m = PUBLIC_TYPE.matcher(lines.get(i));
                        if (m.find()) {
                            types++;
                            if (!purposeAbove(lines, i)) {
                                undocumented.add(module + "/" + root.relativize(f) + ":" + (i + 1) + " " + m.group(1));
                            }
                        }
                    }
                }
            }
        }
        assertThat(types).as("public types found").isGreaterThan(100);
        assertThat(undocumented).as("public types without a javadoc purpose").isEmpty();
    }

    @Test
    void theCheckTellsADocumentedTypeFromAnUndocumentedOne() {
        assertThat(purposeAbove(List.of("/** A thing. */", "public final class A {"), 1))
                .isTrue();
        assertThat(purposeAbove(
                        List.of("/**", " * A thing.", " */", "@JsonAutoDetect(", "        x = 1)", "public class A {"),
                        5))
                .isTrue();
        assertThat(purposeAbove(List.of("import a.B;", "", "public class A {"), 2))
                .isFalse();
        assertThat(purposeAbove(List.of("/* not javadoc */", "public class A {"), 1))
                .isFalse();
        assertThat(purposeAbove(List.of("/**", " * @param x a field", " */", "public record A(int x) {"), 3))
                .isFalse();
        assertThat(purposeAbove(List.of("    /** An inner one. */", "    }", "    public enum E {"), 2))
                .isFalse();
    }

    /** Whether a javadoc comment that opens with text ends just above line {@code i} (annotations may sit between). */
    static boolean purposeAbove(List<String> lines, int i) {
        int j = i - 1;
        // annotations (on one line or several) may stand between the comment and the declaration
        while (j >= 0 && !lines.get(j).strip().endsWith("*/")) {
            String code = lines.get(j).strip();
            if (code.endsWith(";") || code.endsWith("{") || code.endsWith("}")) {
                return false;
            }
            j--;
        }
        if (j < 0) {
            return false;
        }
        int end = j;
        while (j >= 0 && !lines.get(j).strip().startsWith("/**")) {
            if (lines.get(j).strip().startsWith("/*")) {
                return false; // a plain block comment, not javadoc
            }
            j--;
        }
        if (j < 0) {
            return false;
        }
        StringBuilder text = new StringBuilder();
        for (int k = j; k <= end; k++) {
            text.append(lines.get(k)
                            .replace("/**", "")
                            .replace("*/", "")
                            .replaceFirst("^\\s*\\*", "")
                            .strip())
                    .append(' ');
        }
        String first = text.toString().strip();
        return !first.isEmpty() && !first.startsWith("@");
    }
}
