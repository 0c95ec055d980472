package io.cryptogo.ai.desk;

import java.util.List;
import java.util.Objects;

/**
 * A bull or bear researcher's case, or the research manager's summary of the debate.
 *
 * @param bias the case's direction (the manager's verdict for {@link DeskRole#RESEARCH_MANAGER})
 * @param conviction 0..1
 * @param points the arguments, at most 5
 */
public record ResearchView(Bias bias, double conviction, List<String> points) {
    public ResearchView {
        Objects.requireNonNull(bias, "bias");
        points = List.copyOf(points);
        if (!(conviction >= 0 && conviction <= 1)) {
            throw new IllegalArgumentException("conviction must be within 0..1, got " + conviction);
        }
    }
}
