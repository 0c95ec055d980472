package io.cryptogo.trading.venue.binance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A loopback server speaking Binance's SIGNED spot order endpoints: it checks the {@code X-MBX-APIKEY}
 * header and the HMAC-SHA256 signature of every signed request (query string plus body, as Binance
 * signs them), keeps orders by client order id, and can be told to hang or fail the next placement.
 */
final class BinanceLoopback implements AutoCloseable {
    /** What the next placement does. */
    enum Fault {
        NONE,
        /** records the order, then answers only after {@code hangMillis} (the client times out) */
        HANG_AFTER_RECORDING,
        /** records the order, then answers 500 */
        FAIL_500_AFTER_RECORDING,
        /** answers 503 without recording anything */
        FAIL_503_BEFORE_RECORDING
    }

    static final class Ord {
        final long id;
        final String cid;
        final String symbol;
        final String side;
        final String type;
        final BigDecimal qty;
        final BigDecimal price;
        volatile String status = "NEW";
        volatile BigDecimal executed = BigDecimal.ZERO;
        volatile BigDecimal quote = BigDecimal.ZERO;
        final List<String> trades = new ArrayList<>();

        Ord(long id, String cid, String symbol, String side, String type, BigDecimal qty, BigDecimal price) {
            this.id = id;
            this.cid = cid;
            this.symbol = symbol;
            this.side = side;
            this.type = type;
            this.qty = qty;
            this.price = price;
        }
    }

    final String apiKey;
    final String secret;
    final HttpServer server;
    final Map<String, Ord> orders = new ConcurrentHashMap<>();
    final AtomicLong ids = new AtomicLong(1000);
    final AtomicLong tradeIds = new AtomicLong(5000);
    final AtomicInteger placements = new AtomicInteger();
    final AtomicInteger signedOk = new AtomicInteger();
    final AtomicInteger signatureFailures = new AtomicInteger();
    final List<Map<String, String>> placementParams = new ArrayList<>();
    volatile BigDecimal marketPrice = new BigDecimal("50000");
    volatile Fault nextFault = Fault.NONE;
    /** Far beyond any client timeout, so the client surely gives up first; cut short by {@link #close()}. */
    volatile long hangMillis = 60_000;

    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

