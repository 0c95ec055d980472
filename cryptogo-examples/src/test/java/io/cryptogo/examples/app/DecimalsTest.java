package io.cryptogo.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cryptogo.error.InvalidRequestException;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** The bounded decimal parser: exact for sane input, a fast 400 naming the field for everything else. */
class DecimalsTest {

    @Property(tries = 2000)
    void anyTextIsEitherAnInRangeDecimalOrA400NamingTheFieldWithABoundedMessage(@ForAll("hostile") String text) {
        long t0 = System.nanoTime();
        try {
            BigDecimal d = Decimals.parse("limitPrice", text, Decimals.PRICE);
            assertThat(d.signum()).isPositive();
            assertThat(d).isLessThanOrEqualTo(new BigDecimal("1e12"));
            assertThat(d.scale()).isBetween(0, 18);
        } catch (InvalidRequestException e) {
            assertThat(e.field()).isEqualTo("limitPrice");
            assertThat(e.getMessage().length()).isLessThan(300);
        }
        // generous for a loaded machine: an expanded 1e999999999 would take seconds to minutes
        assertThat(System.nanoTime() - t0).isLessThan(500_000_000L);
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> exponent =
                Arbitraries.integers().between(-999_999_999, 999_999_999).map(e -> "1e" + e);
        Arbitrary<String> digits =
                Arbitraries.strings().withChars("0123456789.eE+-").ofMaxLength(80);
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> fullWidth =
                Arbitraries.strings().withCharRange('０', '９').ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> decimals = Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
                .ofScale(30)
                .map(BigDecimal::toPlainString);
        return Arbitraries.oneOf(exponent, digits, unicode, fullWidth, decimals);
    }

    @Property(tries = 500)
    void saneDecimalsRoundTripExactly(@ForAll("sane") BigDecimal v) {
        assertThat(Decimals.parse("quantity", v.toPlainString(), Decimals.QUANTITY))
                .isEqualByComparingTo(v);
        assertThat(Decimals.parse("quantity", JsonNodeFactory.instance.numberNode(v), Decimals.QUANTITY))
                .isEqualByComparingTo(v);
    }

    @Provide
    Arbitrary<BigDecimal> sane() {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal("0.00000001"), new BigDecimal("1000000"))
                .ofScale(8)
                .filter(d -> d.signum() > 0);
    }

    @Property(tries = 200)
    void errorsQuoteTheInputCutTo64Characters(@ForAll @StringLength(min = 65, max = 5000) String junk) {
        assertThatThrownBy(() -> Decimals.parse("entry", junk, Decimals.PRICE))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(junk.substring(0, 65)));
    }

    @net.jqwik.api.Example
    void theInputsOfIssue13AreRejectedAtOnce() {
        for (String s : new String[] {
            "1e999999999", "-1e999999999", "3e300000000", "1e309", "NaN", "１０", "0.000000000000000000000000000001"
        }) {
            assertThatThrownBy(() -> Decimals.parse("quantity", s, Decimals.QUANTITY))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("quantity '");
            assertThatThrownBy(
                            () -> Decimals.parse("quantity", JsonNodeFactory.instance.textNode(s), Decimals.QUANTITY))
                    .isInstanceOf(InvalidRequestException.class);
        }
        assertThatThrownBy(() -> Decimals.parse(
                        "confidence",
                        JsonNodeFactory.instance.numberNode(new BigDecimal("1e999999999")),
                        Decimals.UNIT))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("out of range");
        assertThat(Decimals.parse("quantity", "1.5e3", Decimals.QUANTITY)).isEqualByComparingTo("1500");
        assertThat(Decimals.parse("confidence", "0", Decimals.UNIT)).isEqualByComparingTo("0");
    }

    record Body(BigDecimal amount) {}

    @net.jqwik.api.Example
    void theAppsJsonMapperBoundsEveryBigDecimalItReads() throws Exception {
        assertThat(Json.mapper().readValue("{\"amount\":\"12.5\"}", Body.class).amount())
                .isEqualByComparingTo("12.5");
        assertThat(Json.mapper().readValue("{\"amount\":-3.25}", Body.class).amount())
                .isEqualByComparingTo("-3.25");
        for (String bad : new String[] {"\"1e999999999\"", "-1e999999999", "3e300000000", "\"１０\""}) {
            assertThatThrownBy(() -> Json.mapper().readValue("{\"amount\":" + bad + "}", Body.class))
                    .hasRootCauseInstanceOf(InvalidRequestException.class)
                    .rootCause()
                    .hasMessageStartingWith("amount ");
        }
    }
}
