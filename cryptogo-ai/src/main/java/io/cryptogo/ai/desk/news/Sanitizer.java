package io.cryptogo.ai.desk.news;

import java.util.regex.Pattern;

/**
 * Turns feed text into plain data: HTML comments, scripts, styles and tags removed, common entities decoded,
 * markdown links and images reduced to their text, code fences and control characters dropped, the angle
 * brackets that could close the prompt's {@code <news>} delimiters replaced, whitespace collapsed, and the
 * length capped. What remains may still say anything: it enters prompts only as delimited data.
 */
public final class Sanitizer {
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern SCRIPT =
            Pattern.compile("<(script|style)[^>]*>.*?</\\1\\s*>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");
    private static final Pattern MD_IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern MD_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern FENCE = Pattern.compile("```|~~~");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Sanitizer() {}

    /** Plain text of at most {@code maxChars} characters. */
    public static String clean(String s, int maxChars) {
        if (s == null) {
            return "";
        }
        String t = COMMENT.matcher(s).replaceAll(" ");
        t = SCRIPT.matcher(t).replaceAll(" ");
        t = TAG.matcher(t).replaceAll(" ");
        t = entities(t);
        // entities may have produced new tags (&lt;b&gt;): strip once more
        t = TAG.matcher(t).replaceAll(" ");
        t = MD_IMAGE.matcher(t).replaceAll("$1");
        t = MD_LINK.matcher(t).replaceAll("$1");
        t = FENCE.matcher(t).replaceAll(" ");
        t = CONTROL.matcher(t).replaceAll("");
        t = t.replace('<', '‹').replace('>', '›');
        t = SPACE.matcher(t).replaceAll(" ").strip();
        return t.length() <= maxChars ? t : t.substring(0, maxChars) + "…";
    }

    private static String entities(String t) {
        return t.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&apos;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
    }
}
