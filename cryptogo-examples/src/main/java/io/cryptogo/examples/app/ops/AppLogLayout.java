package io.cryptogo.examples.app.ops;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The app's log line layout: {@code LOG_FORMAT=text} (default) writes {@code HH:mm:ss.SSS LEVEL logger -
 * message}; {@code LOG_FORMAT=json} writes one JSON object a line ({@code time, level, logger, thread,
 * message}, the MDC as {@code mdc}, a stack trace as {@code error}). Either way every secret is masked
 * ({@link SecretMasker}). Read from the environment or a system property, since logging starts before
 * {@code .env} is read.
 *
 * <pre>{@code
 * LOG_FORMAT=json java -jar cryptogo-app.jar
 * {"time":"2026-11-30T07:00:00.123Z","level":"INFO","logger":"io.cryptogo.examples.app.CryptoGoApp",...}
 * }</pre>
 */
public final class AppLogLayout extends LayoutBase<ILoggingEvent> {
    /** A layout, as Logback instantiates it from its configuration. */
    public AppLogLayout() {}

    private static final JsonFactory JSON = new JsonFactory();

    private String format;
    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    private PatternLayout text;
    private SecretMasker masker = SecretMasker.fromEnvironment();

    /** {@code json} or {@code text}; unset = {@code LOG_FORMAT}. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The pattern of the text format. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    void masker(SecretMasker m) {
        this.masker = m;
    }

    /** Whether lines are JSON. */
    public boolean json() {
        return "json".equals(format);
    }

    @Override
    public void start() {
        if (format == null || format.isBlank()) {
            String v = System.getProperty("LOG_FORMAT", System.getenv("LOG_FORMAT"));
            format = v == null ? "text" : v;
        }
        format = format.strip().toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("text")) {
            addError("LOG_FORMAT=" + format + " is not valid; accepted values: text, json (using text)");
            format = "text";
        }
        text = new PatternLayout();
        text.setContext(getContext());
        text.setPattern(pattern);
        text.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent e) {
        if (!json()) {
            return masker.mask(text.doLayout(e));
        }
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(e.getTimeStamp()).toString());
            g.writeStringField("level", e.getLevel().toString());
            g.writeStringField("logger", e.getLoggerName());
            g.writeStringField("thread", e.getThreadName());
            g.writeStringField("message", masker.mask(e.getFormattedMessage()));
            Map<String, String> mdc = e.getMDCPropertyMap();
            if (mdc != null && !mdc.isEmpty()) {
                g.writeObjectFieldStart("mdc");
                for (Map.Entry<String, String> m : mdc.entrySet()) {
                    g.writeStringField(m.getKey(), masker.mask(m.getValue()));
                }
                g.writeEndObject();
            }
            IThrowableProxy t = e.getThrowableProxy();
            if (t != null) {
                g.writeStringField("error", masker.mask(ThrowableProxyUtil.asString(t)));
            }
            g.writeEndObject();
        } catch (IOException ex) {
            return "{\"level\":\"ERROR\",\"message\":\"log line not serialisable\"}\n";
        }
        return w.append('\n').toString();
    }
}
