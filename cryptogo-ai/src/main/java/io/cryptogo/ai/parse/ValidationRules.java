package io.cryptogo.ai.parse;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.math.BigDecimal;

/**
 * The limits a signal must respect, checked in code whatever the prompt said: the stop distance as a
 * multiple of ATR within {@code [minStopAtr, maxStopAtr]}, reward/risk at least {@code minRewardRisk}, and
 * the entry within {@code maxEntryDeviation} (a fraction, 0.01 = 1%) of the last price.
 *
 * <pre>{@code
 * ValidationRules r = ValidationRules.fromConfig(config);        // AI_MIN_STOP_ATR, ...
 * ValidationRules strict = ValidationRules.DEFAULTS.withMinRewardRisk(2.0);
 * }</pre>
 */
public record ValidationRules(double minStopAtr, double maxStopAtr, double minRewardRisk, double maxEntryDeviation) {

    /** 0.5..4 ATR, reward/risk at least 1.5, entry within 1% of the last price. */
    public static final ValidationRules DEFAULTS = new ValidationRules(0.5, 4.0, 1.5, 0.01);

    public ValidationRules {
        if (!(minStopAtr >= 0) || !(maxStopAtr > minStopAtr)) {
            throw new ConfigException(
                    "AI_MIN_STOP_ATR",
                    "need 0 <= AI_MIN_STOP_ATR < AI_MAX_STOP_ATR, got " + minStopAtr + " and " + maxStopAtr);
        }
        if (!(minRewardRisk > 0)) {
            throw new ConfigException("AI_MIN_REWARD_RISK", "AI_MIN_REWARD_RISK must be > 0, got " + minRewardRisk);
        }
        if (!(maxEntryDeviation > 0 && maxEntryDeviation < 1)) {
            throw new ConfigException(
                    "AI_MAX_ENTRY_DEVIATION",
                    "AI_MAX_ENTRY_DEVIATION must be a fraction within (0, 1), got " + maxEntryDeviation);
        }
    }

    /** {@code AI_MIN_STOP_ATR}, {@code AI_MAX_STOP_ATR}, {@code AI_MIN_REWARD_RISK}, {@code AI_MAX_ENTRY_DEVIATION}. */
    public static ValidationRules fromConfig(Config c) {
        return new ValidationRules(
                dec(c, "AI_MIN_STOP_ATR", DEFAULTS.minStopAtr, "0", "100"),
                dec(c, "AI_MAX_STOP_ATR", DEFAULTS.maxStopAtr, "0.01", "100"),
                dec(c, "AI_MIN_REWARD_RISK", DEFAULTS.minRewardRisk, "0.01", "100"),
                dec(c, "AI_MAX_ENTRY_DEVIATION", DEFAULTS.maxEntryDeviation, "0.0001", "0.5"));
    }

    private static double dec(Config c, String name, double def, String min, String max) {
        return c.decimal(name, BigDecimal.valueOf(def), new BigDecimal(min), new BigDecimal(max))
                .doubleValue();
    }

    public ValidationRules withMinRewardRisk(double v) {
        return new ValidationRules(minStopAtr, maxStopAtr, v, maxEntryDeviation);
    }

    public ValidationRules withStopAtrBand(double min, double max) {
        return new ValidationRules(min, max, minRewardRisk, maxEntryDeviation);
    }

    public ValidationRules withMaxEntryDeviation(double v) {
        return new ValidationRules(minStopAtr, maxStopAtr, minRewardRisk, v);
    }
}
