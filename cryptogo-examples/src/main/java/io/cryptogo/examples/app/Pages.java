package io.cryptogo.examples.app;

import io.cryptogo.market.SourceInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the HTML shell every page shares: the header with the navigation entries and the data-source
 * badge, an empty {@code <main id="app">} the page's bundle fills, and the bundles' script and style tags.
 * Page-independent facts reach the front end as a JSON data block {@code #cg-boot} (not an inline script: the
 * Content-Security-Policy allows none), read by {@code src/lib/boot.ts}.
 */
final class Pages {
    private Pages() {}

    static String render(AppRegistry app, PageSpec page) {
        SourceInfo source = app.market().source();
        StringBuilder nav = new StringBuilder();
        for (NavEntry e : app.navEntries()) {
            boolean current = e.path().equals(page.path());
            nav.append("<a href=\"")
                    .append(esc(e.path()))
                    .append('"')
                    .append(current ? " class=\"current\" aria-current=\"page\"" : "")
                    .append('>')
                    .append(esc(e.label()))
                    .append("</a>");
        }
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("version", Version.get());
        boot.put("source", source.kind().label());
        boot.put("sourceReason", source.reason());
        boot.put("defaultSymbol", app.settings().defaultSymbol().toString());
        boot.put("pollIntervalMs", app.settings().pollInterval().toMillis());
        boot.put("page", page.path());
        String bootJson;
        try {
            // "</" must not appear inside a script element
            bootJson = app.json().writeValueAsString(boot).replace("</", "<\\/");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder head = new StringBuilder();
        StringBuilder scripts = new StringBuilder();
        for (String b : page.bundles()) {
            if (Pages.class.getResource("/public/assets/" + b + ".css") != null) {
                head.append("<link rel=\"stylesheet\" href=\"/assets/")
                        .append(b)
                        .append(".css\">\n");
            }
            scripts.append("<script type=\"module\" src=\"/assets/").append(b).append(".js\"></script>\n");
        }
        String badge = source.simulated()
                ? "<span id=\"cg-source\" class=\"cg-badge cg-badge-sim\" title=\"" + esc(source.reason())
                        + "\">SIMULATED DATA</span>"
                : "<span id=\"cg-source\" class=\"cg-badge cg-badge-live\" title=\"" + esc(source.reason())
                        + "\">BINANCE</span>";
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · CryptoGo</title>
                <link rel="stylesheet" href="/assets/app.css">
                %s<script id="cg-boot" type="application/json">%s</script>
                </head>
                <body data-page="%s">
                <header class="cg-header">
                <a class="cg-brand" href="/">CryptoGo</a>
                <nav class="cg-nav">%s</nav>
                %s
                </header>
                <div id="cg-alert" class="cg-alert" role="alert" hidden></div>
                <main id="app"></main>
                %s</body>
                </html>
                """.formatted(esc(page.title()), head, bootJson, esc(page.mainBundle()), nav, badge, scripts);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
