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
import io.cryptogo.trading.Side;
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
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.ExchangeType;
import org.knowm.xchange.binance.dto.account.BinanceAccountInformation;
import org.knowm.xchange.binance.dto.account.BinanceBalance;
import org.knowm.xchange.binance.dto.trade.BinanceNewOrder;
import org.knowm.xchange.binance.dto.trade.BinanceTrade;
import org.knowm.xchange.binance.dto.trade.TimeInForce;
import org.knowm.xchange.binance.service.BinanceAccountService;
import org.knowm.xchange.binance.service.BinanceTradeService;
import org.knowm.xchange.currency.CurrencyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import si.mazi.rescu.HttpStatusIOException;

/**
 * Binance spot orders through XChange's trade and account services: place (with {@code
 * newClientOrderId}), cancel, query, balances. Sends to the spot testnet unless {@code
 * BINANCE_TESTNET=false}.
 *
 * <p>Placement is never retried: XChange's retries are switched off, and a timeout, a dropped connection
 * or a 5xx throws {@link ExchangeUnavailableException} so that the trader marks the order UNKNOWN until
 * {@link #query} settles it by client order id (Binance's {@code origClientOrderId}; XChange can only ask
 * by exchange order id, so that one signed GET is made here directly). Keys are never logged.
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
    private final BinanceTradeService trade;
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
        this.trade = (BinanceTradeService) exchange.getTradeService();
        this.account = (BinanceAccountService) exchange.getAccountService();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
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
        try {
            BinanceNewOrder r = trade.newOrder(
                    pair(o),
                    o.side() == Side.BUY
                            ? org.knowm.xchange.binance.dto.trade.OrderSide.BUY
                            : org.knowm.xchange.binance.dto.trade.OrderSide.SELL,
                    o.type() == OrderType.LIMIT
                            ? org.knowm.xchange.binance.dto.trade.OrderType.LIMIT
                            : org.knowm.xchange.binance.dto.trade.OrderType.MARKET,
                    o.type() == OrderType.LIMIT ? TimeInForce.GTC : null,
                    o.quantity(),
                    null,
                    o.limitPrice().orElse(null),
                    o.clientOrderId(),
                    null,
                    null,
                    null,
                    BinanceNewOrder.NewOrderResponseType.FULL);
            List<Fill> fills = new ArrayList<>();
            BigDecimal fee = BigDecimal.ZERO;
            BigDecimal quote = BigDecimal.ZERO;
            String feeAsset = null;
            if (r.fills != null) {
                for (BinanceTrade t : r.fills) {
                    long id = t.tradeId != 0 ? t.tradeId : t.id;
                    fills.add(fill(
                            o,
                            String.valueOf(id),
                            t.price,
                            t.qty,
                            t.commission,
                            t.commissionAsset,
                            Instant.ofEpochMilli(r.transactTime)));
                    fee = fee.add(t.commission);
                    quote = quote.add(t.price.multiply(t.qty));
                    feeAsset = t.commissionAsset;
                }
            }
            BigDecimal executed = r.executedQty == null ? BigDecimal.ZERO : r.executedQty;
            log.info("binance placed {} as {}: {}", o.clientOrderId(), r.orderId, r.status);
            return new ExecutionReport(
                    o.clientOrderId(),
                    Optional.of(String.valueOf(r.orderId)),
                    status(r.status.name(), executed),
                    executed,
                    executed.signum() > 0 && quote.signum() > 0
                            ? Optional.of(quote.divide(executed, MC))
                            : Optional.empty(),
                    fee,
                    Optional.ofNullable(feeAsset),
                    fills,
                    Optional.empty());
        } catch (BinanceException e) {
            return rejectedOrUnknown(o, e, "placing");
        } catch (IOException | RuntimeException e) {
            throw unknown(o, "placing", e);
        }
    }

    /** A 4xx with a Binance code is a definite refusal; a 5xx or a rate limit leaves the outcome open. */
    private ExecutionReport rejectedOrUnknown(Order o, BinanceException e, String what) {
        int http = e.getHttpStatusCode();
        if (http == 429 || http == 418) {
            throw new RateLimitedException(
                    "Binance rate limit while " + what + " " + o.clientOrderId() + ": " + e.getMessage(),
                    Duration.ofSeconds(60),
                    http == 418);
        }
        if (http >= 500 || http == 0) {
            throw unknown(o, what, e);
        }
        log.info("binance refused {} {}: {} {}", what, o.clientOrderId(), e.getCode(), e.getMessage());
        return ExecutionReport.status(o, OrderStatus.REJECTED, "Binance " + e.getCode() + ": " + e.getMessage());
    }

    private static ExchangeUnavailableException unknown(Order o, String what, Exception e) {
        if (e instanceof HttpStatusIOException h && h.getHttpStatusCode() >= 400 && h.getHttpStatusCode() < 500) {
            return new ExchangeUnavailableException("Binance answered " + h.getHttpStatusCode() + " while " + what, e);
        }
        return new ExchangeUnavailableException(
                "no answer from Binance while " + what + " " + o.clientOrderId() + ": "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                e);
    }

    @Override
    public ExecutionReport cancel(Order o) {
        Optional<String> id = o.exchangeOrderId();
        if (id.isEmpty()) {
            return query(o).orElse(ExecutionReport.status(o, OrderStatus.EXPIRED, "unknown to Binance"));
        }
        try {
            trade.cancelOrderAllProducts(pair(o), Long.valueOf(id.get()), null, null);
            log.info("binance canceled {}", o.clientOrderId());
        } catch (BinanceException e) {
            if (e.getHttpStatusCode() >= 500) {
                throw unknown(o, "canceling", e);
            }
            // -2011: already filled or canceled; the query below says which
            log.info("binance refused cancel of {}: {} {}", o.clientOrderId(), e.getCode(), e.getMessage());
        } catch (IOException e) {
            throw unknown(o, "canceling", e);
        }
        return query(o).orElse(ExecutionReport.status(o, OrderStatus.EXPIRED, "unknown to Binance"));
    }

    @Override
    public Optional<ExecutionReport> query(Order o) {
        JsonNode n = signedGet(
                "/api/v3/order",
                "symbol=" + o.symbol().exchangeCode() + "&origClientOrderId="
                        + URLEncoder.encode(o.clientOrderId(), StandardCharsets.UTF_8));
        if (n == null) {
            return Optional.empty();
        }
        BigDecimal executed = new BigDecimal(n.path("executedQty").asText("0"));
        BigDecimal quote = new BigDecimal(n.path("cummulativeQuoteQty").asText("0"));
        long orderId = n.path("orderId").asLong();
        List<Fill> fills = new ArrayList<>();
        BigDecimal fee = BigDecimal.ZERO;
        String feeAsset = null;
        if (executed.signum() > 0) {
            try {
                for (BinanceTrade t : trade.myTradesAllProducts(pair(o), orderId, null, null, null, null)) {
                    if (t.orderId != orderId) {
                        continue;
                    }
                    fills.add(fill(
                            o,
                            String.valueOf(t.id),
                            t.price,
                            t.qty,
                            t.commission,
                            t.commissionAsset,
                            Instant.ofEpochMilli(t.time)));
                    fee = fee.add(t.commission);
                    feeAsset = t.commissionAsset;
                }
            } catch (IOException e) {
                throw new ExchangeUnavailableException(
                        "Binance trades of " + o.clientOrderId() + " unavailable: " + e.getMessage(), e);
            }
        }
        return Optional.of(new ExecutionReport(
                o.clientOrderId(),
                Optional.of(String.valueOf(orderId)),
                status(n.path("status").asText(), executed),
                executed,
                executed.signum() > 0 ? Optional.of(quote.divide(executed, MC)) : Optional.empty(),
                fee,
                Optional.ofNullable(feeAsset),
                fills,
                Optional.empty()));
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

    private static CurrencyPair pair(Order o) {
        return new CurrencyPair(o.symbol().base(), o.symbol().quote());
    }

    /** A signed GET; null when Binance says the order does not exist (-2013). */
    private JsonNode signedGet(String path, String params) {
        String query = params + "&recvWindow=5000&timestamp=" + System.currentTimeMillis();
        String signed = query + "&signature=" + sign(query);
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + signed))
                .timeout(timeout)
                .header("X-MBX-APIKEY", apiKey)
                .GET()
                .build();
        HttpResponse<String> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ExchangeUnavailableException("no answer from Binance at " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeUnavailableException("interrupted while asking Binance at " + path, e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(res.body());
        } catch (IOException e) {
            throw new ExchangeUnavailableException(
                    "Binance answered " + res.statusCode() + " with a body that is not JSON at " + path, e);
        }
        if (res.statusCode() == 200) {
            return body;
        }
        int code = body.path("code").asInt();
        if (code == -2013) {
            return null;
        }
        if (res.statusCode() == 429 || res.statusCode() == 418) {
            long after = res.headers().firstValueAsLong("Retry-After").orElse(60);
            throw new RateLimitedException(
                    "Binance rate limit at " + path, Duration.ofSeconds(after), res.statusCode() == 418);
        }
        if (res.statusCode() >= 500) {
            throw new ExchangeUnavailableException("Binance answered " + res.statusCode() + " at " + path);
        }
        throw new InvalidRequestException(
                "order",
                "Binance refused " + path + ": " + code + " " + body.path("msg").asText());
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
