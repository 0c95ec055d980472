// The desk in JShell on a loopback model: a tiny OpenAI-compatible server on 127.0.0.1 that answers by role,
// then AI_MODE=desk through Desks.fromConfig exactly as with a real local server (Ollama, vLLM, LM Studio).
// Run: jshell --class-path "$CP" cryptogo-ai/src/test/jshell/desk-loopback.jsh   (CP: see docs/ai.md)
import com.sun.net.httpserver.*;
import java.net.*;
import java.util.*;
import io.cryptogo.config.Config;
import io.cryptogo.model.*;
import io.cryptogo.ai.*;
import io.cryptogo.ai.desk.*;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.indicators.snapshot.MarketSnapshot;

String answer(String body) {
    if (body.contains("ROLE: technical")) return "{\"bias\":\"neutral\",\"confidence\":0.5,\"key_levels\":[],\"reasons\":[\"range\"]}";
    if (body.contains("ROLE: bull")) return "{\"bias\":\"bullish\",\"conviction\":0.5,\"points\":[\"higher lows\"]}";
    if (body.contains("ROLE: bear")) return "{\"bias\":\"bearish\",\"conviction\":0.5,\"points\":[\"weak volume\"]}";
    if (body.contains("ROLE: research_manager")) return "{\"bias\":\"neutral\",\"conviction\":0.5,\"points\":[\"no edge\"]}";
    return "{\"action\":\"HOLD\",\"confidence\":0.5,\"entry\":null,\"stop_loss\":null,\"take_profit\":null,\"reasoning\":\"no edge\"}";
}
var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
server.createContext("/v1/chat/completions", ex -> {
    String body = new String(ex.getRequestBody().readAllBytes());
    var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    json.put("id", "x").put("object", "chat.completion").put("created", 1).put("model", "gpt-4o-mini");
    var choice = json.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", answer(body));
    json.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 60).put("total_tokens", 960);
    byte[] b = json.toString().getBytes();
    ex.sendResponseHeaders(200, b.length); ex.getResponseBody().write(b); ex.close();
});
server.start();

var config = Config.of(Map.of("AI_MODE", "desk", "OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
        "OPENAI_MODEL", "gpt-4o-mini"));
var market = io.cryptogo.market.sim.SimulatedMarket.demo();
var snap = MarketSnapshot.builder(market).symbol("BTC/USDT").intradayInterval(Interval.H1).contextInterval(Interval.H4).build();
var desk = (TradingDesk) Desks.fromConfig(config, DecisionStore.inMemory(), AgentCallStore.inMemory(), null);
var d = desk.decide(snap);
System.out.println(d.signal().generator() + " " + d.signal().action() + " cost " + d.costUsd().orElseThrow() + " USD");
for (var c : desk.transcript(d)) System.out.println("  " + c.role().key() + ": " + c.view());
desk.close();
server.stop(0);
/exit
