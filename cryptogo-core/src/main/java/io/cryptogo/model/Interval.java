package io.cryptogo.model;

import io.cryptogo.error.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The candle intervals CryptoGo serves. Buckets are aligned to UTC, as on Binance. */
public enum Interval {
    M1("1m", Duration.ofMinutes(1)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    H1("1h", Duration.ofHours(1)),
    H4("4h", Duration.ofHours(4)),
    D1("1d", Duration.ofDays(1));

    private final String code;
    private final Duration duration;
    private final long millis;

    Interval(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
        this.millis = duration.toMillis();
    }

    /** The wire code: {@code 1m 5m 15m 1h 4h 1d}. */
    public String code() {
        return code;
    }

    public Duration duration() {
        return duration;
    }

    public long millis() {
        return millis;
    }

    /** Open time of the bucket that contains {@code t}. */
    public Instant align(Instant t) {
        return Instant.ofEpochMilli(alignMillis(t.toEpochMilli()));
    }

    /** Open time (epoch ms) of the bucket that contains {@code epochMillis}. */
    public long alignMillis(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    /** Whether {@code t} is the open time of a bucket. */
    public boolean isAligned(Instant t) {
        return Math.floorMod(t.toEpochMilli(), millis) == 0;
    }

    /**
     * Parses {@code 1m 5m 15m 1h 4h 1d} (also the enum names {@code M1 … D1}, case-insensitive for those).
     *
     * @throws InvalidRequestException naming the field {@code interval} and the accepted values
     */
    public static Interval parse(String text) {
        if (text != null) {
            String t = text.trim();
            for (Interval i : values()) {
                if (i.code.equals(t) || i.name().equalsIgnoreCase(t)) {
                    return i;
                }
            }
        }
        throw new InvalidRequestException(
                "interval", "unknown interval '" + text + "'; accepted values: " + acceptedValues());
    }

    /** {@code "1m, 5m, 15m, 1h, 4h, 1d"} */
    public static String acceptedValues() {
        return Arrays.stream(values()).map(Interval::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
