package io.cryptogo.examples.app.guard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The hostile requests of the fuzz suite, generated from tables of bad values with a fixed seed: every one of
 * them is invalid (or unauthorised, or too large), so every answer must be a 4xx in the JSON error shape.
 */
final class HostileCorpus {
    /** One request as raw bytes on the wire. {@code token} adds the valid bearer token. */
    record Case(
            String name,
            String method,
            String target,
            List<String> headers,
            byte[] body,
            boolean token,
            boolean rawHead) {
        static Case of(String name, String method, String target, String body) {
            return new Case(
                    name,
                    method,
                    target,
                    body == null ? List.of() : List.of("Content-Type: application/json"),
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    true,
                    false);
        }

        Case withHeaders(List<String> h) {
            return new Case(name, method, target, h, body, token, rawHead);
        }

        Case withBody(byte[] b) {
            return new Case(name, method, target, headers, b, token, rawHead);
        }

        Case withoutToken() {
            return new Case(name + " (no token)", method, target, headers, body, false, rawHead);
        }

        /** The bytes sent: request line, Host, token, headers, Content-Length unless given, body. */
        byte[] bytes(int port, String bearer) {
            StringBuilder h = new StringBuilder();
            if (rawHead) {
                h.append(target);
            } else {
                h.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
                h.append("Host: localhost:").append(port).append("\r\n");
                if (token) {
                    h.append("Authorization: Bearer ").append(bearer).append("\r\n");
                }
                boolean length = false;
                for (String x : headers) {
                    h.append(x).append("\r\n");
                    String lower = x.toLowerCase(java.util.Locale.ROOT);
                    length |= lower.startsWith("content-length") || lower.startsWith("transfer-encoding");
                }
                if (!length) {
                    h.append("Content-Length: ")
                            .append(body == null ? 0 : body.length)
                            .append("\r\n");
                }
                h.append("Connection: close\r\n\r\n");
            }
            byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[head.length + (body == null ? 0 : body.length)];
            System.arraycopy(head, 0, out, 0, head.length);
            if (body != null) {
                System.arraycopy(body, 0, out, head.length, body.length);
            }
            return out;
        }
    }

    /** Numbers no decimal field accepts. */
    static final List<String> NUMBERS = List.of(
            "1e999999999",
            "-1e999999999",
            "3e300000000",
            "1e309",
            "-1e309",
            "1e-999999999",
            "NaN",
            "Infinity",
            "-Infinity",
            "１０",
            "١٠",
            "٣",
            "0x10",
            "1_000",
            "1,5",
            "0.000000000000000000000000000001",
            "1" + "0".repeat(40),
            "9".repeat(999),
            "-5",
            "-0",
            "0",
            "+1",
            ".5",
            "5.",
            "1e",
            "e5",
            "--1",
            "1e+",
            " 1",
            "1 ",
            "1e1000",
            "12345678901234567890123456789012345",
            "4.9e-324",
            "1.7976931348623157e309");

    /** JSON number literals (valid JSON) that no decimal field accepts. */
    static final List<String> JSON_NUMBERS = List.of(
            "1e999999999",
            "-1e999999999",
            "3e300000000",
            "1e309",
            "-1",
            "0",
            "-0.0",
            "1e-999999999",
            "0.000000000000000000000000000001",
            "1" + "0".repeat(40),
            "9".repeat(999),
            "1E+999",
            "-1e-7");

    /** Strings no symbol, side, type, id, interval or status accepts. */
    static final List<String> STRINGS = List.of(
            "",
            " ",
            "' OR 1=1 --",
            "\"; DROP TABLE orders; --",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "../../../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "%00",
            "\u0000",
            "BTC/USDT\u0000",
            "ＢＴＣ/ＵＳＤＴ",
            "btc/uſdt",
            "BTC/USDT\u202e",
            "${jndi:ldap://127.0.0.1/a}",
            "{{7*7}}",
            "😀/💩",
            "\uD800",
            "A".repeat(300),
            "FOO/USDT",
            "BTC/USDT/ETH",
            "１",
            "null",
            "undefined",
            "[object Object]");

    static final List<String> CONFIDENCES = List.of(
            "\"abc\"",
            "true",
            "false",
            "[0.9]",
            "\"72%\"",
            "\"0.9\"",
            "1.5",
            "-0.1",
            "{}",
            "\"\"",
            "1e999999999",
            "-1e999999999");

    static final List<String> SHAPES = List.of(
            "[]",
            "null",
            "\"text\"",
            "1",
            "true",
            "{",
            "}",
            "{\"symbol\":}",
            "{\"a\":1}{}",
            "{\"a\":1,\"a\":2}",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"quantity\":{\"$gt\":0}}",
            "{'symbol':'BTC/USDT'}",
            "{\"symbol\":\"BTC/USDT\",}",
            "\u0000",
            "{\"symbol\":\"\\ud800\"}",
            "﻿{}",
            "{\"__proto__\":{\"admin\":true}}");

