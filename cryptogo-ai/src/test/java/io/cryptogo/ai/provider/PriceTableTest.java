package io.cryptogo.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriceTableTest {
    @Test
    void theLongestPrefixPricesAModel() {
        assertThat(PriceTable.DEFAULT.cost("openai", "gpt-4o-mini-2024-07-18", 1_000_000, 1_000_000))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.75"));
        assertThat(PriceTable.DEFAULT.cost("openai", "gpt-4o", 1000, 100))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.0035"));
    }

    @Test
    void localModelsAreFreeAndUnknownOnesHaveNoEstimate() {
        assertThat(PriceTable.DEFAULT.cost("ollama", "llama3.1", 5000, 500))
                .hasValueSatisfying(c -> assertThat(c).isZero());
        assertThat(PriceTable.DEFAULT.cost("openai", "my-finetune", 5000, 500)).isEmpty();
        assertThat(PriceTable.DEFAULT
                        .with("my-finetune", PriceTable.Price.of("1", "2"))
                        .cost("openai", "my-finetune", 1_000_000, 0))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("1"));
    }
}
