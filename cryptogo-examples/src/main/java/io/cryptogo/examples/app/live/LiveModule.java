package io.cryptogo.examples.app.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.market.SymbolCatalog;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.javalin.websocket.WsContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * {@code WS /ws}: the live stream. Protocol (JSON text frames):
 *
 * <pre>{@code
 * -> {"type":"subscribe","symbol":"BTC/USDT","interval":"1m"}     (again to switch)
 * <- {"type":"subscribed","symbol":"BTC/USDT","interval":"1m"}
 * <- {"type":"candle","symbol":"BTC/USDT","interval":"1m","candle":{openTime,...,closed},"sent":ms}
 * <- {"type":"ticker","symbol":"BTC/USDT","price":97000.1,"time":ms}
 * -> {"type":"unsubscribe"}   {"type":"ping"} (answered {"type":"pong"})
 * <- {"type":"error","error":"invalid_request","field":"interval","detail":"..."}
 * }</pre>
 *
 * {@code /ws?symbol=BTC/USDT&interval=1m} subscribes on connect. Publishes the {@link LiveHub} as a service.
 */
public final class LiveModule implements AppModule {
    /** The module, as the app registry instantiates it. */
    public LiveModule() {}

    @Override
    public void register(AppRegistry app) {
        LiveHub hub = new LiveHub(app.market(), app.json(), app.settings().wsQueueSize());
        app.service(LiveHub.class, hub);
        app.closeOnStop(hub);
        SymbolCatalog catalog = app.service(SymbolCatalog.class)
                .orElseThrow(() -> new IllegalStateException("LiveModule needs MarketApiModule registered first"));
        ObjectMapper json = app.json();
        Map<String, LiveClient> bySession = new ConcurrentHashMap<>();

        app.routes().ws("/ws", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(java.time.Duration.ofSeconds(90));
                ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
                LiveClient client = hub.connect(ctx.sessionId(), new JettyOutbox(ctx));
                bySession.put(ctx.sessionId(), client);
                String symbol = ctx.queryParam("symbol");
                if (symbol != null) {
                    handle(hub, catalog, client, subscribeRequest(symbol, ctx.queryParam("interval")));
                }
            });
            ws.onMessage(ctx -> {
                LiveClient client = bySession.get(ctx.sessionId());
                if (client == null) {
                    return;
                }
                JsonNode msg;
                try {
                    msg = json.readTree(ctx.message());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    hub.reply(
                            client,
                            error(
                                    "message",
                                    "not JSON; send {\"type\":\"subscribe\",\"symbol\":\"BTC/USDT\","
                                            + "\"interval\":\"1m\"}"));
                    return;
                }
                handle(hub, catalog, client, msg);
            });
            ws.onBinaryMessage(ctx -> {
                LiveClient client = bySession.get(ctx.sessionId());
                if (client != null) {
                    hub.reply(
                            client,
                            error(
                                    "message",
                                    "binary frames are not accepted; send JSON text frames such as"
                                            + " {\"type\":\"subscribe\",\"symbol\":\"BTC/USDT\",\"interval\":\"1m\"}"));
                }
            });
            ws.onClose(ctx -> hub.disconnect(bySession.remove(ctx.sessionId())));
            ws.onError(ctx -> hub.disconnect(bySession.remove(ctx.sessionId())));
        });
    }

    private static JsonNode subscribeRequest(String symbol, String interval) {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put("type", "subscribe");
        node.put("symbol", symbol);
        if (interval != null) {
            node.put("interval", interval);
        }
        return node;
    }

    private static void handle(LiveHub hub, SymbolCatalog catalog, LiveClient client, JsonNode msg) {
        String type = msg.path("type").asText(msg.has("symbol") ? "subscribe" : "");
        try {
            switch (type) {
                case "subscribe" -> {
                    Symbol symbol = Symbol.parse(msg.path("symbol").asText(null));
                    catalog.require(symbol, "symbol");
                    Interval interval = Interval.parse(msg.path("interval").asText("1m"));
                    hub.subscribe(client, new StreamKey(symbol, interval));
                }
                case "unsubscribe" -> hub.unsubscribe(client);
                case "ping" -> hub.reply(client, "{\"type\":\"pong\"}");
                default ->
                    hub.reply(
                            client,
                            error(
                                    "type",
                                    "unknown message type " + io.cryptogo.examples.app.Decimals.quote(type)
                                            + "; accepted values: subscribe, unsubscribe, ping"));
            }
        } catch (InvalidRequestException e) {
            hub.reply(client, error(e.field(), e.getMessage()));
        } catch (io.cryptogo.error.CryptoGoException e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "error");
            m.put("error", "exchange_unavailable");
            m.put("detail", e.getMessage());
            hub.reply(client, m);
        }
    }

    private static Map<String, Object> error(String field, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "error");
        m.put("error", "invalid_request");
        m.put("field", field);
        m.put("detail", detail);
        return m;
    }

    /**
     * Jetty's asynchronous send: never blocks the caller. A batch goes to Jetty's core session as pre-encoded
     * text frames (the shared UTF-8 bytes of each message, no per-client encoding), all but the last marked
     * for batching, so the frames of one batch leave in one socket write.
     */
    private record JettyOutbox(WsContext ctx) implements Outbox {
        @Override
        public void send(String text, Runnable sent, java.util.function.Consumer<Throwable> failed) {
            if (!ctx.session.isOpen()) {
                failed.accept(new java.io.IOException("session closed"));
                return;
            }
            ctx.session.sendText(text, Callback.from(sent, failed));
        }

        @Override
        public void sendAll(
                java.util.List<Payload> batch, Runnable sent, java.util.function.Consumer<Throwable> failed) {
            // no isOpen() check first: it takes the session's lock, and a send on a closed session fails anyway
            if (!(ctx.session instanceof org.eclipse.jetty.websocket.common.WebSocketSession jetty)) {
                Outbox.super.sendAll(batch, sent, failed);
                return;
            }
            CoreSession core = jetty.getCoreSession();
            java.util.concurrent.atomic.AtomicInteger left =
                    new java.util.concurrent.atomic.AtomicInteger(batch.size());
            org.eclipse.jetty.util.Callback each = org.eclipse.jetty.util.Callback.from(
                    () -> {
                        if (left.decrementAndGet() == 0) {
                            sent.run();
                        }
                    },
                    failed);
            for (int i = 0; i < batch.size(); i++) {
                core.sendFrame(new Frame(OpCode.TEXT, batch.get(i).bytes()), each, i < batch.size() - 1);
            }
        }

        @Override
        public void close(int code, String reason) {
            ctx.session.close(code, reason, Callback.NOOP);
        }
    }
}
