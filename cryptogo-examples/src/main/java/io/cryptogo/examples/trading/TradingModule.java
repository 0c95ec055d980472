package io.cryptogo.examples.trading;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.CryptoGoException;
import io.cryptogo.InvalidRequestException;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.Params;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.mode.AutoTrading;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's trading part: the orders, account, positions and proposals REST API (state-changing calls
 * need {@code Authorization: Bearer <CRYPTOGO_API_TOKEN>}), the dashboard and history pages, and fill
 * markers on the chart. Publishes the {@link Trader} as a service so that a module registered later (the
 * AI module) can hand it signals: {@code app.service(Trader.class).get().auto().onSignal(signal)}.
 *
 * <pre>{@code
 * CryptoGoApp.builder(cg).module(new TradingModule()).build().start();
 * }</pre>
 */
public final class TradingModule implements AppModule {
    private static final Logger log = LoggerFactory.getLogger(TradingModule.class);

    private final Trader given;
    private final ApiToken givenToken;
    private final PrintStream out;
    private Trader trader;
    private ApiToken token;

    /** Builds the trader from the app's configuration and database ({@link Trader#fromConfig}). */
    public TradingModule() {
        this(null, null, System.out);
    }

    /** Uses this trader and token (tests, embedding). */
    public TradingModule(Trader trader, ApiToken token) {
        this(trader, token, System.out);
    }

    private TradingModule(Trader trader, ApiToken token, PrintStream out) {
        this.given = trader;
        this.givenToken = token;
        this.out = out;
    }

    @Override
    public String name() {
        return "trading";
    }

    public Trader trader() {
        return trader;
    }

    public ApiToken token() {
        return token;
    }

