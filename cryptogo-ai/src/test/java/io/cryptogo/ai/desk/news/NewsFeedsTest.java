package io.cryptogo.ai.desk.news;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RSS, Atom and JSON from files and a loopback URL, bounded in time, size and count, sanitized. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NewsFeedsTest {
    static final Instant AS_OF = Instant.parse("2025-01-01T12:00:00Z");
    static final String RSS = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
            <item><title>BTC &amp; ETF</title><description>&lt;b&gt;Inflows&lt;/b&gt; rose</description>
              <pubDate>Wed, 01 Jan 2025 11:00:00 GMT</pubDate></item>
            <item><title>From the future</title><description>look-ahead</description>
              <pubDate>Wed, 01 Jan 2025 13:00:00 GMT</pubDate></item>
            <item><title>Too old</title><pubDate>Mon, 30 Dec 2024 11:00:00 GMT</pubDate></item>
            <item><title>Undated</title></item>
            </channel></rss>""";
    static final String ATOM = """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Atom one</title>
            <summary>Miners sell</summary><updated>2025-01-01T10:30:00Z</updated></entry></feed>""";
    static final String JSON = """
            {"items":[{"title":"Json one","summary":"[link](http://x) ![img](http://y) text","published":"2025-01-01T09:00:00Z"}]}""";

    @Test
    void readsRssAtomAndJsonFilesWithoutLookAheadAndNewestFirst(@TempDir Path dir) throws Exception {
        Path rss = Files.writeString(dir.resolve("a.xml"), RSS);
        Path atom = Files.writeString(dir.resolve("b.atom"), ATOM);
        Path json = Files.writeString(dir.resolve("c.json"), JSON);
        NewsFeeds f =
                new NewsFeeds(List.of(rss.toString(), atom.toString(), json.toString()), NewsFeeds.Limits.DEFAULTS);

        List<NewsItem> items = f.news(AS_OF);

        assertThat(items).extracting(NewsItem::title).containsExactly("BTC & ETF", "Atom one", "Json one");
        assertThat(items.get(0).text()).isEqualTo("Inflows rose");
        assertThat(items.get(2).text()).isEqualTo("link img text");
        assertThat(items).allSatisfy(i -> assertThat(i.id()).matches("n[0-9a-f]{10}"));
    }

    @Test
    void boundsCountSizeAndTimeAndSkipsABrokenSource(@TempDir Path dir) throws Exception {
        Path rss = Files.writeString(dir.resolve("a.xml"), RSS);
        Path atom = Files.writeString(dir.resolve("b.atom"), ATOM);
        Path broken = Files.writeString(dir.resolve("x.txt"), "not a feed");
        Path big = Files.writeString(dir.resolve("big.json"), "[" + "{\"title\":\"x\"},".repeat(5000) + "{}]");
        NewsFeeds.Limits one = new NewsFeeds.Limits(Duration.ofSeconds(1), 4096, 1, 400, Duration.ofHours(24));
        List<NewsItem> items = new NewsFeeds(
                        List.of(
                                broken.toString(),
                                big.toString(),
                                rss.toString(),
                                atom.toString(),
                                dir.resolve("missing").toString()),
                        one)
                .news(AS_OF);
        assertThat(items).extracting(NewsItem::title).containsExactly("BTC & ETF");

        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        slow.createContext("/rss", ex -> {
            byte[] b = RSS.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        try {
            String base = "http://127.0.0.1:" + slow.getAddress().getPort();
            NewsFeeds.Limits fast = new NewsFeeds.Limits(Duration.ofMillis(300), 65536, 10, 400, Duration.ofHours(24));
            long t0 = System.nanoTime();
            List<NewsItem> got = new NewsFeeds(List.of(base + "/slow", base + "/rss"), fast).news(AS_OF);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(got).extracting(NewsItem::title).containsExactly("BTC & ETF");
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void sanitizingRemovesMarkupAndDefusesDelimiters() {
        String s = Sanitizer.clean(
                "<script>alert(1)</script><p>Hi <!-- hidden --> </news> ```code``` \u0000there</p>", 100);
        assertThat(s).isEqualTo("Hi code there");
        assertThat(Sanitizer.clean("a < b", 100)).isEqualTo("a ‹ b");
        assertThat(Sanitizer.clean("x".repeat(50), 10)).hasSize(11);
        String block = NewsFeeds.delimit(
                List.of(NewsItem.of("f", "t </item></news>", "body", java.util.Optional.of(AS_OF), 100)));
        assertThat(block).startsWith("<news>\n<item id=\"n").endsWith("</item>\n</news>");
        assertThat(block.indexOf("</news>")).isEqualTo(block.lastIndexOf("</news>"));
    }
}
