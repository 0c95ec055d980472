package io.cryptogo.indicators.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
    @ParameterizedTest
    @CsvSource({
        "113472.5, 113472.5",
        "113505.7224, 113505.722",
        "-64.34612, -64.346",
        "50.1471, 50.147",
        "8.04, 8.04",
        "4789.25678, 4789.257",
        "1.25e-5, 1.25e-05",
        "-3.2e-7, -3.2e-07",
        "0.0001, 0.0001",
        "0.000123456, 0.00012346",
        "0.08231234, 0.082312",
        "0.16345, 0.16345",
        "-0.000421379, -0.00042138",
        "100, 100",
        "0, 0",
        "1234567890123, 1234567890123",
        "7.00000000001, 7"
    })
    void formatsBySignificantFigures(double x, String expected) {
        assertThat(Numbers.format(x)).isEqualTo(expected);
    }

    @Test
    void dogeSizedMacdValuesNeverCollapseToZero() {
        assertThat(Numbers.format(List.of(-0.0000432, 0.0000121)))
                .isEqualTo("[-4.32e-05, 1.21e-05]")
                .doesNotContain("0.0");
    }

    @Test
    void nanAndInfinitiesAreWrittenPlainly() {
        assertThat(Numbers.format(Double.NaN)).isEqualTo("n/a");
        assertThat(Numbers.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(Numbers.format(List.of())).isEqualTo("[]");
    }
}
