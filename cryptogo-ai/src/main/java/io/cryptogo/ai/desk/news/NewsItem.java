package io.cryptogo.ai.desk.news;

import io.cryptogo.ai.prompt.RenderedPrompt;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One news item, already sanitized: plain text, no markup, length-capped. {@code id} ({@code n} + the first
 * 10 hex digits of the SHA-256 of source, title and time) is what the sentiment analyst cites.
 */
public record NewsItem(String id, String source, String title, String text, Optional<Instant> published) {
    public NewsItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(published, "published");
    }

    /** An item with its id derived from its content; title and text are sanitized here. */
    public static NewsItem of(String source, String title, String text, Optional<Instant> published, int maxChars) {
        String t = Sanitizer.clean(title, Math.min(200, maxChars));
        String x = Sanitizer.clean(text, maxChars);
        String id = "n"
                + RenderedPrompt.sha256(source + "|" + t + "|"
                                + published.map(Instant::toString).orElse(""))
                        .substring(0, 10);
        return new NewsItem(id, source, t, x, published);
    }
}
