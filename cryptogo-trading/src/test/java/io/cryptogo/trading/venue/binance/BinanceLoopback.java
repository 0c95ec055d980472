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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A loopback server speaking Binance's SIGNED spot endpoints: orders ({@code /api/v3/order}), OCO lists
 * ({@code POST /api/v3/orderList/oco}, {@code DELETE /api/v3/orderList}, {@code GET /api/v3/openOrderList}),
 * {@code /api/v3/openOrders}, {@code /api/v3/myTrades}, {@code /api/v3/account}, plus {@code /api/v3/time}
 * and {@code /api/v3/exchangeInfo?symbol=}. It checks the {@code X-MBX-APIKEY} header, the HMAC-SHA256
 * signature of every signed request (query string plus body, as Binance signs them) and the timestamp
 * against {@code recvWindow}; keeps orders by client order id; moves resting orders when the test moves
 * the price ({@link #price}): limit orders fill when crossed, a stop leg triggers at its stop and fills at
 * its limit, and the other leg of an OCO expires. Faults are scripted per placement and per cancel.
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

    /** What the next cancel ({@code DELETE /api/v3/order}) does. */
    enum CancelFault {
        NONE,
        /** answers 429 (Retry-After 1) and cancels nothing */
        RATE_LIMITED,
        /** answers 503 and cancels nothing */
        FAIL_503_BEFORE_CANCELING,
        /** cancels, then answers 500 */
        FAIL_500_AFTER_CANCELING,
        /** the order fills at the market just before the cancel arrives: Binance answers -2011 */
        FILL_FIRST
    }

    static final class Ord {
        final long id;
        final String cid;
        final String symbol;
        final String side;
        final String type;
        final BigDecimal qty;
        final BigDecimal price;
        final BigDecimal stopPrice;
        final long listId;
        volatile String status = "NEW";
        volatile BigDecimal executed = BigDecimal.ZERO;
        volatile BigDecimal quote = BigDecimal.ZERO;
        final List<String> trades = new CopyOnWriteArrayList<>();

        Ord(long id, String cid, String symbol, String side, String type, BigDecimal qty, BigDecimal price) {
            this(id, cid, symbol, side, type, qty, price, BigDecimal.ZERO, -1);
        }

        Ord(
                long id,
                String cid,
                String symbol,
                String side,
                String type,
                BigDecimal qty,
                BigDecimal price,
                BigDecimal stopPrice,
                long listId) {
            this.id = id;
            this.cid = cid;
            this.symbol = symbol;
            this.side = side;
            this.type = type;
            this.qty = qty;
            this.price = price;
            this.stopPrice = stopPrice;
            this.listId = listId;
        }

        boolean open() {
            return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
        }
    }

    /** An OCO order list: its two legs by client order id. */
    static final class OrdList {
        final long id;
        final String listCid;
        final String symbol;
        final String belowCid;
        final String aboveCid;
        volatile String listOrderStatus = "EXECUTING";

        OrdList(long id, String listCid, String symbol, String belowCid, String aboveCid) {
            this.id = id;
            this.listCid = listCid;
            this.symbol = symbol;
            this.belowCid = belowCid;
            this.aboveCid = aboveCid;
        }
    }

    final String apiKey;
    final String secret;
    final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "binance-loopback");
        t.setDaemon(true);
        return t;
    });
    final Map<String, Ord> orders = new ConcurrentHashMap<>();
    final Map<String, OrdList> lists = new ConcurrentHashMap<>();
    final AtomicLong ids = new AtomicLong(1000);
    final AtomicLong listIds = new AtomicLong(70);
    final AtomicLong tradeIds = new AtomicLong(5000);
    final AtomicInteger placements = new AtomicInteger();
    final AtomicInteger listPlacements = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger signedOk = new AtomicInteger();
    final AtomicInteger signatureFailures = new AtomicInteger();
    final AtomicInteger timestampFailures = new AtomicInteger();
    final List<Map<String, String>> placementParams = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    volatile BigDecimal marketPrice = new BigDecimal("50000");
    volatile Fault nextFault = Fault.NONE;
    volatile CancelFault nextCancelFault = CancelFault.NONE;
    /** Far beyond any client timeout, so the client surely gives up first; cut short by {@link #close()}. */
    volatile long hangMillis = 60_000;

    private final CountDownLatch closing = new CountDownLatch(1);

    BinanceLoopback(String apiKey, String secret) throws IOException {
        this.apiKey = apiKey;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext(
                "/api/v3/time", ex -> send(ex, 200, "{\"serverTime\":" + System.currentTimeMillis() + "}"));
        server.createContext("/api/v3/exchangeInfo", this::exchangeInfo);
        server.createContext("/api/v3/order", this::order);
        server.createContext("/api/v3/orderList/oco", this::oco);
        server.createContext("/api/v3/orderList", this::orderList);
        server.createContext("/api/v3/openOrderList", this::openOrderList);
        server.createContext("/api/v3/openOrders", this::openOrders);
        server.createContext("/api/v3/allOrders", this::allOrders);
        server.createContext("/api/v3/myTrades", this::myTrades);
        server.createContext("/api/v3/account", this::account);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Fills the rest of an open order at a price (as the exchange would while the client is away). */
    void fill(String cid, BigDecimal price) {
        Ord o = orders.get(cid);
        fill(o, price, o.qty.subtract(o.executed));
    }

    /** Fills part of an open order. */
    synchronized void partialFill(String cid, BigDecimal price, BigDecimal qty) {
        fill(orders.get(cid), price, qty);
    }

    private synchronized void fill(Ord o, BigDecimal price, BigDecimal qty) {
        o.trades.add(trade(o, price, qty));
        o.executed = o.executed.add(qty);
        o.quote = o.quote.add(price.multiply(qty));
        o.status = o.executed.compareTo(o.qty) >= 0 ? "FILLED" : "PARTIALLY_FILLED";
        if (o.listId >= 0) {
            // one leg traded: the other leg of the OCO expires
            for (OrdList l : lists.values()) {
                if (l.id == o.listId) {
                    Ord other = orders.get(o.cid.equals(l.belowCid) ? l.aboveCid : l.belowCid);
                    if (other.open()) {
                        other.status = "EXPIRED";
                    }
                    if (o.status.equals("FILLED")) {
                        l.listOrderStatus = "ALL_DONE";
                    }
                }
            }
        }
    }

    /** Moves the market: crossed limit orders fill at their price, triggered stop legs at their limit price. */
    synchronized void price(BigDecimal price) {
        marketPrice = price;
        for (Ord o : List.copyOf(orders.values())) {
            if (!o.open()) {
                continue;
            }
            boolean sell = o.side.equals("SELL");
            switch (o.type) {
                case "LIMIT", "LIMIT_MAKER" -> {
                    if (sell ? price.compareTo(o.price) >= 0 : price.compareTo(o.price) <= 0) {
                        fill(o, o.price, o.qty.subtract(o.executed));
                    }
                }
                case "STOP_LOSS_LIMIT" -> {
                    if (sell && price.compareTo(o.stopPrice) <= 0) {
                        fill(o, o.price, o.qty.subtract(o.executed));
                    }
                }
                default -> {}
            }
        }
    }

    private String trade(Ord o, BigDecimal price, BigDecimal qty) {
        long id = tradeIds.incrementAndGet();
        BigDecimal fee = price.multiply(qty).multiply(new BigDecimal("0.001"));
        return "{\"symbol\":\"" + o.symbol + "\",\"id\":" + id + ",\"tradeId\":" + id + ",\"orderId\":" + o.id
                + ",\"orderListId\":" + o.listId + ",\"price\":\"" + price.toPlainString() + "\",\"qty\":\""
                + qty.toPlainString()
                + "\",\"quoteQty\":\"" + price.multiply(qty).toPlainString() + "\",\"commission\":\""
                + fee.toPlainString()
                + "\",\"commissionAsset\":\"USDT\",\"time\":" + System.currentTimeMillis()
                + ",\"isBuyer\":" + o.side.equals("BUY") + ",\"isMaker\":false,\"isBestMatch\":true}";
    }

    private Map<String, String> signed(HttpExchange ex) throws IOException {
        paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
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
        long ts = Long.parseLong(params.get("timestamp"));
        long window = Long.parseLong(params.getOrDefault("recvWindow", "5000"));
        long now = System.currentTimeMillis();
        if (ts > now + 1000 || now - ts > window) {
            timestampFailures.incrementAndGet();
            send(ex, 400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}");
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

    private void exchangeInfo(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getQuery();
        String symbol = q != null && q.startsWith("symbol=") ? q.substring(7) : "BTCUSDT";
        if (!symbol.equals("BTCUSDT")) {
            send(ex, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return;
        }
        send(
                ex,
                200,
                "{\"timezone\":\"UTC\",\"serverTime\":" + System.currentTimeMillis()
                        + ",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\","
                        + "\"intervalNum\":1,\"limit\":6000}],\"exchangeFilters\":[],\"symbols\":[{\"symbol\":\"BTCUSDT\","
                        + "\"status\":\"TRADING\",\"baseAsset\":\"BTC\",\"baseAssetPrecision\":8,\"quoteAsset\":\"USDT\","
                        + "\"quotePrecision\":8,\"orderTypes\":[\"LIMIT\",\"LIMIT_MAKER\",\"MARKET\",\"STOP_LOSS_LIMIT\","
                        + "\"TAKE_PROFIT_LIMIT\"],\"ocoAllowed\":true,\"otoAllowed\":true,\"filters\":["
                        + "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01000000\",\"maxPrice\":\"1000000.00000000\","
                        + "\"tickSize\":\"0.01000000\"},{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.00001000\","
                        + "\"maxQty\":\"9000.00000000\",\"stepSize\":\"0.00001000\"},{\"filterType\":\"NOTIONAL\","
                        + "\"minNotional\":\"5.00000000\",\"applyMinToMarket\":true,\"maxNotional\":\"9000000.00000000\","
                        + "\"applyMaxToMarket\":false,\"avgPriceMins\":5}]}]}");
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
            case "DELETE" -> cancel(ex, p);
            default -> send(ex, 405, "{\"code\":-1,\"msg\":\"method\"}");
        }
    }

    private void cancel(HttpExchange ex, Map<String, String> p) throws IOException {
        cancels.incrementAndGet();
        CancelFault fault = nextCancelFault;
        nextCancelFault = CancelFault.NONE;
        if (fault == CancelFault.RATE_LIMITED) {
            ex.getResponseHeaders().add("Retry-After", "1");
            send(ex, 429, "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 6000 request weight.\"}");
            return;
        }
        if (fault == CancelFault.FAIL_503_BEFORE_CANCELING) {
            send(ex, 503, "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request.\"}");
            return;
        }
        Ord o = find(p);
        if (o != null && fault == CancelFault.FILL_FIRST && o.open()) {
            fill(o.cid, o.type.equals("LIMIT") ? o.price : marketPrice);
        }
        synchronized (this) {
            if (o == null || !o.open()) {
                send(ex, 400, "{\"code\":-2011,\"msg\":\"Unknown order sent.\"}");
                return;
            }
            o.status = "CANCELED";
        }
        if (fault == CancelFault.FAIL_500_AFTER_CANCELING) {
            send(ex, 500, "{\"code\":-1001,\"msg\":\"Internal error\"}");
            return;
        }
        send(
                ex,
                200,
                "{\"symbol\":\"" + o.symbol + "\",\"origClientOrderId\":\"" + o.cid + "\",\"orderId\":" + o.id
                        + ",\"orderListId\":" + o.listId + ",\"clientOrderId\":\"cancel-" + o.id + "\",\"price\":\""
                        + o.price.toPlainString()
                        + "\",\"origQty\":\"" + o.qty.toPlainString() + "\",\"executedQty\":\""
                        + o.executed.toPlainString()
                        + "\",\"cummulativeQuoteQty\":\"" + o.quote.toPlainString()
                        + "\",\"status\":\"CANCELED\",\"timeInForce\":\"GTC\",\"type\":\""
                        + o.type + "\",\"side\":\"" + o.side + "\"}");
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
        placementParams.add(p);
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
        String type = p.get("type");
        BigDecimal stop = p.containsKey("stopPrice") ? new BigDecimal(p.get("stopPrice")) : BigDecimal.ZERO;
        if (type.equals("STOP_LOSS_LIMIT") && marketPrice.compareTo(stop) <= 0) {
            send(ex, 400, "{\"code\":-2010,\"msg\":\"Stop price would trigger immediately.\"}");
            return;
        }
        Ord o = new Ord(ids.incrementAndGet(), cid, p.get("symbol"), p.get("side"), type, qty, price, stop, -1);
        synchronized (this) {
            orders.put(cid, o);
            boolean crosses = type.equals("MARKET")
                    || (type.equals("LIMIT")
                            && (o.side.equals("BUY")
                                    ? marketPrice.compareTo(price) <= 0
                                    : marketPrice.compareTo(price) >= 0));
            if (crosses) {
                fill(cid, marketPrice);
            }
        }
        if (fault == Fault.FAIL_500_AFTER_RECORDING) {
            send(ex, 500, "{\"code\":-1001,\"msg\":\"Internal error\"}");
            return;
        }
        if (fault == Fault.HANG_AFTER_RECORDING) {
            try {
                closing.await(hangMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        send(ex, 200, json(o, true));
    }

    /** {@code POST /api/v3/orderList/oco}: a SELL with a LIMIT_MAKER above and a STOP_LOSS_LIMIT below. */
    private void oco(HttpExchange ex) throws IOException {
        Map<String, String> p = signed(ex);
        if (p == null) {
            return;
        }
        listPlacements.incrementAndGet();
        placementParams.add(p);
        String listCid = p.get("listClientOrderId");
        if (listCid == null || lists.containsKey(listCid)) {
            send(ex, 400, "{\"code\":-2010,\"msg\":\"Duplicate order sent.\"}");
            return;
        }
        if (!"LIMIT_MAKER".equals(p.get("aboveType")) || !"STOP_LOSS_LIMIT".equals(p.get("belowType"))) {
            send(
                    ex,
                    400,
                    "{\"code\":-1102,\"msg\":\"Mandatory parameter 'aboveType' was not sent, was empty/null, or malformed.\"}");
            return;
        }
        BigDecimal qty = new BigDecimal(p.get("quantity"));
        BigDecimal above = new BigDecimal(p.get("abovePrice"));
        BigDecimal belowStop = new BigDecimal(p.get("belowStopPrice"));
        BigDecimal belowPrice = new BigDecimal(p.get("belowPrice"));
        if (above.compareTo(marketPrice) <= 0) {
            send(ex, 400, "{\"code\":-2010,\"msg\":\"Order would immediately match and take.\"}");
            return;
        }
        if (belowStop.compareTo(marketPrice) >= 0) {
            send(ex, 400, "{\"code\":-2010,\"msg\":\"Stop price would trigger immediately.\"}");
            return;
        }
        for (String name : List.of("abovePrice", "belowStopPrice", "belowPrice")) {
            if (new BigDecimal(p.get(name)).remainder(new BigDecimal("0.01")).signum() != 0) {
                send(ex, 400, "{\"code\":-1013,\"msg\":\"Filter failure: PRICE_FILTER\"}");
                return;
            }
        }
        if (qty.remainder(new BigDecimal("0.00001")).signum() != 0) {
            send(ex, 400, "{\"code\":-1013,\"msg\":\"Filter failure: LOT_SIZE\"}");
            return;
        }
        long listId = listIds.incrementAndGet();
        String symbol = p.get("symbol");
        String belowCid = p.getOrDefault("belowClientOrderId", "below-" + listId);
        String aboveCid = p.getOrDefault("aboveClientOrderId", "above-" + listId);
        Ord below = new Ord(
                ids.incrementAndGet(), belowCid, symbol, "SELL", "STOP_LOSS_LIMIT", qty, belowPrice, belowStop, listId);
        Ord aboveLeg = new Ord(
                ids.incrementAndGet(), aboveCid, symbol, "SELL", "LIMIT_MAKER", qty, above, BigDecimal.ZERO, listId);
        OrdList l = new OrdList(listId, listCid, symbol, belowCid, aboveCid);
        synchronized (this) {
            orders.put(belowCid, below);
            orders.put(aboveCid, aboveLeg);
            lists.put(listCid, l);
        }
        send(ex, 200, listJson(l, "EXEC_STARTED", true));
    }

    /** {@code DELETE /api/v3/orderList} by {@code orderListId} or {@code listClientOrderId}. */
    private void orderList(HttpExchange ex) throws IOException {
        Map<String, String> p = signed(ex);
        if (p == null) {
            return;
        }
        if (!ex.getRequestMethod().equals("DELETE")) {
            send(ex, 405, "{\"code\":-1,\"msg\":\"method\"}");
            return;
        }
        OrdList l = p.containsKey("listClientOrderId")
                ? lists.get(p.get("listClientOrderId"))
                : lists.values().stream()
                        .filter(x -> String.valueOf(x.id).equals(p.get("orderListId")))
                        .findFirst()
                        .orElse(null);
        synchronized (this) {
            if (l == null || !l.listOrderStatus.equals("EXECUTING")) {
                send(ex, 400, "{\"code\":-2011,\"msg\":\"Unknown order sent.\"}");
                return;
            }
            for (String cid : List.of(l.belowCid, l.aboveCid)) {
                Ord o = orders.get(cid);
                if (o.open()) {
                    o.status = "CANCELED";
                }
            }
            l.listOrderStatus = "ALL_DONE";
        }
        send(ex, 200, listJson(l, "ALL_DONE", true));
    }

    private void openOrderList(HttpExchange ex) throws IOException {
        if (signed(ex) == null) {
            return;
        }
        List<String> out = new ArrayList<>();
        for (OrdList l : lists.values()) {
            if (l.listOrderStatus.equals("EXECUTING")) {
                out.add(listJson(l, "EXEC_STARTED", false));
            }
        }
        send(ex, 200, "[" + String.join(",", out) + "]");
    }

    private void openOrders(HttpExchange ex) throws IOException {
        Map<String, String> p = signed(ex);
        if (p == null) {
            return;
        }
        List<String> out = new ArrayList<>();
        for (Ord o : orders.values()) {
            if (o.open() && (!p.containsKey("symbol") || o.symbol.equals(p.get("symbol")))) {
                out.add(json(o, false));
            }
        }
        send(ex, 200, "[" + String.join(",", out) + "]");
    }

    private void allOrders(HttpExchange ex) throws IOException {
        Map<String, String> p = signed(ex);
        if (p == null) {
            return;
        }
        List<String> out = new ArrayList<>();
        for (Ord o : orders.values()) {
            if (o.symbol.equals(p.get("symbol"))) {
                out.add(json(o, false));
            }
        }
        send(ex, 200, "[" + String.join(",", out) + "]");
    }

    private String listJson(OrdList l, String listStatusType, boolean withReports) {
        Ord below = orders.get(l.belowCid);
        Ord above = orders.get(l.aboveCid);
        String s = "{\"orderListId\":" + l.id + ",\"contingencyType\":\"OCO\",\"listStatusType\":\""
                + listStatusType + "\",\"listOrderStatus\":\"" + l.listOrderStatus + "\",\"listClientOrderId\":\""
                + l.listCid + "\",\"transactionTime\":" + System.currentTimeMillis() + ",\"symbol\":\"" + l.symbol
                + "\",\"orders\":[{\"symbol\":\"" + l.symbol + "\",\"orderId\":" + below.id + ",\"clientOrderId\":\""
                + below.cid + "\"},{\"symbol\":\"" + l.symbol + "\",\"orderId\":" + above.id
                + ",\"clientOrderId\":\"" + above.cid + "\"}]";
        if (withReports) {
            s += ",\"orderReports\":[" + json(below, false) + "," + json(above, false) + "]";
        }
        return s + "}";
    }

    private String json(Ord o, boolean withFills) {
        String s = "{\"symbol\":\"" + o.symbol + "\",\"orderId\":" + o.id + ",\"orderListId\":" + o.listId
                + ",\"clientOrderId\":\"" + o.cid
                + "\",\"transactTime\":" + System.currentTimeMillis() + ",\"time\":" + System.currentTimeMillis()
                + ",\"updateTime\":" + System.currentTimeMillis() + ",\"price\":\"" + o.price.toPlainString()
                + "\",\"origQty\":\"" + o.qty.toPlainString() + "\",\"executedQty\":\"" + o.executed.toPlainString()
                + "\",\"cummulativeQuoteQty\":\"" + o.quote.toPlainString() + "\",\"status\":\"" + o.status
                + "\",\"timeInForce\":\"GTC\",\"type\":\"" + o.type + "\",\"side\":\"" + o.side
                + "\",\"stopPrice\":\"" + o.stopPrice.toPlainString() + "\",\"icebergQty\":\"0.0\",\"isWorking\":"
                + !o.type.equals("STOP_LOSS_LIMIT");
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
        executor.shutdownNow();
    }
}