    @Override
    public void register(AppRegistry app) {
        token = givenToken != null ? givenToken : ApiToken.fromConfig(app.config());
        if (token.generated()) {
            // nobody else could know the token: keep the app on this machine
            app.javalin().jetty.host = "127.0.0.1";
            out.println();
            out.println("  CRYPTOGO_API_TOKEN was not set; generated for this run (shown once):");
            out.println("  " + token.value());
            out.println("  the app listens on 127.0.0.1 only; set CRYPTOGO_API_TOKEN to serve other hosts");
            out.println();
        }
        if (given != null) {
            trader = given;
        } else {
            trader =
                    Trader.fromConfig(app.config(), app.market(), app.cryptoGo().database());
            app.closeOnStop(trader);
        }
        app.service(Trader.class, trader);
        app.service(ApiToken.class, token);
        Duration every = app.config().duration("EQUITY_SNAPSHOT_INTERVAL", Duration.ofMinutes(1));
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new io.cryptogo.config.ConfigException(
                    "EQUITY_SNAPSHOT_INTERVAL", "EQUITY_SNAPSHOT_INTERVAL must be at least 1s, got " + every);
        }
        ScheduledExecutorService snapshots = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cryptogo-equity");
            t.setDaemon(true);
            return t;
        });
        snapshots.scheduleAtFixedRate(this::snapshot, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        app.closeOnStop(snapshots::shutdownNow);
        trader.onOrderEvent(e -> {
            if (e.fill().isPresent()) {
                snapshot();
            }
        });

        var r = app.routes();
        r.post("/api/v1/orders", this::submit);
        r.delete("/api/v1/orders/{id}", ctx -> {
            token.require(ctx);
            ctx.json(trader.cancel(orderId(ctx)));
        });
        r.get(
                "/api/v1/orders",
                ctx -> ctx.json(trader.orders(statuses(ctx), Params.intInRange(ctx, "limit", 100, 1, 1000))));
        r.get(
                "/api/v1/orders/{id}",
                ctx -> ctx.json(trader.order(orderId(ctx))
                        .orElseThrow(() -> new NotFoundResponse("no order with id " + ctx.pathParam("id")))));
        r.get("/api/v1/fills", ctx -> {
            Optional<Symbol> symbol =
                    Optional.ofNullable(ctx.queryParam("symbol")).map(Symbol::parse);
            Instant since = Params.epochMillis(ctx, "since").orElse(Instant.EPOCH);
            ctx.json(trader.fills(symbol, since, Params.intInRange(ctx, "limit", 200, 1, 5000)));
        });
        r.get("/api/v1/account", ctx -> ctx.json(account()));
        r.get(
                "/api/v1/account/equity",
                ctx -> ctx.json(trader.store()
                        .equity(
                                trader.venue().accountId(),
                                Instant.EPOCH,
                                Params.intInRange(ctx, "limit", 500, 1, 10_000))));
        r.get("/api/v1/positions", ctx -> ctx.json(positions()));
        r.get(
                "/api/v1/protection",
                ctx -> ctx.json(trader.protection().stream()
                        .map(p -> Map.of("symbol", p.symbol(), "protection", TradingJson.ProtectionView.of(p)))
                        .toList()));
        r.get("/api/v1/proposals", ctx -> {
            String status = Params.oneOf(ctx, "status", "pending", List.of("pending", "all"));
            ctx.json(
                    status.equals("pending")
                            ? trader.proposals().pending()
                            : trader.proposals().all(200));
        });
        r.post("/api/v1/proposals", ctx -> {
            token.require(ctx);
            TradeSignal s = TradingJson.signal(body(ctx), trader.clock().instant());
            AutoTrading.Outcome o = trader.auto().onSignal(s);
            if (o.skipped().isPresent()) {
                // spot: a SELL with no position is nothing to do, not an error
                ctx.status(200).json(Map.of("skipped", o.skipped().get()));
                return;
            }
            if (o.proposal().isEmpty() && o.order().isEmpty()) {
                throw new InvalidRequestException("action", "a HOLD signal proposes nothing");
            }
            ctx.status(201)
                    .json(
                            o.proposal().isPresent()
                                    ? o.proposal().get()
                                    : o.order().get());
        });
        r.post("/api/v1/proposals/{id}/approve", ctx -> {
            token.require(ctx);
            ctx.json(trader.proposals().approve(ctx.pathParam("id")));
        });
        r.post("/api/v1/proposals/{id}/reject", ctx -> {
            token.require(ctx);
            String reason = null;
            if (!ctx.body().isBlank()) {
                reason = body(ctx).path("reason").asText(null);
            }
            ctx.json(trader.proposals().reject(ctx.pathParam("id"), reason));
        });

        app.page("/dashboard", "Dashboard", "dashboard");
        app.page("/history", "History", "history");
        app.nav("/dashboard", "Dashboard", 20);
        app.nav("/history", "History", 30);
        app.pageScript("/trading", "trade-marks");
        log.info(
                "trading endpoints ready on venue {} (auto trading {})",
                trader.venue().accountId(),
                trader.auto().mode());
    }

    private void submit(Context ctx) {
        token.require(ctx);
        OrderRequest req = TradingJson.orderRequest(body(ctx));
        boolean existed = trader.order(req.clientOrderId()).isPresent();
        Order o = trader.submit(req);
        ctx.status(existed ? 200 : 201).json(o);
    }

    private static JsonNode body(Context ctx) {
        try {
            return io.cryptogo.examples.app.Json.mapper().readTree(ctx.body());
        } catch (Exception e) {
            throw new InvalidRequestException("body", "the body is not valid JSON: " + e.getMessage());
        }
    }

    private static long orderId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(
                    "id", "order id must be a whole number, got '" + ctx.pathParam("id") + "'");
        }
    }

    private static List<OrderStatus> statuses(Context ctx) {
        String s = ctx.queryParam("status");
        if (s == null || s.isBlank()) {
            return List.of();
        }
        if (s.equalsIgnoreCase("open")) {
            return List.of(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED, OrderStatus.UNKNOWN);
        }
        return Arrays.stream(s.split(","))
                .map(x -> TradingJson.enumOf(OrderStatus.class, "status", x))
                .toList();
    }

    private Map<String, Object> account() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("venue", trader.venue().accountId());
        m.put("live", trader.venue().live());
        m.put("testnet", trader.venue().testnet());
        m.put("source", trader.source());
        m.put("equityAsset", trader.equityAsset());
        m.put("equity", trader.equity());
        m.put("balances", trader.balances());
        m.put("pnlToday", trader.pnlToday());
        m.put("tradesToday", trader.tradesToday());
        m.put("limits", trader.risk().limits());
        m.put("autoTrading", trader.auto().mode().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    private List<TradingJson.PositionView> positions() {
        List<TradingJson.PositionView> out = new ArrayList<>();
        Map<Symbol, TradingJson.ProtectionView> protection = new java.util.HashMap<>();
        trader.protection().forEach(x -> protection.put(x.symbol(), TradingJson.ProtectionView.of(x)));
        for (Position p : trader.positions()) {
            Optional<BigDecimal> price;
            try {
                price = Optional.of(trader.market().ticker(p.symbol()).price());
            } catch (CryptoGoException e) {
                price = Optional.empty();
            }
            out.add(TradingJson.PositionView.of(p, price, Optional.ofNullable(protection.get(p.symbol()))));
        }
        return out;
    }

    private void snapshot() {
        try {
            trader.snapshotEquity();
        } catch (RuntimeException e) {
            log.debug("equity snapshot skipped: {}", e.toString());
        }
    }
}
