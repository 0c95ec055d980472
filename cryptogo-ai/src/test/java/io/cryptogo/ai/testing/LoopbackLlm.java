package io.cryptogo.ai.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cryptogo.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that speaks one provider's chat wire format (OpenAI chat completions, Anthropic
 * messages, Ollama chat) with scripted replies, and records every request body.
 */
public final class LoopbackLlm implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The wire formats. */
    public enum Wire {
        OPENAI("/v1/chat/completions"),
        ANTHROPIC("/v1/messages"),
        OLLAMA("/api/chat");

        final String path;

        Wire(String path) {
            this.path = path;
        }
    }

    /** One scripted reply: an answer text, or a raw status with headers and body, after an optional delay. */
    public record Reply(int status, Map<String, String> headers, String text, String rawBody, long delayMillis) {
        public static Reply answer(String text) {
            return new Reply(200, Map.of(), text, null, 0);
        }

        public static Reply status(int status, Map<String, String> headers, String body) {
            return new Reply(status, headers, null, body, 0);
        }

        public static Reply slow(String text, long delayMillis) {
            return new Reply(200, Map.of(), text, null, delayMillis);
        }
    }

    private final Wire wire;
    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();

    public LoopbackLlm(Wire wire) throws IOException {
        this.wire = wire;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public Wire wire() {
        return wire;
    }

    /** Queues replies, served in order. */
    public synchronized LoopbackLlm then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public synchronized LoopbackLlm thenAnswer(String... texts) {
        for (String t : texts) {
            script.add(Reply.answer(t));
        }
        return this;
    }

    /** Every request body received so far. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The settings that point the provider's real langchain4j client at this server. */
    public Config config(Map<String, String> extra) {
        Map<String, String> m = new java.util.HashMap<>(
                switch (wire) {
                    case OPENAI ->
                        Map.of(
                                "OPENAI_BASE_URL",
                                baseUrl() + "/v1",
                                "OPENAI_API_KEY",
                                "sk-test-secret",
                                "OPENAI_MODEL",
                                "gpt-4o-mini");
                    case ANTHROPIC ->
                        Map.of(
                                "ANTHROPIC_BASE_URL",
                                baseUrl() + "/v1/",
                                "ANTHROPIC_API_KEY",
                                "sk-ant-test-secret",
                                "ANTHROPIC_MODEL",
                                "claude-sonnet-4-5");
                    case OLLAMA -> Map.of("OLLAMA_BASE_URL", baseUrl(), "OLLAMA_MODEL", "llama3.1");
                });
        m.putAll(extra);
        return Config.of(m);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply r;
        synchronized (this) {
            requests.add(body);
            r = script.poll();
        }
        if (!ex.getRequestURI().getPath().equals(wire.path)) {
            send(
                    ex,
                    404,
                    Map.of(),
                    "{\"error\":\"no route " + ex.getRequestURI().getPath() + "\"}");
            return;
        }
        if (r == null) {
            send(ex, 500, Map.of(), "{\"error\":\"no scripted reply\"}");
            return;
        }
        if (r.delayMillis() > 0) {
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (r.text() != null) {
            send(ex, 200, Map.of(), wireBody(r.text()));
        } else {
            send(ex, r.status(), r.headers(), r.rawBody());
        }
    }

    private String wireBody(String text) {
        ObjectNode root = JSON.createObjectNode();
        switch (wire) {
            case OPENAI -> {
                root.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1);
                root.put("model", "gpt-4o-mini");
                ObjectNode choice = root.putArray("choices").addObject();
                choice.put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", text);
                root.putObject("usage")
                        .put("prompt_tokens", 1200)
                        .put("completion_tokens", 80)
                        .put("total_tokens", 1280);
            }
            case ANTHROPIC -> {
                root.put("id", "msg_1").put("type", "message").put("role", "assistant");
                root.put("model", "claude-sonnet-4-5").put("stop_reason", "end_turn");
                if (!text.isEmpty()) {
                    root.putArray("content").addObject().put("type", "text").put("text", text);
                } else {
                    root.putArray("content");
                }
                root.putObject("usage").put("input_tokens", 1200).put("output_tokens", 80);
            }
            case OLLAMA -> {
                root.put("model", "llama3.1").put("created_at", "2025-01-01T00:00:00Z");
                root.putObject("message").put("role", "assistant").put("content", text);
                root.put("done", true).put("done_reason", "stop");
                root.put("prompt_eval_count", 1200).put("eval_count", 80);
            }
        }
        return root.toString();
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
