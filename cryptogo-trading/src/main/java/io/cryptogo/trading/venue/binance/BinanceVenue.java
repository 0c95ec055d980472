package io.cryptogo.trading.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.ExchangeUnavailableException;
import io.cryptogo.InvalidRequestException;
import io.cryptogo.RateLimitedException;
import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Balance;
import io.cryptogo.trading.ExecutionReport;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.OrderType;
import io.cryptogo.trading.Venue;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.ExchangeType;
import org.knowm.xchange.binance.dto.account.BinanceAccountInformation;
import org.knowm.xchange.binance.dto.account.BinanceBalance;
import org.knowm.xchange.binance.service.BinanceAccountService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance spot orders: place (with {@code newClientOrderId}), cancel, query by client order id, and
 * balances. Sends to the spot testnet unless {@code BINANCE_TESTNET=false}.
 *
 * <p>Balances come through XChange's account service. Orders use Binance's SIGNED REST endpoints
 * directly (a raw layer under the generic one, as XChange itself is built): XChange 5.2.0 cannot read
 * Binance's order answers under the Jackson version this project pins ({@code timeInForce} fails to
 * deserialize), and its order query takes only the exchange order id, while settling an unknown outcome
 * needs {@code origClientOrderId}.
 *
 * <p>Placement is never retried: a timeout, a dropped connection or a 5xx throws {@link
 * ExchangeUnavailableException} so that the trader marks the order UNKNOWN until {@link #query} settles
 * it by client order id. A 4xx with a Binance error code is a definite refusal (REJECTED, with the code).
 * Keys are never logged.
 *
 * <pre>{@code
 * BinanceVenue v = BinanceVenue.fromConfig(Config.fromEnv(), market);   // BINANCE_API_KEY, BINANCE_SECRET
 * }</pre>
 */
public final class BinanceVenue implements Venue {
    /** Spot testnet REST base. */
    public static final String TESTNET_URL = "https://testnet.binance.vision";
    /** Production REST base. */
    public static final String MAIN_URL = "https://api.binance.com";

    private static final Logger log = LoggerFactory.getLogger(BinanceVenue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

    private final String accountId;
    private final String baseUrl;
    private final String apiKey;
    private final String secret;
    private final Duration timeout;
    private final BigDecimal feeRate;
    private final BinanceAccountService account;
    private final HttpClient http;

    private BinanceVenue(
            String accountId, String baseUrl, String apiKey, String secret, Duration timeout, BigDecimal feeRate) {
        this.accountId = accountId;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.secret = secret;
        this.timeout = timeout;
        this.feeRate = feeRate;
        URI u = URI.create(this.baseUrl);
        ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
        spec.setSslUri(this.baseUrl);
        spec.setHost(u.getHost());
        spec.setPort(u.getPort() > 0 ? u.getPort() : 443);
        spec.setApiKey(apiKey);
        spec.setSecretKey(secret);
        spec.setShouldLoadRemoteMetaData(false);
        spec.setHttpConnTimeout((int) timeout.toMillis());
        spec.setHttpReadTimeout((int) timeout.toMillis());
        spec.getResilience().setRetryEnabled(false);
        spec.getResilience().setRateLimiterEnabled(false);
        spec.setExchangeSpecificParametersItem(BinanceExchange.EXCHANGE_TYPE, ExchangeType.SPOT);
        spec.setExchangeSpecificParametersItem("Use_Sandbox", false);
        BinanceExchange exchange = (BinanceExchange) ExchangeFactory.INSTANCE.createExchange(spec);
        this.account = (BinanceAccountService) exchange.getAccountService();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * {@code BINANCE_API_KEY} and {@code BINANCE_SECRET} (required), {@code BINANCE_TESTNET} (default true),
     * {@code BINANCE_TRADE_BASE_URL} (overrides the REST base, e.g. a local test server), {@code
     * BINANCE_TRADE_TIMEOUT} (default 10s), {@code BINANCE_FEE_RATE} (default 0.001, for the risk checks).
     */
    public static BinanceVenue fromConfig(Config c, MarketDataSource market) {
        Objects.requireNonNull(market, "market");
        String key = c.get("BINANCE_API_KEY")
                .orElseThrow(
                        () -> new ConfigException("BINANCE_API_KEY", "TRADING_VENUE=binance needs BINANCE_API_KEY"));
        String secret = c.get("BINANCE_SECRET")
                .orElseThrow(() -> new ConfigException("BINANCE_SECRET", "TRADING_VENUE=binance needs BINANCE_SECRET"));
        boolean testnet = c.bool("BINANCE_TESTNET", true);
        String base = c.url("BINANCE_TRADE_BASE_URL").map(URI::toString).orElse(testnet ? TESTNET_URL : MAIN_URL);
        Duration timeout = c.duration("BINANCE_TRADE_TIMEOUT", Duration.ofSeconds(10));
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new ConfigException(
                    "BINANCE_TRADE_TIMEOUT", "BINANCE_TRADE_TIMEOUT must be within 1ms..2m, got " + timeout);
        }
        BigDecimal fee = c.decimal("BINANCE_FEE_RATE", new BigDecimal("0.001"), BigDecimal.ZERO, new BigDecimal("0.1"));
        if (!testnet) {
            log.warn("BINANCE_TESTNET=false: orders go to the LIVE Binance spot market at {}", base);
        }
        return new BinanceVenue(testnet ? "binance-testnet" : "binance", base, key, secret, timeout, fee);
    }

    /** A venue at {@code baseUrl} (tests, or a mirror). */
    public static BinanceVenue of(String accountId, String baseUrl, String apiKey, String secret, Duration timeout) {
        return new BinanceVenue(accountId, baseUrl, apiKey, secret, timeout, new BigDecimal("0.001"));
    }

    @Override
    public String accountId() {
        return accountId;
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public BigDecimal feeRate() {
        return feeRate;
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public ExecutionReport place(Order o) {
        StringBuilder q = new StringBuilder()
                .append("symbol=")
                .append(o.symbol().exchangeCode())
                .append("&side=")
                .append(o.side().name())
                .append("&type=")
                .append(o.type().name())
                .append("&quantity=")
                .append(o.quantity().toPlainString());
        if (o.type() == OrderType.LIMIT) {
            q.append("&timeInForce=GTC&price=")
                    .append(o.limitPrice().orElseThrow().toPlainString());
        }
        q.append("&newClientOrderId=").append(enc(o.clientOrderId())).append("&newOrderRespType=FULL");
        Response r;
        try {
            r = send("POST", "/api/v3/order", q.toString());
        } catch (ExchangeUnavailableException e) {
            throw new ExchangeUnavailableException("placing " + o.clientOrderId() + ": " + e.getMessage(), e);
        }
        if (r.status() == 200 && r.body() != null) {
            JsonNode n = r.body();
            List<Fill> fills = new ArrayList<>();
            BigDecimal fee = BigDecimal.ZERO;
            String feeAsset = null;
            Instant t = Instant.ofEpochMilli(n.path("transactTime").asLong(System.currentTimeMillis()));
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
        if (r.status() == 429 || r.status() == 418) {
            throw new RateLimitedException(
                    "Binance rate limit while placing " + o.clientOrderId(), r.retryAfter(), r.status() == 418);
        }
        if (r.status() >= 500 || r.body() == null) {
            throw new ExchangeUnavailableException(
                    "Binance answered " + r.status() + " while placing " + o.clientOrderId() + "; outcome unknown");
        }
        String why = "Binance " + r.body().path("code").asInt() + ": "
                + r.body().path("msg").asText();
        log.info("binance refused {}: {}", o.clientOrderId(), why);
        return ExecutionReport.status(o, OrderStatus.REJECTED, why);
    }

    @Override
    public ExecutionReport cancel(Order o) {
        Response r = send(
                "DELETE",
                "/api/v3/order",
                "symbol=" + o.symbol().exchangeCode() + "&origClientOrderId=" + enc(o.clientOrderId()));
        if (r.status() >= 500 || r.body() == null) {
            throw new ExchangeUnavailableException(
                    "Binance answered " + r.status() + " while canceling " + o.clientOrderId());
        }
        if (r.status() == 200) {
            log.info("binance canceled {}", o.clientOrderId());
        } else {
            // -2011: already filled or canceled; the query below says which
            log.info(
                    "binance refused cancel of {}: {}",
                    o.clientOrderId(),
                    r.body().path("msg").asText());
        }
        return query(o).orElse(ExecutionReport.status(o, OrderStatus.EXPIRED, "unknown to Binance"));
    }

    @Override
    public Optional<ExecutionReport> query(Order o) {
        Response r = send(
                "GET",
                "/api/v3/order",
                "symbol=" + o.symbol().exchangeCode() + "&origClientOrderId=" + enc(o.clientOrderId()));
        JsonNode n = expectOk(r, "/api/v3/order");
        if (n == null) {
            return Optional.empty();
        }
        List<Fill> fills = new ArrayList<>();
        BigDecimal fee = BigDecimal.ZERO;
        String feeAsset = null;
        if (dec(n, "executedQty").signum() > 0) {
            String orderId = n.path("orderId").asText();
            JsonNode trades = expectOk(
                    send("GET", "/api/v3/myTrades", "symbol=" + o.symbol().exchangeCode() + "&orderId=" + orderId),
                    "/api/v3/myTrades");
            for (JsonNode t : trades == null ? JSON.createArrayNode() : trades) {
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

    /** The body of a 200; null for "no such order" (-2013); throws for everything else. */
    private static JsonNode expectOk(Response r, String path) {
        if (r.status() == 200 && r.body() != null) {
            return r.body();
        }
        if (r.body() != null && r.body().path("code").asInt() == -2013) {
            return null;
        }
        if (r.status() == 429 || r.status() == 418) {
            throw new RateLimitedException("Binance rate limit at " + path, r.retryAfter(), r.status() == 418);
        }
        if (r.status() >= 500 || r.body() == null) {
            throw new ExchangeUnavailableException("Binance answered " + r.status() + " at " + path);
        }
        throw new InvalidRequestException(
                "order",
                "Binance refused " + path + ": " + r.body().path("code").asInt() + " "
                        + r.body().path("msg").asText());
    }

    private static BigDecimal dec(JsonNode n, String field) {
        String v = n.path(field).asText("");
        return v.isEmpty() ? BigDecimal.ZERO : new BigDecimal(v);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public List<Balance> balances() {
        try {
            BinanceAccountInformation info = account.account();
            List<Balance> out = new ArrayList<>();
            for (BinanceBalance b : info.balances) {
                if (b.getTotal().signum() > 0) {
                    out.add(new Balance(b.getCurrency().getCurrencyCode(), b.getAvailable(), b.getLocked()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new ExchangeUnavailableException("Binance balances unavailable: " + e.getMessage(), e);
        }
    }

    private static Fill fill(
            Order o, String id, BigDecimal price, BigDecimal qty, BigDecimal fee, String feeAsset, Instant t) {
        return new Fill(
                o.id(),
                id,
                o.symbol(),
                o.side(),
                price,
                qty,
                fee,
                feeAsset == null ? o.symbol().quote() : feeAsset,
                BigDecimal.ZERO,
                t);
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

    /** A signed request's answer: the HTTP status and the JSON body (null when it is not JSON). */
    private record Response(int status, JsonNode body, Duration retryAfter) {}

    /**
     * One signed request ({@code timestamp}, {@code recvWindow}, {@code signature} = HMAC-SHA256 of the
     * query string, header {@code X-MBX-APIKEY}); sent once, never retried.
     *
     * @throws ExchangeUnavailableException when no answer came (timeout, connection reset)
     */
    private Response send(String method, String path, String params) {
        String query = params + "&recvWindow=5000&timestamp=" + System.currentTimeMillis();
        String signed = query + "&signature=" + sign(query);
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + signed))
                .timeout(timeout)
                .header("X-MBX-APIKEY", apiKey)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ExchangeUnavailableException("no answer from Binance at " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeUnavailableException("interrupted while asking Binance at " + path, e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(res.body());
        } catch (IOException e) {
            body = null;
        }
        if (body != null && (body.isMissingNode() || body.isNull())) {
            body = null;
        }
        Duration after =
                Duration.ofSeconds(res.headers().firstValueAsLong("Retry-After").orElse(60));
        return new Response(res.statusCode(), body, after);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "BinanceVenue[" + accountId + " " + baseUrl + "]";
    }
}
