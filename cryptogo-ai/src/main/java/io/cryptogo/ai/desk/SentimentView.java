package io.cryptogo.ai.desk;

import java.util.List;
import java.util.Objects;

/**
 * The sentiment analyst's reading of the news: a score in [-1, 1] (bearish to bullish) and the ids of the
 * items it used. It can move confidence; it can never trigger a trade by itself.
 */
public record SentimentView(double score, List<String> itemsUsed, String summary) {
    public SentimentView {
        itemsUsed = List.copyOf(itemsUsed);
        Objects.requireNonNull(summary, "summary");
        if (!(score >= -1 && score <= 1)) {
            throw new IllegalArgumentException("score must be within -1..1, got " + score);
        }
    }
}