    BinanceLoopback(String apiKey, String secret) throws IOException {
        this.apiKey = apiKey;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(
                "/api/v3/time", ex -> send(ex, 200, "{\"serverTime\":" + System.currentTimeMillis() + "}"));
        server.createContext("/api/v3/order", this::order);
        server.createContext("/api/v3/myTrades", this::myTrades);
        server.createContext("/api/v3/account", this::account);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Fills an open order at a price (as the exchange would while the client is away). */
    void fill(String cid, BigDecimal price) {
        Ord o = orders.get(cid);
        BigDecimal rest = o.qty.subtract(o.executed);
        o.trades.add(trade(o, price, rest));
        o.executed = o.qty;
        o.quote = o.quote.add(price.multiply(rest));
        o.status = "FILLED";
    }

    private String trade(Ord o, BigDecimal price, BigDecimal qty) {
        long id = tradeIds.incrementAndGet();
        BigDecimal fee = price.multiply(qty).multiply(new BigDecimal("0.001"));
        return "{\"symbol\":\"" + o.symbol + "\",\"id\":" + id + ",\"tradeId\":" + id + ",\"orderId\":" + o.id
                + ",\"orderListId\":-1,\"price\":\"" + price.toPlainString() + "\",\"qty\":\"" + qty.toPlainString()
                + "\",\"quoteQty\":\"" + price.multiply(qty).toPlainString() + "\",\"commission\":\""
                + fee.toPlainString()
                + "\",\"commissionAsset\":\"USDT\",\"time\":" + System.currentTimeMillis()
                + ",\"isBuyer\":" + o.side.equals("BUY") + ",\"isMaker\":false,\"isBestMatch\":true}";
    }

    private Map<String, String> signed(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery() == null
                ? ""
                : ex.getRequestURI().getRawQuery();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String total = query + body;
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : (query + "&" + body).split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String sig = params.get("signature");
        String payload = total.replaceFirst("&?signature=[0-9a-fA-F]*", "");
        if (!apiKey.equals(ex.getRequestHeaders().getFirst("X-MBX-APIKEY"))) {
            signatureFailures.incrementAndGet();
            send(ex, 401, "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}");
            return null;
        }
        if (sig == null
                || !params.containsKey("timestamp")
                || !MessageDigest.isEqual(
                        hmac(payload).getBytes(), sig.toLowerCase().getBytes())) {
            signatureFailures.incrementAndGet();
            send(ex, 400, "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");
            return null;
        }
        signedOk.incrementAndGet();
        return params;
    }

    private String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void order(HttpExchange ex) throws IOException {
        Map<String, String> p = signed(ex);
        if (p == null) {
            return;
        }
        switch (ex.getRequestMethod()) {
            case "POST" -> place(ex, p);
            case "GET" -> {
                Ord o = find(p);
                if (o == null) {
                    send(ex, 400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
                } else {
                    send(ex, 200, json(o, false));
                }
            }
            case "DELETE" -> {
                Ord o = find(p);
                if (o == null) {
                    send(ex, 400, "{\"code\":-2011,\"msg\":\"Unknown order sent.\"}");
                } else if (!o.status.equals("NEW") && !o.status.equals("PARTIALLY_FILLED")) {
                    send(ex, 400, "{\"code\":-2011,\"msg\":\"Unknown order sent.\"}");
                } else {
                    o.status = "CANCELED";
                    send(
                            ex,
                            200,
                            "{\"symbol\":\"" + o.symbol + "\",\"origClientOrderId\":\"" + o.cid + "\",\"orderId\":"
                                    + o.id
                                    + ",\"orderListId\":-1,\"clientOrderId\":\"cancel-" + o.id + "\",\"price\":\""
                                    + o.price.toPlainString()
                                    + "\",\"origQty\":\"" + o.qty.toPlainString() + "\",\"executedQty\":\""
                                    + o.executed.toPlainString()
                                    + "\",\"cummulativeQuoteQty\":\"" + o.quote.toPlainString()
                                    + "\",\"status\":\"CANCELED\",\"timeInForce\":\"GTC\",\"type\":\""
                                    + o.type + "\",\"side\":\"" + o.side + "\"}");
                }
            }
            default -> send(ex, 405, "{\"code\":-1,\"msg\":\"method\"}");
        }
    }

    private Ord find(Map<String, String> p) {
        if (p.containsKey("origClientOrderId")) {
            return orders.get(p.get("origClientOrderId"));
        }
        String id = p.get("orderId");
        return orders.values().stream()
                .filter(o -> String.valueOf(o.id).equals(id))
                .findFirst()
                .orElse(null);
    }

    private void place(HttpExchange ex, Map<String, String> p) throws IOException {
        placements.incrementAndGet();
        synchronized (placementParams) {
            placementParams.add(p);
        }
        Fault fault = nextFault;
        nextFault = Fault.NONE;
        if (fault == Fault.FAIL_503_BEFORE_RECORDING) {
            send(
                    ex,
                    503,
                    "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request. Please try again.\"}");
            return;
        }
        String cid = p.get("newClientOrderId");
        if (cid == null || orders.containsKey(cid)) {
            send(ex, 400, "{\"code\":-2010,\"msg\":\"Duplicate order sent.\"}");
            return;
        }
        BigDecimal qty = new BigDecimal(p.get("quantity"));
        BigDecimal price = p.containsKey("price") ? new BigDecimal(p.get("price")) : BigDecimal.ZERO;
        Ord o = new Ord(ids.incrementAndGet(), cid, p.get("symbol"), p.get("side"), p.get("type"), qty, price);
        orders.put(cid, o);
        boolean crosses = o.type.equals("MARKET")
                || (o.side.equals("BUY") ? marketPrice.compareTo(price) <= 0 : marketPrice.compareTo(price) >= 0);
        if (crosses) {
            fill(cid, marketPrice);
        }
        if (fault == Fault.FAIL_500_AFTER_RECORDING) {
            send(ex, 500, "{\"code\":-1001,\"msg\":\"Internal error\"}");
            return;
        }
        if (fault == Fault.HANG_AFTER_RECORDING) {
            try {
                closing.await(hangMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        send(ex, 200, json(o, true));
    }

    private String json(Ord o, boolean withFills) {
        String s = "{\"symbol\":\"" + o.symbol + "\",\"orderId\":" + o.id + ",\"orderListId\":-1,\"clientOrderId\":\""
                + o.cid
                + "\",\"transactTime\":" + System.currentTimeMillis() + ",\"time\":" + System.currentTimeMillis()
                + ",\"updateTime\":" + System.currentTimeMillis() + ",\"price\":\"" + o.price.toPlainString()
                + "\",\"origQty\":\"" + o.qty.toPlainString() + "\",\"executedQty\":\"" + o.executed.toPlainString()
                + "\",\"cummulativeQuoteQty\":\"" + o.quote.toPlainString() + "\",\"status\":\"" + o.status
                + "\",\"timeInForce\":\"GTC\",\"type\":\"" + o.type + "\",\"side\":\"" + o.side
                + "\",\"stopPrice\":\"0.0\",\"icebergQty\":\"0.0\",\"isWorking\":true";
        if (withFills) {
            s += ",\"fills\":[" + String.join(",", o.trades) + "]";
        }
        return s + "}";
    }

    private void myTrades(HttpExchange ex) throws IOException {
        Map<String, String> p = signed(ex);
        if (p == null) {
            return;
        }
        String id = p.get("orderId");
        List<String> out = new ArrayList<>();
        for (Ord o : orders.values()) {
            if (id == null || String.valueOf(o.id).equals(id)) {
                out.addAll(o.trades);
            }
        }
        send(ex, 200, "[" + String.join(",", out) + "]");
    }

    private void account(HttpExchange ex) throws IOException {
        if (signed(ex) == null) {
            return;
        }
        send(
                ex,
                200,
                "{\"makerCommission\":10,\"takerCommission\":10,\"buyerCommission\":0,\"sellerCommission\":0,"
                        + "\"canTrade\":true,\"canWithdraw\":true,\"canDeposit\":true,\"updateTime\":0,\"accountType\":\"SPOT\","
                        + "\"balances\":[{\"asset\":\"USDT\",\"free\":\"10000.00000000\",\"locked\":\"0.00000000\"},"
                        + "{\"asset\":\"BTC\",\"free\":\"1.00000000\",\"locked\":\"0.00000000\"},"
                        + "{\"asset\":\"ETH\",\"free\":\"0.00000000\",\"locked\":\"0.00000000\"}],\"permissions\":[\"SPOT\"]}");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        try {
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        } catch (IOException e) {
            // the client gave up (timeout test)
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
