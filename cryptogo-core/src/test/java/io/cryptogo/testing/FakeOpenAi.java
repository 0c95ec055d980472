package io.cryptogo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cryptogo.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback OpenAI-compatible server ({@code POST /v1/chat/completions}) that answers every prompt with a valid
 * spot signal computed from the prompt alone, with token usage (1200 in, 80 out), and counts the calls. Flat:
 * BUY at the last price, stop 1.5 ATR below, target 3 ATR above; long: SELL. The same prompt gets the same answer.
 */
public final class FakeOpenAi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PRICE = Pattern.compile("Last price: ([0-9.]+)");
    private static final Pattern ATR = Pattern.compile("ATR for the stop band: ([0-9.]+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final AtomicInteger calls = new AtomicInteger();

    private FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeOpenAi start() {
        try {
            return new FakeOpenAi();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chat completion requests served so far. */
    public int calls() {
        return calls.get();
    }

    /** Settings pointing the real OpenAI client (langchain4j) here, as gpt-4o-mini (so it is priced). */
    public Config config() {
        return Config.of(Map.of(
                "OPENAI_BASE_URL",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "OPENAI_API_KEY",
                "sk-test-secret",
                "OPENAI_MODEL",
                "gpt-4o-mini"));
    }

    private void handle(HttpExchange ex) throws IOException {
        calls.incrementAndGet();
        JsonNode req = JSON.readTree(ex.getRequestBody());
        StringBuilder prompt = new StringBuilder();
        for (JsonNode m : req.path("messages")) {
            prompt.append(m.path("content").asText()).append('\n');
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + calls.get())
                .put("object", "chat.completion")
                .put("created", 1);
        root.put("model", "gpt-4o-mini");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer(prompt.toString()));
        root.putObject("usage")
                .put("prompt_tokens", 1200)
                .put("completion_tokens", 80)
                .put("total_tokens", 1280);
        byte[] b = root.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    public static String answer(String prompt) {
        BigDecimal price = number(PRICE, prompt);
        BigDecimal atr = number(ATR, prompt);
        if (prompt.contains("Position held: long")) {
            return "{\"action\":\"SELL\",\"confidence\":0.6,\"entry\":" + price.toPlainString()
                    + ",\"stop_loss\":null,\"take_profit\":null,\"reasoning\":\"take the profit\"}";
        }
        MathContext mc = new MathContext(8);
        BigDecimal stop = price.subtract(atr.multiply(new BigDecimal("1.5")), mc);
        BigDecimal target = price.add(atr.multiply(new BigDecimal("3")), mc);
        return "{\"action\":\"BUY\",\"confidence\":0.7,\"entry\":" + price.toPlainString() + ",\"stop_loss\":"
                + stop.toPlainString() + ",\"take_profit\":" + target.toPlainString()
                + ",\"reasoning\":\"trend\"}";
    }

    private static BigDecimal number(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in the prompt");
        }
        return new BigDecimal(m.group(1));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
