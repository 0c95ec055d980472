package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every ```java block of docs/backtesting.md runs in JShell, offline, on CryptoGo.demo(). */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class DocsSnippetsTest {

    @Test
    void everyJavaSnippetOfTheBacktestingGuideRuns() throws Exception {
        Path doc = Path.of("../docs/backtesting.md");
        String md = Files.readString(doc);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(md);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
        for (String block : blocks) {
            try (JShell js = JShell.builder()
                    .executionEngine("local")
                    .remoteVMOptions("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                    .build()) {
                js.addToClasspath(System.getProperty("java.class.path"));
                SourceCodeAnalysis sca = js.sourceCodeAnalysis();
                // as JShell reads a paste: line by line, and a line that completes a snippet runs at once (so a
                // chain must end its lines with the dot, not start the next one with it)
                StringBuilder pending = new StringBuilder();
                for (String line : block.split("\n", -1)) {
                    pending.append(line).append('\n');
                    String rest = pending.toString();
                    if (rest.isBlank()
                            || !sca.analyzeCompletion(rest).completeness().isComplete()) {
                        continue;
                    }
                    while (!rest.isBlank()) {
                        SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
                        if (!ci.completeness().isComplete() || ci.remaining().equals(rest)) {
                            break;
                        }
                        run(js, ci.source());
                        rest = ci.remaining();
                    }
                    pending.setLength(0);
                    pending.append(rest);
                }
                if (!pending.toString().isBlank()) {
                    fail("incomplete snippet in docs/backtesting.md:\n" + pending);
                }
            }
        }
    }

    private static void run(JShell js, String source) {
        for (SnippetEvent e : js.eval(source)) {
            if (e.exception() != null) {
                fail("docs/backtesting.md snippet threw " + e.exception() + " at:\n" + source);
            }
            if (e.status() == Snippet.Status.REJECTED) {
                StringBuilder why = new StringBuilder();
                js.diagnostics(e.snippet())
                        .forEach(d -> why.append(d.getMessage(null)).append('\n'));
                fail("docs/backtesting.md snippet rejected:\n" + source + "\n" + why);
            }
        }
    }
}