    static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/xml",
            "application/json; charset=utf-16",
            "application/jsonp",
            "*/*");

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String order(String field, String jsonValue) {
        java.util.LinkedHashMap<String, String> f = new java.util.LinkedHashMap<>();
        f.put("symbol", "\"BTC/USDT\"");
        f.put("side", "\"BUY\"");
        f.put("type", "\"LIMIT\"");
        f.put("quantity", "\"0.001\"");
        f.put("limitPrice", "\"96000\"");
        f.put("stopLoss", "\"90000\"");
        f.put("takeProfit", "\"99000\"");
        f.put(field, jsonValue);
        return object(f);
    }

    static String signal(String field, String jsonValue) {
        java.util.LinkedHashMap<String, String> f = new java.util.LinkedHashMap<>();
        f.put("symbol", "\"BTC/USDT\"");
        f.put("action", "\"BUY\"");
        f.put("confidence", "0.7");
        f.put("entry", "97000");
        f.put("stopLoss", "95000");
        f.put("takeProfit", "99000");
        f.put(field, jsonValue);
        return object(f);
    }

    private static String object(java.util.Map<String, String> f) {
        StringBuilder b = new StringBuilder("{");
        f.forEach((k, v) -> b.append(b.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
        return b.append('}').toString();
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Every case, in a fixed order. */
    static List<Case> all(String proposalId, long orderId, long decisionId) {
        List<Case> out = new ArrayList<>();
        Random rnd = new Random(13);

        // decimals in order and proposal bodies, as strings and as JSON numbers
        for (String field : List.of("quantity", "limitPrice", "stopLoss", "takeProfit")) {
            for (String n : NUMBERS) {
                out.add(Case.of(
                        "order " + field + "=\"" + cut(n) + "\"",
                        "POST",
                        "/api/v1/orders",
                        order(field, jsonString(n))));
            }
            for (String n : JSON_NUMBERS) {
                out.add(Case.of("order " + field + "=" + cut(n), "POST", "/api/v1/orders", order(field, n)));
            }
        }
        for (String field : List.of("entry", "stopLoss", "takeProfit")) {
            for (String n : NUMBERS) {
                out.add(Case.of(
                        "proposal " + field + "=\"" + cut(n) + "\"",
                        "POST",
                        "/api/v1/proposals",
                        signal(field, jsonString(n))));
            }
            for (String n : JSON_NUMBERS) {
                out.add(Case.of("proposal " + field + "=" + cut(n), "POST", "/api/v1/proposals", signal(field, n)));
            }
        }
        for (String c : CONFIDENCES) {
            out.add(Case.of("proposal confidence=" + c, "POST", "/api/v1/proposals", signal("confidence", c)));
        }
        // strings in every textual body field
        for (String s : STRINGS) {
            String v = jsonString(s);
            out.add(Case.of("order symbol=" + cut(s), "POST", "/api/v1/orders", order("symbol", v)));
            out.add(Case.of("order side=" + cut(s), "POST", "/api/v1/orders", order("side", v)));
            out.add(Case.of("order type=" + cut(s), "POST", "/api/v1/orders", order("type", v)));
            if (!s.matches("[.A-Za-z0-9:/_-]{1,36}")) { // those are valid client order ids
                out.add(Case.of("order clientOrderId=" + cut(s), "POST", "/api/v1/orders", order("clientOrderId", v)));
            }
            out.add(Case.of("proposal symbol=" + cut(s), "POST", "/api/v1/proposals", signal("symbol", v)));
            out.add(Case.of("proposal action=" + cut(s), "POST", "/api/v1/proposals", signal("action", v)));
            out.add(Case.of("proposal interval=" + cut(s), "POST", "/api/v1/proposals", signal("interval", v)));
        }
        // wrong JSON types
        for (String v : List.of("123", "true", "[\"BTC/USDT\"]", "{\"a\":1}")) {
            out.add(Case.of("order symbol as " + v, "POST", "/api/v1/orders", order("symbol", v)));
            out.add(Case.of("order side as " + v, "POST", "/api/v1/orders", order("side", v)));
            out.add(Case.of("proposal generator as " + v, "POST", "/api/v1/proposals", signal("generator", v)));
            out.add(Case.of(
                    "reject reason as " + v,
                    "POST",
                    "/api/v1/proposals/" + proposalId + "/reject",
                    "{\"reason\":" + v + "}"));
        }
        // JSON shape errors on every endpoint with a body
        for (String shape : SHAPES) {
            for (String target :
                    List.of("/api/v1/orders", "/api/v1/proposals", "/api/v1/proposals/" + proposalId + "/reject")) {
                out.add(Case.of("shape " + cut(shape) + " on " + target, "POST", target, shape));
            }
        }
        // wrong content types
        for (String type : CONTENT_TYPES) {
            for (String target :
                    List.of("/api/v1/orders", "/api/v1/proposals", "/api/v1/proposals/" + proposalId + "/reject")) {
                String body = target.endsWith("reject")
                        ? "{\"reason\":\"x\"}"
                        : order("quantity", "\"0.001\"").replace("\"BUY\"", "\"SIDEWAYS\"");
                out.add(Case.of("content type " + type + " on " + target, "POST", target, body)
                        .withHeaders(List.of("Content-Type: " + type)));
            }
        }
        // query parameters of every GET endpoint: hostile values, properly escaped and malformed escapes
        List<String[]> params = List.of(
                new String[] {"/api/v1/market/klines", "symbol"},
                new String[] {"/api/v1/market/klines", "interval"},
                new String[] {"/api/v1/market/klines", "limit"},
                new String[] {"/api/v1/market/klines", "startTime"},
                new String[] {"/api/v1/ai/snapshot", "symbol"},
                new String[] {"/api/v1/ai/snapshot", "context"},
                new String[] {"/api/v1/ai/snapshot", "length"},
                new String[] {"/api/v1/ai/snapshot", "format"},
                new String[] {"/api/v1/orders", "status"},
                new String[] {"/api/v1/orders", "limit"},
                new String[] {"/api/v1/fills", "symbol"},
                new String[] {"/api/v1/fills", "since"},
                new String[] {"/api/v1/account/equity", "limit"},
                new String[] {"/api/v1/proposals", "status"},
                new String[] {"/api/v1/ai/decisions", "symbol"},
                new String[] {"/api/v1/ai/decisions", "from"},
                new String[] {"/api/v1/ai/decisions", "limit"});
        List<String> badValues = new ArrayList<>(STRINGS);
        badValues.addAll(NUMBERS.stream().filter(n -> !n.equals("0")).toList());
        for (String[] p : params) {
            for (int i = 0; i < 8; i++) {
                String v = badValues.get(rnd.nextInt(badValues.size()));
                out.add(Case.of(
                        "GET " + p[0] + " " + p[1] + "=" + cut(v), "GET", p[0] + "?" + p[1] + "=" + enc(v), null));
            }
            for (String raw : List.of("%", "%zz", "%E0%A4", "%C0%AE", "A%2", "%%")) {
                out.add(Case.of("GET " + p[0] + " " + p[1] + "=" + raw, "GET", p[0] + "?" + p[1] + "=" + raw, null));
            }
            out.add(Case.of(
                    "GET " + p[0] + " " + p[1] + " twice", "GET", p[0] + "?" + p[1] + "=1&" + p[1] + "=2", null));
        }
        for (String raw : List.of("%", "%zz", "", "FOO/USDT", "BTC%2", "%E0%A4")) {
            out.add(Case.of("analyze symbol=" + raw, "POST", "/api/v1/ai/analyze?symbol=" + raw, null));
        }
        // path parameters
        List<String> pathValues = new ArrayList<>(List.of(
                "%EF%BC%91%EF%BC%90",
                "%D9%A1",
                "-1",
                "1.0",
                "1e3",
                "0x1",
                "99999999999999999999",
                "%20",
                "%00",
                "%zz",
                "%2e%2e",
                "%2F",
                "..%2F..%2Fetc",
                "%C0%AE%C0%AE",
                "a%0d%0aSet-Cookie:x=1"));
        for (int i = 0; i < 6; i++) {
            pathValues.add(enc(STRINGS.get(rnd.nextInt(STRINGS.size()))));
        }
        for (String v : pathValues) {
            out.add(Case.of("GET order " + v, "GET", "/api/v1/orders/" + v, null));
            out.add(Case.of("DELETE order " + v, "DELETE", "/api/v1/orders/" + v, null));
            out.add(Case.of("GET decision " + v, "GET", "/api/v1/ai/decisions/" + v, null));
            out.add(Case.of("approve " + v, "POST", "/api/v1/proposals/" + v + "/approve", null));
            out.add(Case.of("reject " + v, "POST", "/api/v1/proposals/" + v + "/reject", null));
            out.add(Case.of("ticker " + v, "GET", "/api/v1/market/ticker/" + v, null));
            out.add(Case.of("stats " + v, "GET", "/api/v1/market/stats/" + v, null));
        }
        // wrong methods
        for (String m : List.of("PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "PROPFIND", "BREW")) {
            for (String target :
                    List.of("/api/v1/account", "/api/v1/orders", "/api/v1/market/symbols", "/api/v1/ai/decisions")) {
                if (m.equals("DELETE") && target.equals("/api/v1/orders")) {
                    continue;
                }
                out.add(Case.of(m + " " + target, m, target, null));
            }
        }
        // no token on every state-changing endpoint
        for (Case c : List.of(
                Case.of("order", "POST", "/api/v1/orders", order("quantity", "\"0.001\"")),
                Case.of("proposal", "POST", "/api/v1/proposals", signal("confidence", "0.7")),
                Case.of("approve", "POST", "/api/v1/proposals/" + proposalId + "/approve", null),
                Case.of("reject", "POST", "/api/v1/proposals/" + proposalId + "/reject", null),
                Case.of("cancel", "DELETE", "/api/v1/orders/" + orderId, null),
                Case.of("analyze", "POST", "/api/v1/ai/analyze", null))) {
            out.add(c.withoutToken());
            out.add(c.withoutToken().withHeaders(List.of("Authorization: Bearer ")));
            out.add(new Case(
                    c.name() + " (basic auth)",
                    c.method(),
                    c.target(),
                    List.of("Authorization: Basic YWRtaW46YWRtaW4="),
                    null,
                    false,
                    false));
        }
        // oversized bodies
        out.add(Case.of("order 5 KB", "POST", "/api/v1/orders", "{\"pad\":\"" + "a".repeat(5000) + "\"}"));
        out.add(Case.of("proposal 5 KB", "POST", "/api/v1/proposals", "{\"reasoning\":\"" + "a".repeat(5000) + "\"}"));
        out.add(Case.of("analyze 70 KB", "POST", "/api/v1/ai/analyze", "{\"pad\":\"" + "a".repeat(70_000) + "\"}"));
        out.add(Case.of("order 1.1 MB", "POST", "/api/v1/orders", "{\"pad\":\"" + "a".repeat(1_100_000) + "\"}"));
        out.add(Case.of("order chunked 100 KB", "POST", "/api/v1/orders", null)
                .withHeaders(List.of("Content-Type: application/json", "Transfer-Encoding: chunked"))
                .withBody(chunked("{\"pad\":\"" + "a".repeat(100_000) + "\"}")));
        out.add(Case.of("order Content-Length 10 GB", "POST", "/api/v1/orders", null)
                .withHeaders(List.of("Content-Type: application/json", "Content-Length: 10000000000")));
        // header oddities and bad request lines, straight on the socket
        String host = "Host: localhost\r\n";
        for (String raw : List.of(
                "GET /api/v1/%zz HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /api/v1/market/ticker/BTC%2 HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /api/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /api/v1/market/..;/..;/account HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /api//v1//account HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\n" + host + "Bad Header\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\n" + host + " folded: header\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\n" + host + "X-A: a\u0000b\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\n" + host + "X-Many: 1\r\n".repeat(2000) + "Connection: close\r\n\r\n",
                "GET /api/v1/market/klines?x=" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host
                        + "Connection: close\r\n\r\n",
                "POST /api/v1/orders HTTP/1.1\r\n" + host
                        + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
                "POST /api/v1/orders HTTP/1.1\r\n" + host
                        + "Content-Length: 5\r\nContent-Length: 7\r\nConnection: close\r\n\r\nhello",
                "POST /api/v1/orders HTTP/1.1\r\n" + host + "Content-Length: -1\r\nConnection: close\r\n\r\n",
                "POST /api/v1/orders HTTP/1.1\r\n" + host + "Content-Length: abc\r\nConnection: close\r\n\r\n",
                "POST /api/v1/orders HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n",
                "POST /api/v1/orders HTTP/1.1\r\n" + host
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                "OPTIONS * HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/9.9\r\n" + host + "Connection: close\r\n\r\n",
                "GET\t/health\tHTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /health\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                "GET http://evil.example/api/v1/account HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                "GET /api/v1/account HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                "GET /dashboard HTTP/1.1\r\nHost: 127.0.0.1.nip.io\r\nConnection: close\r\n\r\n",
                "GET /ws HTTP/1.1\r\n" + host
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://evil.example\r\n\r\n",
                "GET /ws HTTP/1.1\r\n" + host
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 99\r\nConnection: close\r\n\r\n")) {
            out.add(new Case("raw " + cut(raw.replace("\r\n", "⏎")), "", raw, List.of(), null, false, true));
        }
        return out;
    }

    static byte[] chunked(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = Integer.toHexString(b.length) + "\r\n";
        byte[] out = new byte[head.length() + b.length + 7];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
        System.arraycopy(b, 0, out, head.length(), b.length);
        System.arraycopy("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, out, head.length() + b.length, 7);
        return out;
    }

    static String cut(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
        StringBuilder b = new StringBuilder();
        t.codePoints().forEach(cp -> {
            if (cp < 0x20 || Character.isSurrogate((char) cp) && cp < 0x10000) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
