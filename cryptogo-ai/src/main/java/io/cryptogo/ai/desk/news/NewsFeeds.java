package io.cryptogo.ai.desk.news;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * News from {@code NEWS_FEEDS}: comma-separated {@code http(s)://} URLs or local files, each RSS 2.0, Atom or
 * JSON (an array of items, or {@code {"items": [...]}} with {@code title}, {@code summary}/{@code
 * content}/{@code text}/{@code description} and {@code published}/{@code date}/{@code time} in ISO-8601 or
 * epoch ms). Every fetch is bounded: {@code NEWS_TIMEOUT} (5 s) per source, {@code NEWS_MAX_BYTES} (512 KiB)
 * per source, {@code NEWS_MAX_ITEMS} (12) in all, {@code NEWS_ITEM_CHARS} (400) per item, items no older than
 * {@code NEWS_MAX_AGE} (24 h) and never published after the decision's time (no look-ahead; undated items
 * are dropped). A source that fails is logged and skipped. XML is read with DTDs and external entities off.
 *
 * <pre>{@code
 * NewsSource news = NewsFeeds.fromConfig(config);
 * List<NewsItem> items = news.news(Instant.now());
 * }</pre>
 */
public final class NewsFeeds implements NewsSource {
    private static final Logger log = LoggerFactory.getLogger(NewsFeeds.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bounds of a fetch. */
    public record Limits(Duration timeout, int maxBytes, int maxItems, int itemChars, Duration maxAge) {
        public static final Limits DEFAULTS =
                new Limits(Duration.ofSeconds(5), 512 * 1024, 12, 400, Duration.ofHours(24));

        public Limits {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(maxAge, "maxAge");
        }
    }

    private final List<String> sources;
    private final Limits limits;
    private final HttpClient http;

    public NewsFeeds(List<String> sources, Limits limits) {
        this.sources = List.copyOf(sources);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.http = HttpClient.newBuilder()
                .connectTimeout(limits.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** {@code NEWS_FEEDS} with its bounds; {@link NewsSource#none()} when unset. */
    public static NewsSource fromConfig(Config c) {
        List<String> list = Arrays.stream(c.string("NEWS_FEEDS", "").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        Limits l = new Limits(
                c.duration("NEWS_TIMEOUT", Limits.DEFAULTS.timeout()),
                c.integer("NEWS_MAX_BYTES", Limits.DEFAULTS.maxBytes(), 1024, 16 * 1024 * 1024),
                c.integer("NEWS_MAX_ITEMS", Limits.DEFAULTS.maxItems(), 1, 100),
                c.integer("NEWS_ITEM_CHARS", Limits.DEFAULTS.itemChars(), 50, 4000),
                c.duration("NEWS_MAX_AGE", Limits.DEFAULTS.maxAge()));
        if (l.timeout().isZero() || l.timeout().isNegative()) {
            throw new ConfigException("NEWS_TIMEOUT", "NEWS_TIMEOUT must be positive, got " + l.timeout());
        }
        for (String s : list) {
            if (s.contains("://") && !(s.startsWith("http://") || s.startsWith("https://"))) {
                throw new ConfigException(
                        "NEWS_FEEDS",
                        "NEWS_FEEDS entry '" + s + "' is not valid; accepted: http(s) URLs or file paths");
            }
        }
        return list.isEmpty() ? NewsSource.none() : new NewsFeeds(list, l);
    }

    @Override
    public List<NewsItem> news(Instant asOf) {
        Map<String, NewsItem> byId = new LinkedHashMap<>();
        for (String s : sources) {
            try {
                for (NewsItem i : parse(s, read(s), limits.itemChars())) {
                    byId.putIfAbsent(i.id(), i);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("news source {} skipped: {}", s, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Instant oldest = asOf.minus(limits.maxAge());
        return byId.values().stream()
                .filter(i -> i.published().isPresent())
                .filter(i -> !i.published().get().isAfter(asOf)
                        && !i.published().get().isBefore(oldest))
                .sorted(Comparator.comparing((NewsItem i) -> i.published().get())
                        .reversed())
                .limit(limits.maxItems())
                .toList();
    }

    private byte[] read(String source) throws IOException, InterruptedException {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(source))
                    .timeout(limits.timeout())
                    .header("Accept", "application/rss+xml, application/atom+xml, application/json, text/xml")
                    .GET()
                    .build();
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() / 100 != 2) {
                    throw new IOException("HTTP " + r.statusCode());
                }
                return capped(in, source);
            }
        }
        Path p = Path.of(source);
        if (Files.size(p) > limits.maxBytes()) {
            throw new IOException("larger than NEWS_MAX_BYTES=" + limits.maxBytes());
        }
        try (InputStream in = Files.newInputStream(p)) {
            return capped(in, source);
        }
    }

    private byte[] capped(InputStream in, String source) throws IOException {
        byte[] b = in.readNBytes(limits.maxBytes() + 1);
        if (b.length > limits.maxBytes()) {
            throw new IOException("larger than NEWS_MAX_BYTES=" + limits.maxBytes());
        }
        return b;
    }

    /** The items of one document (RSS, Atom or JSON, sniffed from its first character). */
    static List<NewsItem> parse(String source, byte[] body, int itemChars) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return json(source, text, itemChars);
        }
        return xml(source, text.getBytes(StandardCharsets.UTF_8), itemChars);
    }

    private static List<NewsItem> json(String source, String text, int itemChars) throws IOException {
        JsonNode root = JSON.readTree(text);
        JsonNode items = root.isArray() ? root : root.path("items");
        List<NewsItem> out = new ArrayList<>();
        for (JsonNode n : items) {
            String title = first(n, "title", "headline");
            String body = first(n, "summary", "content", "text", "description", "body");
            Optional<Instant> at = time(first(n, "published", "date", "time", "published_at", "created_at"));
            out.add(NewsItem.of(source, title, body, at, itemChars));
        }
        return out;
    }

    private static String first(JsonNode n, String... keys) {
        for (String k : keys) {
            JsonNode v = n.get(k);
            if (v != null && !v.isNull()) {
                return v.asText();
            }
        }
        return "";
    }

    private static List<NewsItem> xml(String source, byte[] body, int itemChars) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new IOException("not RSS, Atom or JSON: " + e.getMessage(), e);
        }
        List<NewsItem> out = new ArrayList<>();
        NodeList rss = doc.getElementsByTagName("item");
        for (int i = 0; i < rss.getLength(); i++) {
            Element e = (Element) rss.item(i);
            out.add(NewsItem.of(
                    source,
                    child(e, "title"),
                    child(e, "description") + " " + child(e, "content:encoded"),
                    time(child(e, "pubDate")).or(() -> time(child(e, "dc:date"))),
                    itemChars));
        }
        NodeList atom = doc.getElementsByTagName("entry");
        for (int i = 0; i < atom.getLength(); i++) {
            Element e = (Element) atom.item(i);
            String summary = child(e, "summary");
            out.add(NewsItem.of(
                    source,
                    child(e, "title"),
                    summary.isBlank() ? child(e, "content") : summary,
                    time(child(e, "published")).or(() -> time(child(e, "updated"))),
                    itemChars));
        }
        return out;
    }

    private static String child(Element e, String name) {
        NodeList l = e.getElementsByTagName(name);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent();
    }

    static Optional<Instant> time(String t) {
        String s = t == null ? "" : t.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.chars().allMatch(Character::isDigit)) {
            long v = Long.parseLong(s);
            return Optional.of(v < 100_000_000_000L ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v));
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            // RSS dates are RFC 1123
        }
        try {
            return Optional.of(
                    ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The items as the delimited data block of the sentiment analyst's user message: each item inside {@code
     * <item id=…>…</item>} within {@code <news>…</news>}; the sanitizer has removed every angle bracket from
     * the text, so an item cannot close the block.
     */
    public static String delimit(List<NewsItem> items) {
        StringBuilder sb = new StringBuilder("<news>\n");
        for (NewsItem i : items) {
            sb.append("<item id=\"")
                    .append(i.id())
                    .append("\" published=\"")
                    .append(i.published().map(Instant::toString).orElse("unknown"))
                    .append("\">")
                    .append(i.title())
                    .append(i.text().isEmpty() ? "" : " — " + i.text())
                    .append("</item>\n");
        }
        return sb.append("</news>").toString();
    }
}
