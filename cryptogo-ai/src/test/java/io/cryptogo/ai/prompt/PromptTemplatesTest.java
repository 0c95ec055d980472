package io.cryptogo.ai.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTemplatesTest {
    static Map<String, String> values() {
        Map<String, String> v = new HashMap<>();
        for (String k : PromptTemplates.VARIABLES.split(", ")) {
            v.put(k, "<" + k + ">");
        }
        return v;
    }

    @Test
    void theBuiltInTemplatesRenderEveryPlaceholder() {
        RenderedPrompt p = PromptTemplates.builtIn().render(values());
        assertThat(p.templateVersion()).isEqualTo("v2");
        assertThat(p.user())
                .contains("<snapshot>")
                .contains("<symbol>")
                .contains("Position held: <position>")
                .doesNotContain("{{");
        assertThat(p.system()).contains("<min_stop_atr>").doesNotContain("{{");
        assertThat(p.hash()).isEqualTo(RenderedPrompt.sha256(p.text())).hasSize(64);
    }

    @Test
    void theBuiltInTextIsPinnedByItsHashSoAnEditNeedsANewVersion() {
        PromptTemplates t = PromptTemplates.builtIn();
        assertThat(t.hash()).isEqualTo(PromptTemplates.BUILT_IN_SHA256);
        assertThat(t.version()).isEqualTo(PromptTemplates.BUILT_IN_VERSION);
    }

    @Test
    void theBuiltInPromptStatesSpotSemantics() {
        String system = PromptTemplates.builtIn().systemTemplate();
        assertThat(system)
                .contains("SELL: close or reduce the long position held")
                .contains("there is no short selling")
                .contains("For SELL and HOLD: stop_loss and take_profit are null")
                .doesNotContain("open or keep a short");
    }

    @Test
    void theHashChangesWithAnyCharacterOfThePrompt() {
        Map<String, String> v = values();
        String h1 = PromptTemplates.builtIn().render(v).hash();
        v.put("snapshot", "<snapshot>.");
        assertThat(PromptTemplates.builtIn().render(v).hash()).isNotEqualTo(h1);
    }

    @Test
    void aFileReplacesTheUserTemplateAndTheVersionSaysWhich(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.txt");
        Files.writeString(f, "Decide {{symbol}}:\n{{snapshot}}");
        PromptTemplates t = PromptTemplates.fromConfig(Config.of(Map.of("AI_USER_PROMPT_FILE", f.toString())));
        assertThat(t.version()).matches("v2\\+user:mine\\.txt@[0-9a-f]{12}");
        assertThat(t.render(values()).user()).isEqualTo("Decide <symbol>:\n<snapshot>");
    }

    @Test
    void aTemplateWithoutTheSnapshotIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "Decide {{symbol}}");
        assertThatThrownBy(() -> PromptTemplates.fromConfig(Config.of(Map.of("AI_USER_PROMPT_FILE", f.toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("{{snapshot}}");
    }

    @Test
    void anUnknownPlaceholderOrAMissingFileIsRefusedNamingTheSetting(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sys.txt");
        Files.writeString(f, "You are {{persona}}");
        assertThatThrownBy(() -> PromptTemplates.fromConfig(Config.of(Map.of("AI_SYSTEM_PROMPT_FILE", f.toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("{{persona}}");
        assertThatThrownBy(() -> PromptTemplates.fromConfig(Config.of(Map.of(
                        "AI_SYSTEM_PROMPT_FILE", dir.resolve("missing.txt").toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AI_SYSTEM_PROMPT_FILE");
    }
}
