package io.cryptogo.examples.app.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.config.Config;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SecretMaskerTest {
    final SecretMasker masker = SecretMasker.from(Config.of(Map.of(
            "OPENAI_API_KEY", "my-openai-key-123456",
            "BINANCE_SECRET", "binance-secret-abcdef",
            "CRYPTOGO_API_TOKEN", "short",
            "OPENAI_MODEL", "gpt-test-model-name")));

    @Test
    void valuesOfSecretSettingsAreMaskedWhereverTheyAppear() {
        String answer =
                "{\"action\":\"BUY\",\"reasoning\":\"my key is my-openai-key-123456 and binance-secret-abcdef\"}";
        assertThat(masker.mask(answer))
                .doesNotContain("my-openai-key-123456")
                .doesNotContain("binance-secret-abcdef")
                .contains("my key is **** and ****");
    }

    @Test
    void keyShapedStringsAreMaskedEvenWhenNotConfiguredAndSettingsThatAreNotSecretStay() {
        assertThat(masker.mask("sk-ant-abcdefghijklmnopqrstu and Bearer abcdefghijklmnopqrstuvwxyz"))
                .isEqualTo("**** and ****");
        assertThat(masker.mask("model gpt-test-model-name")).isEqualTo("model gpt-test-model-name");
        // a secret shorter than 8 characters would mask ordinary words: it is left alone
        assertThat(masker.mask("a short answer")).isEqualTo("a short answer");
        assertThat(masker.mask(null)).isNull();
    }
}
