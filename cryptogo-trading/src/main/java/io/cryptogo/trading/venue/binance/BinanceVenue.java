package io.cryptogo.trading.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.binance.BinanceApiException;
import io.cryptogo.market.binance.BinanceMarketData;
import io.cryptogo.market.binance.BinanceRest;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.NativeProtection;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.OrderType;
import io.cryptogo.trading.RestingProtection;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Venue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance spot orders, balances and resting protection over Binance's SIGNED REST endpoints, through the
 * one Binance client ({@link BinanceRest}: weight limiter, error translation, server-time offset and
 * {@code recvWindow} shared with market data). Sends to the spot testnet unless {@code
 * BINANCE_TESTNET=false}; on the testnet {@link #live()} is false and {@link #testnet()} true.
 *
 * <p>Placement is never retried: a timeout, a dropped connection or a 5xx throws {@link
 * ExchangeUnavailableException} so that the trader marks the order UNKNOWN until {@link #query} settles it
 * by client order id. A 4xx with a Binance error code, a 429 or a 418 is a definite refusal (REJECTED, with
 * the code): Binance refused it before it reached the book. Keys are never logged.
 *
 * <p>As {@link NativeProtection}, a long position's stop loss and take profit rest on Binance's book: an
 * OCO {@code SELL} ({@code POST /api/v3/orderList/oco}: a {@code STOP_LOSS_LIMIT} below, a {@code
 * LIMIT_MAKER} above) when both are set, else a {@code STOP_LOSS_LIMIT} (or a {@code LIMIT} take profit)
 * alone. The legs' client order ids are {@link #stopLossClientOrderId} and {@link #takeProfitClientOrderId}
 * of the list's id, so a leg's fills are read with {@link #query} like any order's.
 *
 * <pre>{@code
 * BinanceVenue v = BinanceVenue.fromConfig(Config.fromEnv(), market);   // BINANCE_API_KEY, BINANCE_SECRET
 * }</pre>
 */
public final class BinanceVenue implements Venue, NativeProtection {
    /** Spot testnet REST base. */
    public static final String TESTNET_URL = "https://testnet.binance.vision";
    /** Production REST base. */
    public static final String MAIN_URL = "https://api.binance.com";
    /** The account id of the spot testnet. */
    public static final String TESTNET_ACCOUNT = "binance-testnet";
    /** The account id of production Binance. */
    public static final String MAIN_ACCOUNT = "binance";

    private static final Logger log = LoggerFactory.getLogger(BinanceVenue.class);
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);
    /** Binance's client order id alphabet, leaving room for the legs' 3-character suffix. */
    private static final Pattern LIST_ID = Pattern.compile("[.A-Za-z0-9:/_-]{1,33}");

    private static final int W_ORDER = 1;
    private static final int W_QUERY = 4;
    private static final int W_TRADES = 20;
    private static final int W_ACCOUNT = 20;
    private static final int W_OPEN_ORDERS = 6;
    private static final int W_OPEN_LISTS = 6;
    private static final int W_ALL_ORDERS = 20;
    private static final int RECENT_ORDERS = 50;
    private static final Duration FILTERS_TTL = Duration.ofHours(1);

    private final String accountId;
    private final boolean testnet;
    private final BinanceRest owned;
    private final BinanceRest rest;
    private final BigDecimal feeRate;
    private final BigDecimal stopLimitOffset;
    private final Clock clock;
    private final Map<Symbol, Filters> filters = new ConcurrentHashMap<>();
    private final Duration pollInterval;
    /** Resting protections placed or found here, whose legs' fills are reported through the listener. */
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();

    private final Object pollLock = new Object();
    /** Legs found traded and off the book, reported at the next look. */
    private final Map<String, Order> finished = new ConcurrentHashMap<>();

    private volatile ExecutionListener listener;
    private ScheduledExecutorService poller;
    private volatile boolean closed;

    private record Filters(SymbolInfo info, Instant fetched) {}

    /** A resting protection being watched, with its legs. */
    private record Tracked(RestingProtection protection, List<Leg> legs) {}

    /** One leg: its client order id, the executed quantity last reported, and whether it left the book. */
    private static final class Leg {
        final String clientOrderId;
        BigDecimal reported = BigDecimal.ZERO;
        boolean done;

        Leg(String clientOrderId) {
            this.clientOrderId = clientOrderId;
        }
    }

    private BinanceVenue(Builder b, BinanceRest owned, BinanceRest rest) {
        this.accountId = b.testnet ? TESTNET_ACCOUNT : MAIN_ACCOUNT;
        this.testnet = b.testnet;
        this.owned = owned;
        this.rest = rest;
        this.feeRate = b.feeRate;
        this.stopLimitOffset = b.stopLimitOffset;
        this.clock = b.clock;
        this.pollInterval = b.pollInterval;
    }

    /**
     * {@code BINANCE_API_KEY} and {@code BINANCE_SECRET} (required), {@code BINANCE_TESTNET} (default true),
     * {@code BINANCE_TRADE_BASE_URL} (overrides the REST base, e.g. a local test server), {@code
     * BINANCE_TRADE_TIMEOUT} (default 10s), {@code BINANCE_FEE_RATE} (default 0.001, for the risk checks),
     * {@code BINANCE_STOP_LIMIT_OFFSET} (default 0.002), {@code BINANCE_RECV_WINDOW} (default 5s), {@code
     * BINANCE_PROTECTION_POLL} (default 5s). When
     * {@code market} is Binance market data on the same host, the venue signs through its client and so
     * shares its weight limiter.
     */
    public static BinanceVenue fromConfig(Config c, MarketDataSource market) {
        Objects.requireNonNull(market, "market");
        String key = c.get("BINANCE_API_KEY")
                .orElseThrow(
                        () -> new ConfigException("BINANCE_API_KEY", "TRADING_VENUE=binance needs BINANCE_API_KEY"));
        String secret = c.get("BINANCE_SECRET")
                .orElseThrow(() -> new ConfigException("BINANCE_SECRET", "TRADING_VENUE=binance needs BINANCE_SECRET"));
        boolean testnet = c.bool("BINANCE_TESTNET", true);
        URI base = c.url("BINANCE_TRADE_BASE_URL").orElse(URI.create(testnet ? TESTNET_URL : MAIN_URL));
        Duration timeout = c.duration("BINANCE_TRADE_TIMEOUT", Duration.ofSeconds(10));
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new ConfigException(
                    "BINANCE_TRADE_TIMEOUT", "BINANCE_TRADE_TIMEOUT must be within 1ms..2m, got " + timeout);
        }
        Builder b = builder()
                .baseUrl(base)
                .credentials(key, secret)
                .testnet(testnet)
                .timeout(timeout)
                .recvWindow(c.duration("BINANCE_RECV_WINDOW", Duration.ofSeconds(5)))
                .protectionPollInterval(c.duration("BINANCE_PROTECTION_POLL", Duration.ofSeconds(5)))
                .feeRate(c.decimal("BINANCE_FEE_RATE", new BigDecimal("0.001"), BigDecimal.ZERO, new BigDecimal("0.1")))
                .stopLimitOffset(c.decimal(
                        "BINANCE_STOP_LIMIT_OFFSET", new BigDecimal("0.002"), BigDecimal.ZERO, new BigDecimal("0.05")));
        if (market instanceof BinanceMarketData binance
                && strip(binance.baseUrl().toString()).equals(strip(base.toString()))) {
            b.shared(binance.rest());
        }
        if (!testnet) {
            log.warn("BINANCE_TESTNET=false: orders go to the LIVE Binance spot market at {}", base);
        }
        return b.build();
    }

    /** A venue at {@code baseUrl} (tests, or a mirror); the testnet unless the account is {@value #MAIN_ACCOUNT}. */
    public static BinanceVenue of(String accountId, String baseUrl, String apiKey, String secret, Duration timeout) {
        return builder()
                .baseUrl(URI.create(baseUrl))
                .credentials(apiKey, secret)
                .testnet(!MAIN_ACCOUNT.equals(accountId))
                .timeout(timeout)
                .build();
    }

    /** A builder: the spot testnet, 10 s timeout, fee 0.001, stop-limit offset 0.002, poll every 5 s. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@value #TESTNET_ACCOUNT} or {@value #MAIN_ACCOUNT}. */
    @Override
    public String accountId() {
        return accountId;
    }

    /** True only on production Binance: testnet orders move no real money. */
    @Override
    public boolean live() {
        return !testnet;
    }

    /** Whether this is Binance's spot testnet (real exchange behaviour, play money). */
    @Override
    public boolean testnet() {
        return testnet;
    }

    @Override
    public BigDecimal feeRate() {
        return feeRate;
    }

    /** The REST base orders go to. */
    public String baseUrl() {
        return rest.baseUrl().toString();
    }

    /** The client this venue signs through (shared with market data on the same host). */
    public BinanceRest rest() {
        return rest;
    }

    @Override
    public Optional<NativeProtection> nativeProtection() {
        return Optional.of(this);
    }

    // ---- orders ----

    @Override
    public ExecutionReport place(Order o) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", o.symbol().exchangeCode());
        p.put("side", o.side().name());
        p.put("type", o.type().name());
        p.put("quantity", o.quantity().toPlainString());
        if (o.type() == OrderType.LIMIT) {
            p.put("timeInForce", "GTC");
            p.put("price", o.limitPrice().orElseThrow().toPlainString());
        }
        p.put("newClientOrderId", o.clientOrderId());
        p.put("newOrderRespType", "FULL");
        JsonNode n;
        try {
            n = rest.signed("POST", "/api/v3/order", p, W_ORDER, BinanceRest::json);
        } catch (CryptoGoException e) {
            Optional<String> refusal = refusal(e);
            if (refusal.isPresent()) {
                log.info("binance refused {}: {}", o.clientOrderId(), refusal.get());
                return ExecutionReport.status(o, OrderStatus.REJECTED, refusal.get());
            }
            throw new ExchangeUnavailableException(
                    "placing " + o.clientOrderId() + ": outcome unknown, settled by a query: " + e.getMessage(), e);
        }
        List<Fill> fills = new ArrayList<>();
        BigDecimal fee = BigDecimal.ZERO;
        String feeAsset = null;
        Instant t = Instant.ofEpochMilli(n.path("transactTime").asLong(clock.millis()));
        for (JsonNode f : n.path("fills")) {
            BigDecimal commission = dec(f, "commission");
            feeAsset = f.path("commissionAsset").asText(o.symbol().quote());
            fills.add(fill(o, f.path("tradeId").asText(), dec(f, "price"), dec(f, "qty"), commission, feeAsset, t));
            fee = fee.add(commission);
        }
        log.info(
                "binance placed {} as {}: {}",
                o.clientOrderId(),
                n.path("orderId").asText(),
                n.path("status").asText());
        return report(o, n, fills, fee, feeAsset);
    }

    /**
     * Why Binance definitely did not take a request: its own refusal with a code (4xx), a rate limit (429,
     * 418, or a pause during which nothing was sent); empty when the outcome is unknown (no answer, 5xx).
     */
    private static Optional<String> refusal(CryptoGoException e) {
        if (e instanceof RateLimitedException rl) {
            return Optional.of(
                    "rate limited by Binance, not placed (retry after " + rl.retryAfter() + "): " + rl.getMessage());
        }
        Optional<BinanceApiException> answer = BinanceApiException.in(e);
        if (answer.isPresent() && answer.get().status() < 500) {
            BinanceApiException a = answer.get();
            return Optional.of("Binance " + a.code() + ": " + a.binanceMessage());
        }
        if (e instanceof InvalidRequestException) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Cancels by client order id, then reads the order back (its fills included). A 429/418 is thrown with
     * the order untouched; after a timeout or a 5xx the order is read back: a final state is returned, an
     * order still open throws {@link ExchangeUnavailableException} (cancel again).
     */
    @Override
    public ExecutionReport cancel(Order o) {
        Map<String, String> p = Map.of("symbol", o.symbol().exchangeCode(), "origClientOrderId", o.clientOrderId());
        try {
            rest.signed("DELETE", "/api/v3/order", p, W_ORDER, BinanceRest::json);
            log.info("binance canceled {}", o.clientOrderId());
        } catch (RateLimitedException e) {
            throw e;
        } catch (InvalidRequestException e) {
            // -2011: already filled, canceled or expired; the query below says which
            log.info("binance refused cancel of {}: {}", o.clientOrderId(), e.getMessage());
        } catch (ExchangeUnavailableException e) {
            if (BinanceApiException.in(e).filter(a -> a.status() < 500).isPresent()) {
                throw e;
            }
            ExecutionReport now = query(o).orElse(ExecutionReport.status(o, OrderStatus.EXPIRED, "unknown to Binance"));
            if (now.status().isOpen()) {
                throw new ExchangeUnavailableException(
                        "cancel of " + o.clientOrderId() + " unconfirmed (" + e.getMessage()
                                + "); Binance still shows it " + now.status() + ": cancel again",
                        e);
            }
            log.info("binance cancel of {} unconfirmed, but the order is {}", o.clientOrderId(), now.status());
            return now;
        }
        return query(o).orElse(ExecutionReport.status(o, OrderStatus.EXPIRED, "unknown to Binance"));
    }

    @Override
    public Optional<ExecutionReport> query(Order o) {
        JsonNode n;
        try {
            n = rest.signed(
                    "GET",
                    "/api/v3/order",
                    Map.of("symbol", o.symbol().exchangeCode(), "origClientOrderId", o.clientOrderId()),
                    W_QUERY,
                    BinanceRest::json);
        } catch (InvalidRequestException e) {
            if (BinanceApiException.codeOf(e) == -2013) {
                return Optional.empty();
            }
            throw e;
        }
        List<Fill> fills = new ArrayList<>();
        BigDecimal fee = BigDecimal.ZERO;
        String feeAsset = null;
        if (dec(n, "executedQty").signum() > 0) {
            String orderId = n.path("orderId").asText();
            JsonNode trades = rest.signed(
                    "GET",
                    "/api/v3/myTrades",
                    Map.of("symbol", o.symbol().exchangeCode(), "orderId", orderId),
                    W_TRADES,
                    BinanceRest::json);
            for (JsonNode t : trades) {
                if (!t.path("orderId").asText().equals(orderId)) {
                    continue;
                }
                BigDecimal commission = dec(t, "commission");
                feeAsset = t.path("commissionAsset").asText(o.symbol().quote());
                fills.add(fill(
                        o,
                        t.path("id").asText(),
                        dec(t, "price"),
                        dec(t, "qty"),
                        commission,
                        feeAsset,
                        Instant.ofEpochMilli(t.path("time").asLong())));
                fee = fee.add(commission);
            }
        }
        return Optional.of(report(o, n, fills, fee, feeAsset));
    }

    /** Non-zero balances from the signed {@code GET /api/v3/account}. */
    @Override
    public List<Balance> balances() {
        JsonNode n =
                rest.signed("GET", "/api/v3/account", Map.of("omitZeroBalances", "true"), W_ACCOUNT, BinanceRest::json);
        List<Balance> out = new ArrayList<>();
        for (JsonNode b : n.path("balances")) {
            BigDecimal free = dec(b, "free");
            BigDecimal locked = dec(b, "locked");
            if (free.add(locked).signum() > 0) {
                out.add(new Balance(b.path("asset").asText(), free, locked));
            }
        }
        return out;
    }

    // ---- native protection ----

    /** The client order id of a protection's stop-loss leg. */
    public static String stopLossClientOrderId(String listClientId) {
        return listClientId + "-sl";
    }

    /** The client order id of a protection's take-profit leg. */
    public static String takeProfitClientOrderId(String listClientId) {
        return listClientId + "-tp";
    }

    /**
     * Rests the protection: prices on the tick size, the quantity down to the step size, the stop-limit
     * price {@code stopLimitOffset} below the stop (at least one tick).
     *
     * @throws InvalidRequestException when Binance refuses it (code and message kept) or the quantity
     *     rounds below the minimum
     * @throws ExchangeUnavailableException when the outcome is unknown: {@link #open} tells whether it rests
     */
    @Override
    public RestingProtection place(
            Symbol symbol,
            BigDecimal quantity,
            Optional<BigDecimal> stopLoss,
            Optional<BigDecimal> takeProfit,
            String listClientId) {
        Objects.requireNonNull(symbol, "symbol");
        if (listClientId == null || !LIST_ID.matcher(listClientId).matches()) {
            throw new InvalidRequestException(
                    "listClientId",
                    "listClientId must be 1-33 characters of A-Z a-z 0-9 . : / _ - (legs add -sl/-tp), got '"
                            + listClientId + "'");
        }
        if (stopLoss.isEmpty() && takeProfit.isEmpty()) {
            throw new InvalidRequestException("stopLoss", "a resting protection needs a stop loss or a take profit");
        }
        SymbolInfo info = filters(symbol);
        BigDecimal qty = info.roundQuantity(quantity);
        if (qty.signum() <= 0 || qty.compareTo(info.minQty()) < 0) {
            throw new InvalidRequestException(
                    "quantity",
                    "protection quantity " + quantity + " rounds to " + qty + ", below " + symbol + "'s minimum "
                            + info.minQty());
        }
        // at the tick's and step's scale, as the engine rounds them and as open() reads them back
        Optional<BigDecimal> stop = stopLoss.map(info::roundPrice);
        Optional<BigDecimal> target = takeProfit.map(info::roundPrice);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", symbol.exchangeCode());
        p.put("side", "SELL");
        p.put("quantity", qty.toPlainString());
        String path;
        if (stop.isPresent() && target.isPresent()) {
            path = "/api/v3/orderList/oco";
            p.put("listClientOrderId", listClientId);
            p.put("aboveType", "LIMIT_MAKER");
            p.put("abovePrice", target.get().toPlainString());
            p.put("aboveClientOrderId", takeProfitClientOrderId(listClientId));
            p.put("belowType", "STOP_LOSS_LIMIT");
            p.put("belowStopPrice", stop.get().toPlainString());
            p.put("belowPrice", stopLimitPrice(stop.get(), info).toPlainString());
            p.put("belowTimeInForce", "GTC");
            p.put("belowClientOrderId", stopLossClientOrderId(listClientId));
        } else if (stop.isPresent()) {
            path = "/api/v3/order";
            p.put("type", "STOP_LOSS_LIMIT");
            p.put("timeInForce", "GTC");
            p.put("stopPrice", stop.get().toPlainString());
            p.put("price", stopLimitPrice(stop.get(), info).toPlainString());
            p.put("newClientOrderId", stopLossClientOrderId(listClientId));
        } else {
            path = "/api/v3/order";
            p.put("type", "LIMIT");
            p.put("timeInForce", "GTC");
            p.put("price", target.get().toPlainString());
            p.put("newClientOrderId", takeProfitClientOrderId(listClientId));
        }
        JsonNode n;
        try {
            n = rest.signed("POST", path, p, W_ORDER, BinanceRest::json);
        } catch (CryptoGoException e) {
            Optional<String> refusal = refusal(e);
            if (refusal.isPresent()) {
                throw new InvalidRequestException(
                        "protection", "Binance refused protection " + listClientId + ": " + refusal.get(), e);
            }
            throw new ExchangeUnavailableException(
                    "placing protection " + listClientId + ": outcome unknown, open(" + symbol + ") tells: "
                            + e.getMessage(),
                    e);
        }
        String venueId = path.endsWith("oco")
                ? n.path("orderListId").asText()
                : n.path("orderId").asText();
        log.info(
                "binance rests protection {} ({}): SELL {} {} stop {} target {}",
                listClientId,
                venueId,
                qty.toPlainString(),
                symbol,
                stop.map(BigDecimal::toPlainString).orElse("-"),
                target.map(BigDecimal::toPlainString).orElse("-"));
        RestingProtection placed = new RestingProtection(symbol, listClientId, venueId, qty, stop, target);
        track(placed);
        return placed;
    }

    /** The limit price of the stop leg: {@code stopLimitOffset} below the stop, rounded down, a tick lower at least. */
    BigDecimal stopLimitPrice(BigDecimal stop, SymbolInfo info) {
        BigDecimal raw = stop.multiply(BigDecimal.ONE.subtract(stopLimitOffset));
        BigDecimal ticks = raw.divide(info.tickSize(), 0, RoundingMode.DOWN);
        BigDecimal price = ticks.multiply(info.tickSize())
                .setScale(Math.max(0, info.tickSize().scale()));
        if (price.compareTo(stop) >= 0) {
            price = stop.subtract(info.tickSize());
        }
        return price;
    }

    /** Cancels an OCO with {@code DELETE /api/v3/orderList}, a single leg by client order id; gone is fine. */
    @Override
    public void cancel(RestingProtection protection) {
        tracked.remove(protection.listClientId());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", protection.symbol().exchangeCode());
        String path;
        if (protection.stopLoss().isPresent() && protection.takeProfit().isPresent()) {
            path = "/api/v3/orderList";
            p.put("listClientOrderId", protection.listClientId());
        } else {
            path = "/api/v3/order";
            p.put(
                    "origClientOrderId",
                    protection.stopLoss().isPresent()
                            ? stopLossClientOrderId(protection.listClientId())
                            : takeProfitClientOrderId(protection.listClientId()));
        }
        try {
            rest.signed("DELETE", path, p, W_ORDER, BinanceRest::json);
            log.info("binance canceled protection {}", protection.listClientId());
        } catch (InvalidRequestException e) {
            int code = BinanceApiException.codeOf(e);
            if (code != -2011 && code != -2013) {
                throw e;
            }
            log.info("protection {} was already gone from Binance", protection.listClientId());
        }
    }

    /**
     * What rests now for {@code symbol}: the open OCO lists ({@code GET /api/v3/openOrderList}, filtered by
     * symbol) and the single protective legs among the open orders ({@code GET /api/v3/openOrders}).
     */
    @Override
    public List<RestingProtection> open(Symbol symbol) {
        JsonNode orders = rest.signed(
                "GET", "/api/v3/openOrders", Map.of("symbol", symbol.exchangeCode()), W_OPEN_ORDERS, BinanceRest::json);
        findFinishedLegs(symbol);
        if (orders.isEmpty()) {
            return List.of(); // a list rests only through its open legs
        }
        JsonNode lists = rest.signed("GET", "/api/v3/openOrderList", Map.of(), W_OPEN_LISTS, BinanceRest::json);
        SymbolInfo info = filters(symbol);
        Map<String, List<JsonNode>> legs = new LinkedHashMap<>();
        List<RestingProtection> out = new ArrayList<>();
        for (JsonNode o : orders) {
            String list = o.path("orderListId").asText("-1");
            if (!list.equals("-1")) {
                legs.computeIfAbsent(list, k -> new ArrayList<>()).add(o);
                continue;
            }
            String cid = o.path("clientOrderId").asText();
            String type = o.path("type").asText();
            if (!o.path("side").asText().equals("SELL") || cid.length() < 4) {
                continue;
            }
            String id = cid.substring(0, cid.length() - 3);
            BigDecimal rest = info.roundQuantity(dec(o, "origQty").subtract(dec(o, "executedQty")));
            if (cid.endsWith("-sl") && type.equals("STOP_LOSS_LIMIT") && rest.signum() > 0) {
                out.add(new RestingProtection(
                        symbol,
                        id,
                        o.path("orderId").asText(),
                        rest,
                        Optional.of(info.roundPrice(dec(o, "stopPrice"))),
                        Optional.empty()));
            } else if (cid.endsWith("-tp") && type.equals("LIMIT") && rest.signum() > 0) {
                out.add(new RestingProtection(
                        symbol,
                        id,
                        o.path("orderId").asText(),
                        rest,
                        Optional.empty(),
                        Optional.of(info.roundPrice(dec(o, "price")))));
            }
        }
        for (JsonNode l : lists) {
            if (!symbol.exchangeCode().equals(l.path("symbol").asText())) {
                continue;
            }
            String listId = l.path("orderListId").asText();
            Optional<BigDecimal> stop = Optional.empty();
            Optional<BigDecimal> target = Optional.empty();
            BigDecimal qty = BigDecimal.ZERO;
            for (JsonNode o : legs.getOrDefault(listId, List.of())) {
                String type = o.path("type").asText();
                if (type.startsWith("STOP_LOSS")) {
                    stop = Optional.of(info.roundPrice(dec(o, "stopPrice")));
                } else {
                    target = Optional.of(info.roundPrice(dec(o, "price")));
                }
                qty = qty.max(info.roundQuantity(dec(o, "origQty").subtract(dec(o, "executedQty"))));
            }
            if (qty.signum() > 0 && (stop.isPresent() || target.isPresent())) {
                out.add(new RestingProtection(
                        symbol, l.path("listClientOrderId").asText(), listId, qty, stop, target));
            }
        }
        out.forEach(this::track);
        return out;
    }

    // ---- fills of resting legs ----

    /** Where fills of resting protection legs are reported (the engine's order manager). */
    @Override
    public void onExecution(ExecutionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        startPolling();
    }

    private void track(RestingProtection p) {
        List<Leg> legs = new ArrayList<>();
        p.stopLoss().ifPresent(x -> legs.add(new Leg(stopLossClientOrderId(p.listClientId()))));
        p.takeProfit().ifPresent(x -> legs.add(new Leg(takeProfitClientOrderId(p.listClientId()))));
        tracked.putIfAbsent(p.listClientId(), new Tracked(p, legs));
        startPolling();
    }

    /**
     * Looks once at every watched protection ({@code GET /api/v3/openOrders} per symbol, weight 6; a leg that
     * traded or left the book is read with {@link #query}) and reports each leg whose executed quantity grew
     * as an ordinary {@link ExecutionReport} under the leg's client order id, through {@link #onExecution}.
     * A protection whose legs are all done is no longer watched. Runs every {@code BINANCE_PROTECTION_POLL}
     * while a listener is set and something rests; callable directly.
     *
     * @return the reports delivered by this call
     */
    public List<ExecutionReport> pollProtection() {
        synchronized (pollLock) {
            List<ExecutionReport> out = new ArrayList<>();
            for (Order leg : List.copyOf(finished.values())) {
                query(leg).filter(r -> r.filledQuantity().signum() > 0).ifPresent(out::add);
                finished.remove(leg.clientOrderId());
            }
            Map<Symbol, List<Tracked>> bySymbol = new LinkedHashMap<>();
            tracked.values()
                    .forEach(t -> bySymbol.computeIfAbsent(t.protection().symbol(), k -> new ArrayList<>())
                            .add(t));
            for (Map.Entry<Symbol, List<Tracked>> e : bySymbol.entrySet()) {
                Map<String, BigDecimal> openExecuted = new LinkedHashMap<>();
                JsonNode orders = rest.signed(
                        "GET",
                        "/api/v3/openOrders",
                        Map.of("symbol", e.getKey().exchangeCode()),
                        W_OPEN_ORDERS,
                        BinanceRest::json);
                for (JsonNode o : orders) {
                    openExecuted.put(o.path("clientOrderId").asText(), dec(o, "executedQty"));
                }
                for (Tracked t : e.getValue()) {
                    for (Leg leg : t.legs()) {
                        BigDecimal stillOpen = openExecuted.get(leg.clientOrderId);
                        if (leg.done || (stillOpen != null && stillOpen.compareTo(leg.reported) <= 0)) {
                            continue;
                        }
                        Optional<ExecutionReport> r = query(legOrder(t.protection(), leg.clientOrderId));
                        if (r.isPresent() && r.get().filledQuantity().compareTo(leg.reported) > 0) {
                            leg.reported = r.get().filledQuantity();
                            out.add(r.get());
                        }
                        leg.done = stillOpen == null;
                    }
                    if (t.legs().stream().allMatch(leg -> leg.done)) {
                        tracked.remove(t.protection().listClientId());
                    }
                }
            }
            ExecutionListener l = listener;
            for (ExecutionReport r : out) {
                log.info(
                        "binance resting leg {} {}: {} filled",
                        r.clientOrderId(),
                        r.status(),
                        r.filledQuantity().toPlainString());
                if (l != null) {
                    l.onReport(r);
                }
            }
            return out;
        }
    }

    /**
     * Legs that traded and left the book, perhaps while the application was down ({@code GET
     * /api/v3/allOrders}, the symbol's latest {@value #RECENT_ORDERS} orders, weight 20): a SELL whose client
     * order id ends {@code -sl}/{@code -tp}, no longer open, with an executed quantity. They are reported at the
     * next look ({@link #pollProtection}); the engine ignores what it already recorded (same id, same trades).
     */
    private void findFinishedLegs(Symbol symbol) {
        JsonNode recent = rest.signed(
                "GET",
                "/api/v3/allOrders",
                Map.of("symbol", symbol.exchangeCode(), "limit", Integer.toString(RECENT_ORDERS)),
                W_ALL_ORDERS,
                BinanceRest::json);
        for (JsonNode o : recent) {
            String cid = o.path("clientOrderId").asText();
            String status = o.path("status").asText();
            boolean leg = cid.endsWith("-sl") || cid.endsWith("-tp");
            boolean gone = !status.equals("NEW") && !status.equals("PARTIALLY_FILLED");
            BigDecimal executed = dec(o, "executedQty");
            if (leg && gone && o.path("side").asText().equals("SELL") && executed.signum() > 0) {
                finished.putIfAbsent(
                        cid,
                        Order.from(
                                OrderRequest.market(symbol, Side.SELL, dec(o, "origQty"))
                                        .withClientOrderId(cid),
                                accountId,
                                clock.instant()));
            }
        }
        startPolling();
    }

    /** The order the engine knows a leg by: a SELL of the protection's quantity under the leg's id. */
    private Order legOrder(RestingProtection p, String legClientOrderId) {
        return Order.from(
                OrderRequest.market(p.symbol(), Side.SELL, p.quantity()).withClientOrderId(legClientOrderId),
                accountId,
                clock.instant());
    }

    private synchronized void startPolling() {
        if (poller != null || closed || listener == null || (tracked.isEmpty() && finished.isEmpty())) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "binance-protection-poll");
            t.setDaemon(true);
            return t;
        });
        long ms = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        if (!tracked.isEmpty() || !finished.isEmpty()) {
                            pollProtection();
                        }
                    } catch (RuntimeException e) {
                        log.warn("polling Binance for resting protection fills failed: {}", e.getMessage());
                    }
                },
                ms,
                ms,
                TimeUnit.MILLISECONDS);
    }

    private SymbolInfo filters(Symbol symbol) {
        Instant now = clock.instant();
        Filters f = filters.get(symbol);
        if (f == null || now.isAfter(f.fetched().plus(FILTERS_TTL))) {
            f = new Filters(rest.symbolInfo(symbol), now);
            filters.put(symbol, f);
        }
        return f.info();
    }

    // ---- reports ----

    private static ExecutionReport report(Order o, JsonNode n, List<Fill> fills, BigDecimal fee, String feeAsset) {
        BigDecimal executed = dec(n, "executedQty");
        BigDecimal quote = dec(n, "cummulativeQuoteQty");
        return new ExecutionReport(
                o.clientOrderId(),
                Optional.of(n.path("orderId").asText()),
                status(n.path("status").asText(), executed),
                executed,
                executed.signum() > 0 && quote.signum() > 0
                        ? Optional.of(quote.divide(executed, MC))
                        : Optional.empty(),
                fee,
                Optional.ofNullable(feeAsset),
                fills,
                Optional.empty());
    }

    private static BigDecimal dec(JsonNode n, String field) {
        String v = n.path(field).asText("");
        return v.isEmpty() ? BigDecimal.ZERO : new BigDecimal(v);
    }

    private static Fill fill(
            Order o, String id, BigDecimal price, BigDecimal qty, BigDecimal fee, String feeAsset, Instant t) {
        return Fill.builder()
                .orderId(o.id())
                .tradeId(id)
                .symbol(o.symbol())
                .side(o.side())
                .price(price)
                .quantity(qty)
                .fee(fee)
                .feeAsset(feeAsset == null ? o.symbol().quote() : feeAsset)
                .realizedPnl(BigDecimal.ZERO)
                .time(t)
                .build();
    }

    private static OrderStatus status(String binance, BigDecimal executed) {
        return switch (binance) {
            case "NEW", "PENDING_NEW" -> OrderStatus.NEW;
            case "PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELED" -> OrderStatus.CANCELED;
            case "PENDING_CANCEL" -> executed.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case "REJECTED" -> OrderStatus.REJECTED;
            case "EXPIRED", "EXPIRED_IN_MATCH" -> OrderStatus.EXPIRED;
            default -> OrderStatus.UNKNOWN;
        };
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Closes the HTTP client when this venue created it (never one shared with market data). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (poller != null) {
                poller.shutdownNow();
                poller = null;
            }
        }
        if (owned != null) {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return "BinanceVenue[" + accountId + " " + baseUrl() + "]";
    }

    /** Settings for {@link BinanceVenue}; {@link #build()} validates them. */
    public static final class Builder {
        private URI baseUrl = URI.create(TESTNET_URL);
        private String apiKey;
        private String secret;
        private boolean testnet = true;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration recvWindow = Duration.ofSeconds(5);
        private BigDecimal feeRate = new BigDecimal("0.001");
        private BigDecimal stopLimitOffset = new BigDecimal("0.002");
        private Clock clock = Clock.systemUTC();
        private BinanceRest shared;
        private Duration pollInterval = Duration.ofSeconds(5);

        private Builder() {}

        /**
         * How often the fills of resting protection legs are looked for while something rests (default 5 s,
         * 100 ms..10 min): each look costs weight 6 per symbol, plus a query of a leg that traded.
         */
        public Builder protectionPollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "protectionPollInterval");
            return this;
        }

        /** REST base (default the spot testnet). */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** The API key and secret every request is signed with. */
        public Builder credentials(String apiKey, String secret) {
            this.apiKey = apiKey;
            this.secret = secret;
            return this;
        }

        /** Whether the base URL is Binance's spot testnet (default true): decides {@link #live()}. */
        public Builder testnet(boolean testnet) {
            this.testnet = testnet;
            return this;
        }

        /** Time allowed for one answer (default 10 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** {@code recvWindow} of signed requests (default 5 s; ignored when a client is shared). */
        public Builder recvWindow(Duration recvWindow) {
            this.recvWindow = Objects.requireNonNull(recvWindow, "recvWindow");
            return this;
        }

        /** The fee rate the risk checks assume (default 0.001). */
        public Builder feeRate(BigDecimal feeRate) {
            this.feeRate = Objects.requireNonNull(feeRate, "feeRate");
            return this;
        }

        /**
         * How far below the stop price the stop leg's limit price lies, as a fraction 0..0.05 (default 0.002 =
         * 0.2%): the room a falling market has to fill the stop once triggered.
         */
        public Builder stopLimitOffset(BigDecimal offset) {
            this.stopLimitOffset = Objects.requireNonNull(offset, "stopLimitOffset");
            return this;
        }

        /** Clock for the filter cache and report times (default UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Signs through this client (market data's on the same host), sharing its weight limiter. */
        public Builder shared(BinanceRest rest) {
            this.shared = Objects.requireNonNull(rest, "rest");
            return this;
        }

        /**
         * Validates and freezes the settings.
         *
         * @throws ConfigException naming the setting and its accepted range
         */
        public BinanceVenue build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new ConfigException("BINANCE_API_KEY", "TRADING_VENUE=binance needs BINANCE_API_KEY");
            }
            if (secret == null || secret.isBlank()) {
                throw new ConfigException("BINANCE_SECRET", "TRADING_VENUE=binance needs BINANCE_SECRET");
            }
            if (stopLimitOffset.signum() < 0 || stopLimitOffset.compareTo(new BigDecimal("0.05")) > 0) {
                throw new ConfigException(
                        "BINANCE_STOP_LIMIT_OFFSET",
                        "BINANCE_STOP_LIMIT_OFFSET must be within 0..0.05, got " + stopLimitOffset);
            }
            if (feeRate.signum() < 0 || feeRate.compareTo(new BigDecimal("0.1")) > 0) {
                throw new ConfigException("BINANCE_FEE_RATE", "BINANCE_FEE_RATE must be within 0..0.1, got " + feeRate);
            }
            if (pollInterval.compareTo(Duration.ofMillis(100)) < 0
                    || pollInterval.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new ConfigException(
                        "BINANCE_PROTECTION_POLL",
                        "BINANCE_PROTECTION_POLL must be within 100ms..10m, got " + pollInterval);
            }
            if (shared != null) {
                return new BinanceVenue(this, null, shared.withCredentials(apiKey, secret, timeout));
            }
            BinanceRest root = BinanceRest.builder()
                    .baseUrl(baseUrl)
                    .connectTimeout(timeout)
                    .requestTimeout(timeout)
                    .recvWindow(recvWindow)
                    .clock(clock)
                    .build();
            return new BinanceVenue(this, root, root.withCredentials(apiKey, secret, timeout));
        }
    }
}
