package io.cryptogo.ai.desk;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The technical analyst's view of the closed-candle snapshot.
 *
 * @param keyLevels support and resistance prices the analyst named (at most 6)
 * @param reasons short reasons, at most 5
 */
public record TechnicalView(Bias bias, double confidence, List<BigDecimal> keyLevels, List<String> reasons) {
    public TechnicalView {
        Objects.requireNonNull(bias, "bias");
        keyLevels = List.copyOf(keyLevels);
        reasons = List.copyOf(reasons);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within 0..1, got " + confidence);
        }
    }
}
