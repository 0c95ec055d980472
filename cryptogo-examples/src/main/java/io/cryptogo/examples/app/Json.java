package io.cryptogo.examples.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.io.IOException;

/**
 * The app's JSON conventions: {@link Symbol} as {@code "BTC/USDT"}, {@link Interval} as {@code "1h"},
 * {@link java.time.Instant} as epoch milliseconds, {@link java.math.BigDecimal} as a plain JSON number,
 * {@link java.util.Optional} as the value or null. Both directions: request bodies may use the same forms.
 */
public final class Json {
    private Json() {}

    public static ObjectMapper mapper() {
        SimpleModule m = new SimpleModule("cryptogo");
        m.addSerializer(Symbol.class, new JsonSerializer<>() {
            @Override
            public void serialize(Symbol v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        m.addDeserializer(Symbol.class, new JsonDeserializer<>() {
            @Override
            public Symbol deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Symbol.parse(p.getValueAsString());
            }
        });
        m.addSerializer(Interval.class, new JsonSerializer<>() {
            @Override
            public void serialize(Interval v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.code());
            }
        });
        m.addDeserializer(Interval.class, new JsonDeserializer<>() {
            @Override
            public Interval deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Interval.parse(p.getValueAsString());
            }
        });
        // every BigDecimal a module reads with ctx.bodyAsClass goes through the bounded parser: 1e999999999 in
        // a record field is a 400 naming the field, not a time bomb for the first toPlainString()
        m.addDeserializer(java.math.BigDecimal.class, new JsonDeserializer<>() {
            @Override
            public java.math.BigDecimal deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String field = p.currentName() == null ? "body" : p.currentName();
                if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    return Decimals.parse(field, p.getText(), Decimals.ANY);
                }
                if (p.currentToken().isNumeric()) {
                    return Decimals.parse(
                            field,
                            com.fasterxml.jackson.databind.node.DecimalNode.valueOf(p.getDecimalValue()),
                            Decimals.ANY);
                }
                return (java.math.BigDecimal) c.handleUnexpectedToken(java.math.BigDecimal.class, p);
            }
        });
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(m)
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
