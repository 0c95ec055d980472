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
                String rest = block;
                while (!rest.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
                    String source = ci.source();
                    if (source == null) {
                        fail("incomplete snippet in docs/backtesting.md:\n" + rest);
                    }
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
                    rest = ci.remaining();
                }
            }
        }
    }
}
