package io.cryptogo.examples.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code LOG_FORMAT=json}: one JSON object a line, secrets masked. */
@Timeout(10)
class AppLogLayoutTest {
    final LoggerContext ctx = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();

    AppLogLayout layout(String format) {
        AppLogLayout l = new AppLogLayout();
        l.setContext(ctx);
        l.setFormat(format);
        l.masker(new SecretMasker(List.of("sk-live-SECRET-123456")));
        l.start();
        return l;
    }

    LoggingEvent event(String msg, Throwable t) {
        return new LoggingEvent("x", ctx.getLogger("io.cryptogo.Test"), Level.WARN, msg, t, null);
    }

    @Test
    void jsonLinesAreOneObjectEachWithSecretsMasked() throws Exception {
        String line = layout("json")
                .doLayout(event(
                        "calling with key sk-live-SECRET-123456 at postgresql://app:pw0rd@db:5432/x and"
                                + " Authorization: Bearer abc.def and ?signature=deadbeef",
                        new IllegalStateException("boom sk-live-SECRET-123456")));
        assertThat(line)
                .endsWith("\n")
                .doesNotContain("SECRET")
                .doesNotContain("pw0rd")
                .doesNotContain("abc.def");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.get("level").asText()).isEqualTo("WARN");
        assertThat(n.get("logger").asText()).isEqualTo("io.cryptogo.Test");
        assertThat(n.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(n.get("message").asText())
                .contains("key ****")
                .contains("postgresql://app:****@db:5432/x")
                .contains("Bearer ****")
                .contains("signature=****");
        assertThat(n.get("error").asText()).contains("IllegalStateException").contains("boom ****");
    }

    @Test
    void textLinesAreMaskedToo() {
        String line = layout("text").doLayout(event("key=sk-live-SECRET-123456", null));
        assertThat(line).contains("WARN").contains("Test - key=****").doesNotContain("SECRET");
    }
}
