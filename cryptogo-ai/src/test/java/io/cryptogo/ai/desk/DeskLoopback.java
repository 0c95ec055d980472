package io.cryptogo.ai.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cryptogo.ai.provider.ChatModels;
import io.cryptogo.ai.testing.LoopbackLlm.Wire;
import io.cryptogo.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback model server for the desk: it speaks the OpenAI, Anthropic or Ollama chat wire format and
 * answers by role (read from the {@code ROLE: <role>} line of the system prompt; {@code single} when there
 * is none), so the parallel analysts get their answers whatever the order of arrival.
 */
final class DeskLoopback implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROLE = Pattern.compile("ROLE: ([a-z_]+)");

    /** An answer text after an optional delay. */
    record Reply(String text, long delayMillis) {
        static Reply of(String text) {
            return new Reply(text, 0);
        }
    }

    /** One request as received. */
    record Request(String role, String body, String system, String user) {}

    private final Wire wire;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private volatile BiFunction<String, Request, Reply> responder;

    DeskLoopback(Wire wire, BiFunction<String, Request, Reply> responder) throws IOException {
        this.wire = wire;
        this.responder = responder;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** Answers by role from a map ({@code single} for the single generator's prompt). */
    static BiFunction<String, Request, Reply> byRole(Map<String, String> answers) {
        return (role, req) -> Reply.of(answers.getOrDefault(role, "{}"));
    }

    void respond(BiFunction<String, Request, Reply> r) {
        this.responder = r;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized long count(String role) {
        return requests.stream().filter(r -> r.role().equals(role)).count();
    }

    ChatModels.Configured model() {
        return ChatModels.fromConfig(config(Map.of())).orElseThrow();
    }

    Config config(Map<String, String> extra) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> m = new HashMap<>(
                switch (wire) {
                    case OPENAI ->
                        Map.of(
                                "OPENAI_BASE_URL",
                                base + "/v1",
                                "OPENAI_API_KEY",
                                "sk-test",
                                "OPENAI_MODEL",
                                "gpt-4o-mini");
                    case ANTHROPIC ->
                        Map.of(
                                "ANTHROPIC_BASE_URL",
                                base + "/v1/",
                                "ANTHROPIC_API_KEY",
                                "sk-ant-test",
                                "ANTHROPIC_MODEL",
                                "claude-sonnet-4-5");
                    case OLLAMA -> Map.of("OLLAMA_BASE_URL", base, "OLLAMA_MODEL", "llama3.1");
                });
        m.putAll(extra);
        return Config.of(m);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode root = JSON.readTree(body);
        StringBuilder system = new StringBuilder();
        StringBuilder user = new StringBuilder();
        if (root.has("system")) {
            JsonNode s = root.get("system");
            if (s.isTextual()) {
                system.append(s.asText());
            } else {
                s.forEach(n -> system.append(n.path("text").asText()));
            }
        }
        for (JsonNode m : root.path("messages")) {
            String text = m.path("content").isTextual()
                    ? m.path("content").asText()
                    : m.path("content").findValuesAsText("text").toString();
            if ("system".equals(m.path("role").asText())) {
                system.append(text);
            } else if ("user".equals(m.path("role").asText())) {
                user.append(text).append('\n');
            }
        }
        Matcher rm = ROLE.matcher(system);
        String role = rm.find() ? rm.group(1) : "single";
        Request req = new Request(role, body, system.toString(), user.toString());
        synchronized (this) {
            requests.add(req);
        }
        Reply r = responder.apply(role, req);
        if (r.delayMillis() > 0) {
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] b = wireBody(r.text()).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        } catch (IOException e) {
            // the client gave up (agent timeout)
        }
        ex.close();
    }

    private String wireBody(String text) {
        ObjectNode root = JSON.createObjectNode();
        switch (wire) {
            case OPENAI -> {
                root.put("id", "chatcmpl-1")
                        .put("object", "chat.completion")
                        .put("created", 1)
                        .put("model", "gpt-4o-mini");
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
                root.putArray("content").addObject().put("type", "text").put("text", text);
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

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
