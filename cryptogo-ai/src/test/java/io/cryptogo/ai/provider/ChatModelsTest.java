package io.cryptogo.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatModelsTest {

    @Test
    void nothingConfiguredMeansNoModel() {
        assertThat(ChatModels.fromConfig(Config.of(Map.of()))).isEmpty();
        assertThat(ChatModels.fromConfig(Config.of(Map.of("OPENAI_API_KEY", "sk-x", "AI_PROVIDER", "rules"))))
                .isEmpty();
    }

    @Test
    void openAiComesFirstWithSchemaModeOnItsOwnEndpoint() {
        var m = ChatModels.fromConfig(Config.of(Map.of("OPENAI_API_KEY", "sk-x", "ANTHROPIC_API_KEY", "a")))
                .orElseThrow();
        assertThat(m.model()).isInstanceOf(OpenAiChatModel.class);
        assertThat(m.label()).isEqualTo("llm:openai/gpt-4o-mini");
        assertThat(m.jsonSchema()).isTrue();
        var compatible = ChatModels.fromConfig(
                        Config.of(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:1234/v1", "OPENAI_MODEL", "qwen")))
                .orElseThrow();
        assertThat(compatible.jsonSchema()).isFalse();
        assertThat(compatible.label()).isEqualTo("llm:openai/qwen");
    }

    @Test
    void anthropicAndOllamaAreFoundByTheirSettings() {
        assertThat(ChatModels.fromConfig(Config.of(Map.of("ANTHROPIC_API_KEY", "a")))
                        .orElseThrow()
                        .model())
                .isInstanceOf(AnthropicChatModel.class);
        var o = ChatModels.fromConfig(Config.of(Map.of("OLLAMA_MODEL", "qwen2.5")))
                .orElseThrow();
        assertThat(o.model()).isInstanceOf(OllamaChatModel.class);
        assertThat(o.label()).isEqualTo("llm:ollama/qwen2.5");
    }

    @Test
    void badSettingsFailNamingTheSetting() {
        assertThatThrownBy(() -> ChatModels.fromConfig(Config.of(Map.of("AI_PROVIDER", "gemini"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AI_PROVIDER")
                .hasMessageContaining("openai, anthropic, ollama");
        assertThatThrownBy(() -> ChatModels.fromConfig(Config.of(Map.of("AI_PROVIDER", "anthropic"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ANTHROPIC_API_KEY");
        assertThatThrownBy(() -> ChatModels.fromConfig(Config.of(Map.of("OLLAMA_MODEL", "x", "AI_TIMEOUT", "soon"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AI_TIMEOUT");
    }
}
