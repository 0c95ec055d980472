package io.cryptogo.ai.desk.news;

import java.time.Instant;
import java.util.List;

/** Where the sentiment analyst's news comes from: items published at or before {@code asOf}, newest first. */
@FunctionalInterface
public interface NewsSource {
    List<NewsItem> news(Instant asOf);

    /** No news: the desk then decides on the technical view alone, and says so. */
    static NewsSource none() {
        return asOf -> List.of();
    }

    /** Fixed items (tests, replays), filtered by {@code asOf}. */
    static NewsSource of(List<NewsItem> items) {
        List<NewsItem> copy = List.copyOf(items);
        return asOf -> copy.stream()
                .filter(i -> i.published().map(p -> !p.isAfter(asOf)).orElse(false))
                .toList();
    }
}
